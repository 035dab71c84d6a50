import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { advancePosition, logPosition, TAGS_CHANGED, type Gap } from '../changeLog.js';
import type { ParsedQuery } from '../query.js';
import type { TextMatches } from '../workIndex.js';
import { scoredMatches, type ScoredRow, type TextSearch } from './textSearch.js';

/** More changed works than this since an answer was kept, and it is matched afresh. */
const MAX_PATCH = 100;
/** More log entries than this since (kudos and hits log one each), and it is matched afresh. */
const MAX_ENTRIES = 50_000;

type Kept = { seq: number; gap: Gap; ids: Int32Array; scores: Float64Array };

export type MatchCacheLimits = { maxAnswers: number; maxIds: number };

/**
 * Keeps text matches between searches (the server's search thread uses it). A one-word search over
 * a million works matches tens of thousands, and ranking them all costs SQLite 40–100 ms, while
 * popular searches repeat. A kept answer is brought up to date when it is used again: the works
 * whose document changed since (their `work_changes` entries, written in the same transaction
 * as the document) are dropped from it and matched again one by one, so it never misses a new
 * work nor keeps a removed one. Only the other works' scores are not recomputed as the archive's
 * word statistics drift, so their order may lag a little until the answer is evicted.
 * `quire reindex` rewrites documents without log entries: it gives the same documents.
 */
export function cachingTextSearch(db: Kysely<DB>, inner: TextSearch, limits: MatchCacheLimits): TextSearch {
  const kept = new Map<string, Kept>();
  let keptIds = 0;

  function keep(key: string, answer: Kept) {
    const old = kept.get(key);
    if (old) keptIds -= old.ids.length;
    kept.delete(key);
    if (answer.ids.length > limits.maxIds) return;
    kept.set(key, answer);
    keptIds += answer.ids.length;
    for (const [oldest, entry] of kept) {
      if (kept.size <= limits.maxAnswers && keptIds <= limits.maxIds) break;
      kept.delete(oldest);
      keptIds -= entry.ids.length;
    }
  }

  async function fresh(query: ParsedQuery): Promise<Kept> {
    // The log position first: a change committed during the match is patched in next time.
    const { to: seq, gap } = await logPosition(db);
    const m = await inner.match(query);
    return { seq, gap, ids: Int32Array.from(m.ids), scores: Float64Array.from(m.scores ?? []) };
  }

  /**
   * Where the answer's position moves (../changeLog.ts), or null when the log has run so far
   * ahead that matching afresh costs less. Kudos and hits log an entry each, so the ids are read
   * only when some are missing: as many entries as ids since, and none is.
   */
  async function moveOver(old: Kept): Promise<{ to: number; gap: Gap } | null> {
    const last = Number((await db.selectFrom('work_changes').select((eb) => eb.fn.max('id').as('last')).executeTakeFirst())?.last ?? old.seq);
    if (last - old.seq > MAX_ENTRIES) return null;
    const { n } = await db.selectFrom('work_changes').select((eb) => eb.fn.countAll().as('n'))
      .where('id', '>', old.seq).where('id', '<=', last).executeTakeFirstOrThrow();
    if (Number(n) === last - old.seq) return { to: last, gap: null };
    const ids = (await db.selectFrom('work_changes').select('id').where('id', '>', old.seq).where('id', '<=', last).orderBy('id').execute()).map((r) => r.id);
    return advancePosition(old.seq, ids, old.gap, Date.now());
  }

  /** The answer with the works changed since it was made taken out and matched again. */
  async function patched(query: ParsedQuery, old: Kept): Promise<Kept> {
    // The position first: whatever it passes is among the changes read after.
    const moved = await moveOver(old);
    if (!moved) return fresh(query);
    const changed = await db.selectFrom('work_changes').select(['id', 'work_id'])
      .where('id', '>', old.seq).where('counts_only', '=', 0).where('work_id', '!=', TAGS_CHANGED)
      .orderBy('id').limit(MAX_PATCH + 1).execute();
    if (changed.length > MAX_PATCH) return fresh(query);
    if (changed.length === 0) return { ...old, seq: moved.to, gap: moved.gap };
    const works = new Set(changed.map((c) => c.work_id));
    const again = await inner.matchAmong(query, [...works]);
    const rows: ScoredRow[] = [];
    old.ids.forEach((id, i) => { if (!works.has(id)) rows.push({ id, score: old.scores[i]! }); });
    Array.from(again.ids).forEach((id, i) => rows.push({ id, score: Number(again.scores?.[i] ?? 0) }));
    rows.sort((a, b) => Number(b.score) - Number(a.score) || b.id - a.id);
    return { seq: moved.to, gap: moved.gap, ...scoredMatches(rows) };
  }

  return {
    indexWorks: inner.indexWorks,
    matchAmong: inner.matchAmong,
    async match(query): Promise<TextMatches> {
      const key = JSON.stringify(query);
      const old = kept.get(key);
      const answer = old ? await patched(query, old) : await fresh(query);
      keep(key, answer);
      return { ids: answer.ids, scores: answer.scores };
    },
  };
}
