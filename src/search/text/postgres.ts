import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';
import { clauseTerms, type Clause, type ParsedQuery } from '../query.js';
import { FIELD_COLUMN, loadWorkDocuments } from './document.js';
import { INEXACT, PASSAGE_OVERLAP, postgresDocument, quoteLexeme, SHADOW } from './postgresDocument.js';
import { scoredMatches, type DocumentWriter, type ScoredRow, type TextSearch } from './textSearch.js';

/**
 * PostgreSQL: work_search(work_id, doc, head) and work_search_passages(work_id, seq, body), all
 * tsvectors made by ./postgresDocument.ts, each with a GIN index. Queries are tsquery
 * values built here from the same words, as bound parameters.
 *
 * A work matches when `doc` holds every word the query wants and none it refuses (GIN answers
 * that from the index alone: no positions, no weights), and each phrase is in order in its head
 * or, for a phrase in any field, in one of its passages (GIN finds the passages holding all its
 * words; only those are read back to check positions). A phrase longer than a passage's overlap
 * is looked for by its first PASSAGE_OVERLAP + 1 words there (never fewer works than SQLite).
 * Matches are ranked by cover density over the head: among works that match only in their
 * chapter text, the newer comes first (SQLite's bm25 also weighs how often).
 *
 * Works filed before heads and passages existed (head is null) are checked in `doc`, which then
 * has positions, until `quire reindex` files them again.
 */

/** GIN's pending list, and the memory its merges gather entries in, during a whole reindex, in kB (see `bulk`). */
const BULK_PENDING_LIST_KB = 64 * 1024;
const BULK_WORK_MEM_KB = 64 * 1024;
const GIN_INDEXES = ['work_search_doc', 'work_search_head', 'work_search_passages_body'];

function clauseLexemes(clause: Clause): string[] {
  const prefix = clause.field === 'any' ? '' : SHADOW[FIELD_COLUMN[clause.field]]!;
  return clauseTerms(clause).map((t) => prefix + t);
}

function exact(lexemes: string[]): string {
  return lexemes.length === 1 ? quoteLexeme(lexemes[0]!) : `(${lexemes.map(quoteLexeme).join(' <-> ')})`;
}

/** A phrase as wanted: in order, next to each other, or all its words where one's positions are not all known. */
function wanted(lexemes: string[]): string {
  if (lexemes.length === 1) return quoteLexeme(lexemes[0]!);
  const markers = [...new Set(lexemes)].map((l) => quoteLexeme(INEXACT + l)).join(' | ');
  return `(${exact(lexemes)} | (${lexemes.map(quoteLexeme).join(' & ')} & (${markers})))`;
}

/** The tsquery over `doc`: every word of the wanted clauses, phrases taken apart; refused words left out. */
function wordsTsquery(query: ParsedQuery): string {
  const wantedWords = new Set(query.clauses.filter((c) => !c.negated).flatMap(clauseLexemes));
  const refused = query.clauses.filter((c) => c.negated && c.kind === 'word').flatMap(clauseLexemes);
  return [...[...wantedWords].map(quoteLexeme), ...refused.map((l) => `!${quoteLexeme(l)}`)].join(' & ');
}

/**
 * Whether the work `s` has the phrase where the clause wants it (see above). Each place is
 * asked through its GIN index for the works that have it, once for the whole query, so a work
 * that only holds the words is never read back.
 */
function hasPhrase(clause: Clause, byPositions: (lexemes: string[]) => string): RawBuilder<boolean> {
  const lexemes = clauseLexemes(clause);
  const whole = byPositions(lexemes);
  const inPassages = clause.field === 'any'
    ? sql`s.work_id in (select work_id from work_search_passages
        where body @@ cast(${byPositions(lexemes.slice(0, PASSAGE_OVERLAP + 1))} as tsquery)) or`
    : sql``;
  // A work filed before heads existed has none, and positions in its doc.
  return sql<boolean>`(${inPassages} s.work_id in (select work_id from work_search where head @@ cast(${whole} as tsquery))
    or (s.head is null and s.doc @@ cast(${whole} as tsquery)))`;
}

/** The conditions on a work `s` of work_search for the query, beyond `doc` holding its words. */
function phraseConditions(query: ParsedQuery): RawBuilder<boolean>[] {
  return query.clauses.filter((c) => c.kind === 'phrase')
    .map((c) => (c.negated ? sql<boolean>`not ${hasPhrase(c, exact)}` : hasPhrase(c, wanted)));
}

/** The tsquery a match is ranked by (over its head): any word the query wants, phrases taken apart. */
function rankTsquery(query: ParsedQuery): string {
  const words = new Set(query.clauses.filter((c) => !c.negated).flatMap(clauseLexemes));
  return [...words].map(quoteLexeme).join(' | ');
}

/** The matching works among those `where` allows, best first. */
function matchesSql(query: ParsedQuery, where: RawBuilder<boolean>) {
  const conditions = [where, ...phraseConditions(query)];
  return sql<ScoredRow>`
    select s.work_id as id, coalesce(ts_rank_cd(s.head, cast(${rankTsquery(query)} as tsquery)), 0) as score
    from work_search s
    where s.doc @@ cast(${wordsTsquery(query)} as tsquery) and ${sql.join(conditions, sql` and `)}
    order by score desc, s.work_id desc`;
}

export const postgresDocuments: DocumentWriter = {
  async prepare(db, workIds) {
    return [...(await loadWorkDocuments(db, workIds))].map(([workId, work]) => {
      if (!work) return { workId, values: null };
      const { doc, head, passages } = postgresDocument(work);
      return { workId, values: [doc, head, ...passages] };
    });
  },
  // values: doc, head, then the passages in order.
  async write(db, docs) {
    if (docs.length === 0) return;
    // One statement each for the whole batch: every old passage, and the works no longer indexed.
    await sql`delete from work_search_passages where work_id = any(${docs.map((d) => d.workId)})`.execute(db);
    const gone = docs.filter((d) => !d.values).map((d) => d.workId);
    if (gone.length > 0) await sql`delete from work_search where work_id = any(${gone})`.execute(db);
    for (const { workId, values } of docs) {
      if (!values) continue;
      const [doc, head, ...passages] = values;
      await sql`insert into work_search (work_id, doc, head) values (${workId}, cast(${doc} as tsvector), cast(${head} as tsvector))
        on conflict (work_id) do update set doc = excluded.doc, head = excluded.head`.execute(db);
      if (passages.length > 0) {
        await sql`insert into work_search_passages (work_id, seq, body)
          select ${workId}, seq, cast(body as tsvector) from unnest(cast(${passages} as text[])) with ordinality as p(body, seq)`.execute(db);
      }
    }
  },
  // GIN files new entries in a pending list, and merges the list into the index whenever it
  // passes gin_pending_list_limit (4 MB), gathering entries in work_mem (4 MB) between writes to
  // the index: on a reindex, every few works. With 64 MB of each, the same entries go in in
  // fewer, bigger sorted passes (2,000 text works: 33–39 → 86–89 works/s). Only the reindex's
  // own transactions use them; searches meanwhile scan a longer list, and the last of it is
  // merged when the reindex ends.
  async bulk(trx) {
    // set_config(..., true) is `set local` with bound values, both in one round trip.
    await sql`select set_config('gin_pending_list_limit', ${String(BULK_PENDING_LIST_KB)}, true),
      set_config('work_mem', ${String(BULK_WORK_MEM_KB)}, true)`.execute(trx);
  },
  async settle(db) {
    await db.transaction().execute(async (trx) => {
      await sql`select set_config('maintenance_work_mem', ${String(BULK_WORK_MEM_KB)}, true)`.execute(trx);
      for (const index of GIN_INDEXES) await sql`select gin_clean_pending_list(cast(${index} as regclass))`.execute(trx);
    });
  },
};

export function postgresTextSearch(db: Kysely<DB>): TextSearch {
  async function matches(query: ParsedQuery, where: RawBuilder<boolean>) {
    const { rows } = await db.transaction().execute(async (trx) => {
      // The planner prices testing a tsvector like any small value, unaware that each may be
      // read back from TOAST storage: on a few thousand works it then reads them all instead of
      // asking the GIN indexes, about 20 times slower.
      await sql`set local enable_seqscan = off`.execute(trx);
      return matchesSql(query, where).execute(trx);
    });
    return scoredMatches(rows);
  }

  return {
    async indexWorks(trx, workIds) {
      await postgresDocuments.write(trx, await postgresDocuments.prepare(trx, workIds));
    },

    async match(query) {
      if (!query.clauses.some((c) => !c.negated)) return { ids: [], scores: [] };
      return matches(query, sql<boolean>`true`);
    },

    async matchAmong(query, workIds) {
      if (!query.clauses.some((c) => !c.negated) || workIds.length === 0) return { ids: [], scores: [] };
      return matches(query, sql<boolean>`s.work_id = any(${[...workIds]})`);
    },
  };
}
