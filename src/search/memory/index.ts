import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { advancePosition, logCountsChange, logPosition, logTagsChange, logWorkChange, TAGS_CHANGED, type Gap } from '../changeLog.js';
import type { Facets, SortKey, WorkIndex, WorkListQuery, WorkListResult } from '../workIndex.js';
import { Columns } from './columns.js';
import { evaluate, Scratch } from './engine.js';
import { loadAllWorkFacts, loadWorkFacts } from './load.js';
import { Postings } from './postings.js';
import { TagGraph } from './tagGraph.js';
import { GlobalFacets } from './globalFacets.js';


/**
 * `markersPast`: wrangling markers past the position (beyond a gap) already applied, so they
 * are not applied again at every catch-up until the position passes them.
 */
type State = { cols: Columns; graph: TagGraph; postings: Postings; facets: GlobalFacets; lastSeq: number; gap: Gap; markersPast: Set<number> };

/**
 * A kept answer, and what can change it: a work can only enter or leave it (or move its counts)
 * if it carries one of `guard`'s tags, before or after the change (the tags its scope or first
 * included tag stands for); null when any work could.
 */
type Kept = { answer: WorkListResult; guard: Set<number> | null; byCounts: boolean };

/** Sidebar counts, kept for every sort and page of one filter: counts and order cannot move them. */
type KeptFacets = { facets: Facets; guard: Set<number> | null };

/** The most answers (and sets of sidebar counts) kept; the oldest go first. */
const MAX_KEPT = 1_000;

function keep<T>(map: Map<string, T>, key: string, value: T) {
  if (map.size >= MAX_KEPT) map.delete(map.keys().next().value!);
  map.set(key, value);
}

const COUNT_SORTS: ReadonlySet<SortKey> = new Set(['kudos_count', 'hits_count', 'comments_count', 'bookmarks_count']);

function guardOf(graph: TagGraph, q: WorkListQuery): Set<number> | null {
  const tag = q.scope.kind === 'tag' ? q.scope.tagId : q.filter.include[0];
  return tag === undefined ? null : new Set(graph.expand(tag));
}

/** Adds the tags the index holds for this work (none if it holds no such work). */
function tagsOf(s: State, workId: number, into: Set<number>) {
  const slot = s.cols.slotOf(workId);
  if (slot === undefined) return;
  const start = s.cols.tagStart[slot]!;
  for (let i = start; i < start + s.cols.tagLen[slot]!; i++) into.add(s.cols.tagPool[i]!);
}

function meets(guard: Set<number> | null, tags: Set<number>): boolean {
  if (guard === null) return true;
  const [small, large] = guard.size < tags.size ? [guard, tags] : [tags, guard];
  for (const t of small) if (large.has(t)) return true;
  return false;
}

export type MemoryWorkIndex = WorkIndex & {
  /** Loads every posted work now (a server does this before it listens); otherwise the first listing does. */
  ready(): Promise<void>;
  close(): Promise<void>;
};

/**
 * Listings, filters and facets from memory: every posted work's listing facts in typed arrays,
 * kept current by following the `work_changes` log (this process's writes and other processes').
 * Nothing is loaded until a listing needs it, so commands that only write (import) start at once.
 */
export function memoryWorkIndex(db: Kysely<DB>, options: { followEveryMs?: number } = {}): MemoryWorkIndex {
  let state: State | null = null;
  let loading: Promise<State> | null = null;
  const scratch = new Scratch();
  let syncing: Promise<void> | null = null;
  // Busy listings repeat the same queries: answers are reused until a change that could touch them.
  const answers = new Map<string, Kept>();
  const facetSets = new Map<string, KeptFacets>();

  const load = () => (loading ??= (async () => {
    // The log position is read first: whatever changes during the load is replayed after it.
    const { to: lastSeq, gap } = await logPosition(db);
    const graph = await TagGraph.load(db);
    const cols = new Columns();
    for await (const chunk of loadAllWorkFacts(db)) for (const w of chunk) cols.put(w, graph.shownArr);
    cols.trim();
    state = { cols, graph, postings: Postings.build(cols, graph.maxId), facets: GlobalFacets.build(cols, graph), lastSeq, gap, markersPast: new Set() };
    return state;
  })());

  async function catchUp(s: State) {
    const changes = await db.selectFrom('work_changes').select(['id', 'work_id', 'counts_only']).where('id', '>', s.lastSeq).orderBy('id').limit(10_000).execute();
    if (changes.length === 0) return;
    // Entries past a missing id are applied now, and again until the position passes them:
    // applying an entry reads the work as it is, so twice does no harm.
    const moved = advancePosition(s.lastSeq, changes.map((c) => c.id), s.gap, Date.now());
    s.lastSeq = moved.to;
    s.gap = moved.gap;
    const tagsChanged = changes.some((c) => c.work_id === TAGS_CHANGED && !s.markersPast.has(c.id));
    s.markersPast = new Set(changes.filter((c) => c.work_id === TAGS_CHANGED && c.id > s.lastSeq).map((c) => c.id));
    if (tagsChanged) s.graph = await TagGraph.load(db);
    // Tags made since (by posting) are plain, unwrangled ones: learn them before counting works.
    const fresh = await db.selectFrom('tags').select(['id', 'name', 'type']).where('id', '>', s.graph.maxId).execute();
    for (const t of fresh) s.graph.learn(t.id, t.name, t.type);
    const ids = [...new Set(changes.filter((c) => c.counts_only === 0 && c.work_id !== TAGS_CHANGED).map((c) => c.work_id))];
    const whole = new Set(ids);
    const countsOnly = [...new Set(changes.filter((c) => c.counts_only === 1 && !whole.has(c.work_id)).map((c) => c.work_id))];
    // The tags of works that changed (as they were and as they are), and of works whose counts did.
    const touched = new Set<number>();
    const recounted = new Set<number>();
    for (let i = 0; i < countsOnly.length; i += 500) {
      const rows = await db.selectFrom('works').select(['id', 'kudos_count', 'hits_count', 'comments_count', 'bookmarks_count'])
        .where('id', 'in', countsOnly.slice(i, i + 500)).execute();
      for (const r of rows) {
        s.cols.setCounts(r.id, { kudos: r.kudos_count, hits: r.hits_count, comments: r.comments_count, bookmarks: r.bookmarks_count });
        tagsOf(s, r.id, recounted);
      }
    }
    for (let i = 0; i < ids.length; i += 500) {
      const { facts, removed } = await loadWorkFacts(db, { ids: ids.slice(i, i + 500) });
      // Counts move work by work, except when wrangling changed what every tag counts as.
      const uncount = (id: number) => {
        const slot = s.cols.slotOf(id);
        if (slot !== undefined && !tagsChanged) s.facets.remove(s.cols, slot);
      };
      for (const id of removed) {
        tagsOf(s, id, touched);
        uncount(id);
        s.cols.remove(id);
      }
      for (const w of facts) {
        tagsOf(s, w.id, touched);
        for (const t of w.tags) touched.add(t);
        uncount(w.id);
        const slot = s.cols.put(w, s.graph.shownArr);
        for (const t of w.tags) s.postings.add(t, slot);
        if (!tagsChanged) s.facets.add(s.cols, slot);
      }
    }
    if (tagsChanged) {
      s.cols.recheckShown(s.graph.shownArr);
      s.facets = GlobalFacets.build(s.cols, s.graph);
    }
    // Stale entries only cost time; rebuild when they have piled up.
    if (tagsChanged || s.postings.addedCount > Math.max(100_000, s.cols.size / 4)) s.postings = Postings.build(s.cols, s.graph.maxId);
    // Last, so an answer made while this catch-up awaited the database goes too if it could be stale.
    for (const [key, kept] of answers) {
      const stale = tagsChanged || (ids.length > 0 && meets(kept.guard, touched))
        || (countsOnly.length > 0 && kept.byCounts && meets(kept.guard, recounted));
      if (stale) answers.delete(key);
    }
    for (const [key, kept] of facetSets) {
      if (tagsChanged || (ids.length > 0 && meets(kept.guard, touched))) facetSets.delete(key);
    }
    if (changes.length === 10_000 && s.gap === null) await catchUp(s);
  }

  /** One catch-up at a time; callers arriving meanwhile wait for the next one. Nothing to do before loading. */
  async function sync(): Promise<void> {
    while (syncing) await syncing;
    if (!state) return;
    syncing = catchUp(state).finally(() => { syncing = null; });
    return syncing;
  }

  const timer = options.followEveryMs ? setInterval(() => void sync().catch(() => {}), options.followEveryMs) : null;
  timer?.unref();

  return {
    async list(q: WorkListQuery): Promise<WorkListResult> {
      const s = state ?? (await load());
      // Text matches differ per search and are large: those answers are not kept.
      const key = q.text ? null : JSON.stringify(q);
      const known = key ? answers.get(key) : undefined;
      if (known) return known.answer;
      // Counting the sidebar is most of a listing's work; another sort or page of the same filter
      // (or the same one after a kudos) reuses the counts.
      const facetKey = key && q.facetSize ? JSON.stringify({ ...q, sort: null, page: null }) : null;
      const keptFacets = facetKey ? facetSets.get(facetKey) : undefined;
      const r = evaluate(s.cols, s.postings, s.graph, scratch, keptFacets ? { ...q, facetSize: 0 } : q, s.facets);
      const answer = { ids: r.page, total: r.total, facets: keptFacets?.facets ?? r.facets };
      if (key) {
        const guard = guardOf(s.graph, q);
        keep(answers, key, { answer, guard, byCounts: COUNT_SORTS.has(q.sort) });
        if (facetKey && !keptFacets) keep(facetSets, facetKey, { facets: r.facets, guard });
      }
      return answer;
    },
    workChanged: logWorkChange,
    countsChanged: logCountsChange,
    sync,
    async tagsChanged() {
      await logTagsChange(db);
      await sync();
    },
    ready: async () => {
      await load();
      await sync();
    },
    async close() {
      if (timer) clearInterval(timer);
    },
  };
}
