import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { WorkFacts } from './columns.js';

const CHUNK = 20_000;

/** Which works to read: an id range (loading everything) or a list (catching up on changes). */
export type Which = { from: number; to: number } | { ids: number[] };

/** Listing facts of the chosen works, read in three queries; unposted, hidden or missing ones are `removed`. */
export async function loadWorkFacts(db: Kysely<DB>, which: Which): Promise<{ facts: WorkFacts[]; removed: number[] }> {
  const ids = 'ids' in which ? which.ids : null;
  const [from, to] = 'ids' in which ? [0, 0] : [which.from, which.to];
  const [works, creators, tags] = await Promise.all([
    db.selectFrom('works')
      .select(['id', 'status', 'restricted', 'revised_at', 'published_at', 'word_count', 'kudos_count', 'hits_count',
        'comments_count', 'bookmarks_count', 'posted_chapters', 'expected_chapters', 'language', 'title', 'hidden_at', 'anonymous'])
      .$if(ids !== null, (q) => q.where('id', 'in', ids!)).$if(ids === null, (q) => q.where('id', '>=', from).where('id', '<=', to))
      .orderBy('id').execute(),
    db.selectFrom('creatorships')
      .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
      .select(['creatorships.work_id', 'pseuds.id as pseud_id', 'pseuds.user_id', 'pseuds.name'])
      .$if(ids !== null, (q) => q.where('creatorships.work_id', 'in', ids!))
      .$if(ids === null, (q) => q.where('creatorships.work_id', '>=', from).where('creatorships.work_id', '<=', to))
      .orderBy('creatorships.work_id').orderBy('creatorships.position').execute(),
    db.selectFrom('work_tags').select(['work_id', 'tag_id'])
      .$if(ids !== null, (q) => q.where('work_id', 'in', ids!)).$if(ids === null, (q) => q.where('work_id', '>=', from).where('work_id', '<=', to))
      .orderBy('work_id').orderBy('position').execute(),
  ]);
  const creatorsOf = group(creators, (c) => c.work_id);
  const tagsOf = group(tags, (t) => t.work_id);
  const facts: WorkFacts[] = [];
  const removed: number[] = [];
  const found = new Set(works.map((w) => w.id));
  for (const id of ids ?? []) if (!found.has(id)) removed.push(id);
  for (const w of works) {
    // A work an admin hid is listed to no one, like a draft (policy/works.ts).
    if (w.status !== 'posted' || w.hidden_at !== null) {
      removed.push(w.id);
      continue;
    }
    // An anonymous work is listed under no one, so no user or pseud page gives its creators away.
    const cs = w.anonymous === 1 ? [] : creatorsOf.get(w.id) ?? [];
    facts.push({
      id: w.id,
      restricted: w.restricted === 1,
      revisedAt: Date.parse(w.revised_at),
      publishedAt: w.published_at ? Date.parse(w.published_at) : 0,
      words: w.word_count,
      kudos: w.kudos_count,
      hits: w.hits_count,
      comments: w.comments_count,
      bookmarks: w.bookmarks_count,
      chapters: w.posted_chapters,
      expected: w.expected_chapters ?? -1,
      language: w.language,
      title: w.title,
      creator: w.anonymous === 1 ? 'Anonymous' : cs[0]?.name ?? '',
      tags: (tagsOf.get(w.id) ?? []).map((t) => t.tag_id),
      creators: cs.map((c) => [c.pseud_id, c.user_id]),
    });
  }
  return { facts, removed };
}

/** Every posted work, a chunk at a time so memory stays flat however large the archive. */
export async function* loadAllWorkFacts(db: Kysely<DB>): AsyncGenerator<WorkFacts[]> {
  const max = await db.selectFrom('works').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
  const last = Number(max?.max ?? 0);
  for (let from = 1; from <= last; from += CHUNK) {
    yield (await loadWorkFacts(db, { from, to: from + CHUNK - 1 })).facts;
  }
}

function group<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return map;
}
