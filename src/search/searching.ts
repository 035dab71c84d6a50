import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { htmlToText } from '../formats/plainText.js';
import type { Viewer } from '../policy/viewer.js';
import type { Listing, ReadingService } from '../works/reading.js';
import { postedBodies, postedChapterIds } from '../works/store.js';
import { clauseTerms, parseQuery, type Clause, type ParsedQuery } from './query.js';
import { findTagByName } from '../tags/store.js';
import { snippet, type Snippet } from './snippet.js';
import type { TextSearch } from './text/textSearch.js';
import type { SortKey, WorkFilter } from './workIndex.js';

export type SearchResult = { ok: true; query: ParsedQuery; listing: Listing; snippets: Map<number, Snippet> } | { ok: false; message: string };

/**
 * A search box query over titles, creators, tags, summaries and chapter text, narrowed by the
 * same filters as any listing and by what the viewer may see (the listing index decides that).
 */
export function searchService(db: Kysely<DB>, text: TextSearch, reading: ReadingService) {
  return {
    async search(viewer: Viewer, input: string, request: { filter: WorkFilter; sort: SortKey; page: number; savedExclusions: boolean }): Promise<SearchResult> {
      const parsed = parseQuery(input);
      if (!parsed.ok) return parsed;
      // tag:"Name" naming a real tag filters by it, so synonyms and sub-tags count as on tag pages.
      const { textQuery, include, exclude } = await tagClausesAsFilters(db, parsed.query);
      const filter = { ...request.filter, include: [...request.filter.include, ...include], exclude: [...request.filter.exclude, ...exclude] };
      const matches = textQuery ? await text.match(textQuery) : undefined;
      const sort = !matches && request.sort === 'best_match' ? 'revised_at' : request.sort;
      const listing = await reading.list(viewer, { scope: { kind: 'all' }, ...request, filter, sort, text: matches, facets: true });
      const found = await passages(db, listing.works.map((w) => w.id), parsed.query);
      const snippets = new Map<number, Snippet>();
      for (const w of listing.works) snippets.set(w.id, snippet(htmlToText(found.get(w.id) ?? ''), parsed.query));
      return { ok: true, query: parsed.query, listing, snippets };
    },
  };
}

export type SearchService = ReturnType<typeof searchService>;

const WINDOW = 1500;
/**
 * Characters of chapter HTML a page of results may read looking for its passages (about 300,000
 * words). A phrase can be rare in a long work, or (on PostgreSQL, whose long works match "all the
 * words" where positions were not kept) not there as a phrase at all: past this, the works still
 * without a passage show their opening instead of reading on, chapter after chapter.
 */
const READ_BUDGET = 2_000_000;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where the query's first wanted word or phrase occurs: the whole of it, its words separated by anything not a letter or digit. */
function firstWanted(query: ParsedQuery): RegExp | null {
  const first = query.clauses.find((c) => !c.negated && c.field === 'any');
  const words = first ? clauseTerms(first).map(escapeRegExp).join('[^\\p{L}\\p{N}]+') : '';
  return words ? new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, 'iu') : null;
}

/** The stretch of a chapter's HTML around the first match, or null if it has none. */
function passageIn(body: string, pattern: RegExp): string | null {
  const at = body.search(pattern);
  if (at < 0) return null;
  // Start and end between tags where one is near, so no tag is cut in half.
  const tagEnd = body.lastIndexOf('>', at - WINDOW);
  const start = tagEnd >= 0 && tagEnd > at - 2 * WINDOW ? tagEnd + 1 : Math.max(0, at - WINDOW);
  const tagStart = body.indexOf('<', at + WINDOW);
  const end = tagStart >= 0 && tagStart < at + 2 * WINDOW ? tagStart : at + WINDOW;
  return body.slice(start, end);
}

/**
 * Each work's stretch of chapter HTML around the first place the query's first wanted word
 * occurs (else the opening of its first chapter), so a snippet costs the same for a 500,000-word
 * work as for a drabble. Chapters are read in reading order, a round for all the works at once,
 * one chapter each, then two, four...: a common word is found in the first, and a search never
 * reads twenty long works whole; nor more than READ_BUDGET characters in all.
 */
async function passages(db: Kysely<DB>, workIds: number[], query: ParsedQuery): Promise<Map<number, string>> {
  const chapters = await postedChapterIds(db, workIds);
  const pattern = firstWanted(query);
  const found = new Map<number, string>();
  const opening = new Map<number, string>();
  let pending = workIds.filter((w) => chapters.has(w));
  let read = 0;
  for (let from = 0, take = 1; pending.length > 0 && read < READ_BUDGET; from += take, take *= 2) {
    const round = (w: number) => chapters.get(w)!.slice(from, from + take);
    const bodies = await postedBodies(db, pending.flatMap(round));
    for (const w of pending) {
      for (const id of round(w)) {
        const body = bodies.get(id) ?? '';
        read += body.length;
        if (!opening.has(w)) opening.set(w, body.slice(0, 2 * WINDOW));
        const at = pattern && passageIn(body, pattern);
        if (at) {
          found.set(w, at);
          break;
        }
      }
    }
    // Without a word to look for, the opening is the passage.
    pending = pattern ? pending.filter((w) => !found.has(w) && chapters.get(w)!.length > from + take) : [];
  }
  for (const [w, text] of opening) if (!found.has(w)) found.set(w, text);
  return found;
}

async function tagClausesAsFilters(db: Kysely<DB>, query: ParsedQuery) {
  const include: number[] = [];
  const exclude: number[] = [];
  const rest: Clause[] = [];
  for (const clause of query.clauses) {
    const tag = clause.field === 'tag' ? await findTagByName(db, clause.source) : undefined;
    if (tag) (clause.negated ? exclude : include).push(tag.id);
    else rest.push(clause);
  }
  // Words to leave out need something to look for: then the tag clauses stay in the text query too.
  const textQuery: ParsedQuery | null = rest.some((c) => !c.negated) ? { clauses: rest } : rest.length > 0 ? query : null;
  return { textQuery, include, exclude };
}
