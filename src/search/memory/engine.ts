import { TAG_TYPES } from '../../tags/kinds.js';
import type { FacetTag, Facets, WorkListQuery, SortKey } from '../workIndex.js';
import { ALIVE, RESTRICTED, SHOWN_TWICE, type Columns } from './columns.js';
import type { Postings } from './postings.js';
import type { TagGraph } from './tagGraph.js';
import type { GlobalFacets } from './globalFacets.js';
import { topK } from './topK.js';

const EXCLUDE = 1 << 31;
const RATING = 1 << 30;
const MAX_INCLUDES = 30;
const FANDOM = TAG_TYPES.indexOf('fandom');
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Scratch arrays reused across queries; queries run one at a time on the event loop. */
export class Scratch {
  mark = new Int32Array(1024);
  counts = new Int32Array(1024);
  /** Counts by the tag a work carries, before they are added up by the tag it shows as. */
  carried = new Int32Array(1024);
  stamp = new Int32Array(1024);
  seen = new Int32Array(1024);
  private clock = 0;

  fit(maxTagId: number, slots: number) {
    if (maxTagId >= this.mark.length) {
      const n = (maxTagId + 1) * 2;
      this.mark = new Int32Array(n);
      this.counts = new Int32Array(n);
      this.carried = new Int32Array(n);
      this.stamp = new Int32Array(n);
    }
    if (slots > this.seen.length) this.seen = new Int32Array(slots * 2);
  }

  /** A fresh stamp value; wraps by clearing, so old stamps never collide with new ones. */
  tick(): number {
    if (++this.clock >= 2 ** 31 - 1) {
      this.stamp.fill(0);
      this.seen.fill(0);
      this.clock = 1;
    }
    return this.clock;
  }
}

export type Evaluation = { slots: Int32Array; total: number; facets: Facets; page: number[] };

/** A listing of every work with no condition at all: its counts can come from `GlobalFacets`. */
export function isUnfiltered(q: WorkListQuery): boolean {
  const f = q.filter;
  return q.scope.kind === 'all' && !q.text && f.include.length === 0 && f.exclude.length === 0 && f.ratings.length === 0
    && f.wordsFrom === undefined && f.wordsTo === undefined && !f.updatedFrom && !f.updatedTo && !f.complete
    && !f.singleChapter && !f.crossover && !f.language && !f.excludeCreators?.length;
}

export function evaluate(cols: Columns, postings: Postings, graph: TagGraph, scratch: Scratch, q: WorkListQuery, global?: GlobalFacets): Evaluation {
  scratch.fit(graph.maxId, cols.size);
  const { mark } = scratch;
  const touched: number[] = [];
  const setBit = (tag: number, bit: number) => {
    if (tag >= mark.length) return;
    if (mark[tag] === 0) touched.push(tag);
    mark[tag]! |= bit;
  };

  // Tag conditions become bits on the tags they expand to.
  const includes = [...q.filter.include, ...(q.scope.kind === 'tag' ? [q.scope.tagId] : [])].slice(0, MAX_INCLUDES);
  const groups = includes.map((t) => graph.expand(t));
  groups.forEach((tags, i) => tags.forEach((t) => setBit(t, 1 << i)));
  const includeMask = (2 ** groups.length - 1) | 0;
  for (const t of q.filter.exclude) for (const e of graph.expand(t)) setBit(e, EXCLUDE);
  for (const t of q.filter.ratings) for (const e of graph.expand(t)) setBit(e, RATING);

  try {
    const matches = filterCandidates(cols, scratch, q, candidates(cols, postings, scratch, q, groups), includeMask, touched.length > 0, graph);
    const facets = !q.facetSize ? {}
      : global && isUnfiltered(q) ? global.top(q.visibility.includeRestricted, q.facetSize)
      : countFacets(cols, graph, scratch, matches, q.facetSize);
    const k = q.page * q.perPage;
    // Text matches come best first, and filtering keeps their order: the page is a slice.
    const ordered = q.sort === 'best_match' && q.text ? Array.from(matches.subarray(0, k)) : topK(matches, k, comparator(cols, q.sort));
    const page = ordered.slice(k - q.perPage).map((s) => cols.id[s]!);
    return { slots: matches, total: matches.length, facets, page };
  } finally {
    for (const t of touched) mark[t] = 0;
  }
}

/** Where to start: text matches, else the rarest included tag's works, else (null) every work. */
function candidates(cols: Columns, postings: Postings, scratch: Scratch, q: WorkListQuery, groups: number[][]): ArrayLike<number> | null {
  if (q.text) {
    const out = new Int32Array(q.text.ids.length);
    let n = 0;
    for (const id of q.text.ids) {
      const s = cols.slotOf(id);
      if (s !== undefined) out[n++] = s;
    }
    return out.subarray(0, n);
  }
  if (groups.length > 0) {
    const sizes = groups.map((g) => g.reduce((n, t) => n + postings.size(t), 0));
    const rarest = groups[sizes.indexOf(Math.min(...sizes))]!;
    const stamp = scratch.tick();
    const out: number[] = [];
    for (const t of rarest) {
      postings.forEach(t, (s) => {
        if (scratch.seen[s] !== stamp) {
          scratch.seen[s] = stamp;
          out.push(s);
        }
      });
    }
    return out;
  }
  return null;
}

/** `tagged`: whether any tag condition is set; without one, a work's tags need not be read. */
function filterCandidates(cols: Columns, scratch: Scratch, q: WorkListQuery, from: ArrayLike<number> | null, includeMask: number, tagged: boolean, graph: TagGraph): Int32Array {
  const f = q.filter;
  const { mark } = scratch;
  const needRating = f.ratings.length > 0;
  const wordsFrom = f.wordsFrom ?? -1;
  const wordsTo = f.wordsTo ?? 2 ** 31 - 1;
  const updatedFrom = f.updatedFrom ? Date.parse(f.updatedFrom) : -Infinity;
  const updatedTo = f.updatedTo ? Date.parse(f.updatedTo) + 86_400_000 - 1 : Infinity;
  const lang = f.language === undefined ? -1 : cols.languages.indexOf(f.language);
  if (f.language !== undefined && lang < 0) return new Int32Array(0);
  const pool = cols.tagPool;
  const unwanted = f.excludeCreators?.length ? new Set(f.excludeCreators) : null;
  let out = new Int32Array(1024);
  let n = 0;
  const count = from ? from.length : cols.size;
  for (let k = 0; k < count; k++) {
    const s = from ? from[k]! : k;
    const flags = cols.flags[s]!;
    if (!(flags & ALIVE) || (flags & RESTRICTED && !q.visibility.includeRestricted)) continue;
    const words = cols.words[s]!;
    if (words < wordsFrom || words > wordsTo) continue;
    const revised = cols.revised[s]!;
    if (revised < updatedFrom || revised > updatedTo) continue;
    if (lang >= 0 && cols.lang[s] !== lang) continue;
    if (f.complete) {
      const done = cols.expected[s]! > 0 && cols.chapters[s]! >= cols.expected[s]!;
      if (done !== (f.complete === 'complete')) continue;
    }
    if (f.singleChapter && !(cols.chapters[s] === 1 && cols.expected[s] === 1)) continue;
    if ((q.scope.kind === 'user' || q.scope.kind === 'pseud') && !byCreator(cols, s, q.scope)) continue;
    if (unwanted && hasCreatorIn(cols, s, unwanted)) continue;
    if (tagged) {
      let acc = 0;
      const start = cols.tagStart[s]!;
      const end = start + cols.tagLen[s]!;
      for (let i = start; i < end; i++) {
        const t = pool[i]!;
        if (t < mark.length) acc |= mark[t]!;
      }
      if ((acc & includeMask) !== includeMask || acc & EXCLUDE || (needRating && !(acc & RATING))) continue;
    }
    if (f.crossover && (fandomCount(cols, graph, s) > 1) !== (f.crossover === 'only')) continue;
    if (n === out.length) {
      const next = new Int32Array(out.length * 2);
      next.set(out);
      out = next;
    }
    out[n++] = s;
  }
  return out.subarray(0, n);
}

function byCreator(cols: Columns, s: number, scope: { kind: 'user'; userId: number } | { kind: 'pseud'; pseudId: number }) {
  const start = cols.creatorStart[s]!;
  for (let i = 0; i < cols.creatorLen[s]!; i++) {
    const pseud = cols.creatorPool[start + 2 * i]!;
    const user = cols.creatorPool[start + 2 * i + 1]!;
    if (scope.kind === 'user' ? user === scope.userId : pseud === scope.pseudId) return true;
  }
  return false;
}

function hasCreatorIn(cols: Columns, s: number, users: Set<number>) {
  const start = cols.creatorStart[s]!;
  for (let i = 0; i < cols.creatorLen[s]!; i++) if (users.has(cols.creatorPool[start + 2 * i + 1]!)) return true;
  return false;
}

function fandomCount(cols: Columns, graph: TagGraph, s: number): number {
  const seen = new Set<number>();
  const start = cols.tagStart[s]!;
  for (let i = start; i < start + cols.tagLen[s]!; i++) {
    const t = cols.tagPool[i]!;
    if (graph.typeArr[t] === FANDOM) seen.add(graph.shownArr[t]!);
  }
  return seen.size;
}

/**
 * The most common tags of each type among the matches, each work counted once per tag it shows
 * as. Most works carry no two tags that show as one: their tags are counted as carried and added
 * up by shown tag at the end, which skips a lookup and a check per tag (memory-bound work, over
 * tens of thousands of works).
 */
function countFacets(cols: Columns, graph: TagGraph, scratch: Scratch, matches: Int32Array, size: number): Facets {
  const { counts, carried, stamp } = scratch;
  const shown = graph.shownArr;
  const pool = cols.tagPool;
  const touched: number[] = [];
  const carriedTouched: number[] = [];
  for (const s of matches) {
    const start = cols.tagStart[s]!;
    const end = start + cols.tagLen[s]!;
    if (cols.flags[s]! & SHOWN_TWICE) {
      const st = scratch.tick();
      for (let i = start; i < end; i++) {
        const t = shown[pool[i]!]!;
        if (stamp[t] === st) continue;
        stamp[t] = st;
        if (counts[t] === 0) touched.push(t);
        counts[t]! += 1;
      }
    } else {
      for (let i = start; i < end; i++) {
        const t = pool[i]!;
        if (carried[t] === 0) carriedTouched.push(t);
        carried[t]! += 1;
      }
    }
  }
  for (const t of carriedTouched) {
    const c = shown[t]!;
    if (counts[c] === 0) touched.push(c);
    counts[c]! += carried[t]!;
    carried[t] = 0;
  }
  const facets = bestPerType(graph, touched, (t) => counts[t]!, size);
  for (const t of touched) counts[t] = 0;
  return facets;
}

/** The `size` commonest tags of each type among `tags`; names are looked up for those alone. */
export function bestPerType(graph: TagGraph, tags: Iterable<number>, count: (t: number) => number, size: number): Facets {
  const best = TAG_TYPES.map(() => [] as number[]);
  const ahead = (a: number, b: number) => count(a) > count(b) || (count(a) === count(b) && a < b);
  for (const t of tags) {
    const list = best[graph.typeArr[t]!]!;
    if (list.length === size && !ahead(t, list[size - 1]!)) continue;
    let i = Math.min(list.length, size - 1);
    list[i] = t;
    while (i > 0 && ahead(list[i]!, list[i - 1]!)) {
      [list[i], list[i - 1]] = [list[i - 1]!, list[i]!];
      i--;
    }
  }
  const facets: Facets = {};
  TAG_TYPES.forEach((type, i) => {
    const list = best[i]!;
    if (list.length > 0) facets[type] = list.map((t): FacetTag => ({ id: t, name: graph.name(t), count: count(t) }));
  });
  return facets;
}

function comparator(cols: Columns, sort: SortKey): (a: number, b: number) => boolean {
  const byId = (a: number, b: number) => cols.id[a]! > cols.id[b]!;
  const desc = (col: Int32Array | Float64Array) => (a: number, b: number) => col[a]! > col[b]! || (col[a] === col[b] && byId(a, b));
  switch (sort) {
    case 'revised_at': return desc(cols.revised);
    case 'published_at': return desc(cols.published);
    case 'word_count': return desc(cols.words);
    case 'kudos_count': return desc(cols.kudos);
    case 'hits_count': return desc(cols.hits);
    case 'comments_count': return desc(cols.comments);
    case 'bookmarks_count': return desc(cols.bookmarks);
    case 'title': return (a, b) => { const c = collator.compare(cols.titles[a]!, cols.titles[b]!); return c < 0 || (c === 0 && byId(a, b)); };
    case 'creator': return (a, b) => { const c = collator.compare(cols.creatorNames[a]!, cols.creatorNames[b]!); return c < 0 || (c === 0 && byId(a, b)); };
    // Without a text query there is nothing to match best: newest first.
    case 'best_match': return desc(cols.revised);
  }
}
