import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { clauseTerms, type Clause, type ParsedQuery } from '../query.js';
import { DOCUMENT_FIELDS, FIELD_COLUMN, loadWorkDocuments, type DocumentField, type WorkDocument } from './document.js';
import { scoredMatches, type DocumentWriter, type ScoredRow, type TextSearch } from './textSearch.js';
import { tokenize } from './tokenize.js';

/**
 * PostgreSQL: work_search(work_id, doc tsvector). The tsvector is built here from the words of
 * ./tokenize.ts (not by to_tsvector, whose parser splits words its own way), and queries are
 * tsquery values built here from the same words; both travel as bound parameters and are read
 * by PostgreSQL's tsvector/tsquery input functions, with every lexeme quoted.
 *
 * How the SQLite semantics are kept:
 * - Positions run through the fields in order (title, creators, tags, summary and notes, body)
 *   with one unused position between two values and between two fields, so a phrase never
 *   spans two tags, two chapters or two fields (FTS5: separate columns, separator tokens).
 * - Field searches use shadow lexemes: each word of the title is also indexed as "ti:word",
 *   of a creator as "cr:word", of a tag as "tg:word" (":" is never part of a word), at the same
 *   positions. Weights (A title, B creators and tags, C summary and notes, D body) only rank.
 * - tsvector keeps at most 256 positions per lexeme and no position above 16,383. Where a word's
 *   positions could not all be kept (a very common word, or anything past the first ~16,000
 *   words of a long work) the lexeme "~word" is added, and a phrase with such a word falls back
 *   to "all its words are in the work". So on PostgreSQL a phrase may find extra long works
 *   (never fewer) than on SQLite, and a negated phrase may leave fewer out.
 * - A tsvector is at most 1 MB; a work with so many different words that it would not fit
 *   loses its last new words (no real prose comes near it).
 */

const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;
/** tsvector's lexeme and position storage must stay below 1 MB; leave room. */
const MAX_DOC_BYTES = 1_000_000;

const WEIGHTS: Record<DocumentField, '' | 'A' | 'B' | 'C'> = {
  title: 'A', creators: 'B', tags: 'B', summary: 'C', body: '',
};
const SHADOW: Partial<Record<DocumentField, string>> = { title: 'ti:', creators: 'cr:', tags: 'tg:' };
const INEXACT = '~';
/** GIN's pending list, and the memory its merges gather entries in, during a whole reindex, in kB (see `bulk`). */
const BULK_PENDING_LIST_KB = 64 * 1024;
const BULK_WORK_MEM_KB = 64 * 1024;

/** A lexeme in tsvector/tsquery syntax: quoted, with quotes and backslashes escaped. */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

type Entry = { positions: string[]; last: number; inexact: boolean };

const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8');

/** The tsvector literal of a work (see above for the layout). */
export function documentTsvector(doc: WorkDocument): string {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  let position = 1;

  function add(lexeme: string, weight: string) {
    let entry = entries.get(lexeme);
    if (!entry) {
      // lexeme, alignment, position count, and this position; a marker may follow.
      const cost = utf8Length(lexeme) + 5;
      if (bytes + cost > MAX_DOC_BYTES) return;
      bytes += cost;
      entry = { positions: [], last: 0, inexact: false };
      entries.set(lexeme, entry);
    }
    const at = Math.min(position, MAX_POSITION);
    const exact = position <= MAX_POSITION;
    if (entry.positions.length === 0 || (exact && entry.positions.length < MAX_POSITIONS_PER_LEXEME && at > entry.last)) {
      if (entry.positions.length > 0) bytes += 2;
      entry.positions.push(`${at}${weight}`);
      entry.last = at;
      if (!exact) entry.inexact = true;
    } else if (at > entry.last || !exact) {
      entry.inexact = true;
    }
  }

  for (const field of DOCUMENT_FIELDS) {
    const weight = WEIGHTS[field];
    const shadow = SHADOW[field];
    for (const value of doc[field]) {
      for (const token of tokenize(value)) {
        add(token, weight);
        if (shadow) add(shadow + token, weight);
        position++;
      }
      position++;
    }
  }

  const parts: string[] = [];
  for (const [lexeme, entry] of entries) {
    parts.push(`${quoteLexeme(lexeme)}:${entry.positions.join(',')}`);
    if (entry.inexact && bytes + utf8Length(lexeme) + 5 <= MAX_DOC_BYTES) {
      bytes += utf8Length(lexeme) + 5;
      parts.push(quoteLexeme(INEXACT + lexeme));
    }
  }
  return parts.join(' ');
}

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

/** The tsquery literal of a query. */
export function queryTsquery(query: ParsedQuery): string {
  return query.clauses
    .map((c) => (c.negated ? `!${exact(clauseLexemes(c))}` : wanted(clauseLexemes(c))))
    .join(' & ');
}

/**
 * The tsquery a match is ranked by: every word the query wants, phrases taken apart. Cover
 * density with the match query itself is far slower: its phrase operators and alternatives
 * (the "~" fallback) are worked out for every stretch of every matching work (0.8 ms a work for
 * a two-word phrase on the generated corpus, against 0.01 ms with the words alone).
 */
export function rankTsquery(query: ParsedQuery): string {
  const words = new Set(query.clauses.filter((c) => !c.negated).flatMap(clauseLexemes));
  return [...words].map(quoteLexeme).join(' & ');
}

export const postgresDocuments: DocumentWriter = {
  async prepare(db, workIds) {
    return [...(await loadWorkDocuments(db, workIds))].map(([workId, doc]) => ({ workId, values: doc && [documentTsvector(doc)] }));
  },
  async write(db, docs) {
    for (const { workId, values } of docs) {
      await (values
        ? sql`insert into work_search (work_id, doc) values (${workId}, cast(${values[0]} as tsvector))
            on conflict (work_id) do update set doc = excluded.doc`
        : sql`delete from work_search where work_id = ${workId}`).execute(db);
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
      await sql`select gin_clean_pending_list('work_search_doc'::regclass)`.execute(trx);
    });
  },
};

export function postgresTextSearch(db: Kysely<DB>): TextSearch {
  return {
    async indexWorks(trx, workIds) {
      await postgresDocuments.write(trx, await postgresDocuments.prepare(trx, workIds));
    },

    async match(query) {
      if (!query.clauses.some((c) => !c.negated)) return { ids: [], scores: [] };
      const { rows } = await db.transaction().execute(async (trx) => {
        // The planner prices testing a tsvector like any small value, unaware that each is read
        // back from TOAST storage (up to 1 MB a work): on a table of a few thousand works it then
        // reads every document instead of asking the GIN index, about 20 times slower.
        await sql`set local enable_seqscan = off`.execute(trx);
        return sql<ScoredRow>`
          select s.work_id as id, ts_rank_cd(s.doc, q.rank) as score
          from work_search s, (select cast(${queryTsquery(query)} as tsquery) as q, cast(${rankTsquery(query)} as tsquery) as rank) q
          where s.doc @@ q.q
          order by score desc, s.work_id desc`.execute(trx);
      });
      return scoredMatches(rows);
    },

    async matchAmong(query, workIds) {
      if (!query.clauses.some((c) => !c.negated) || workIds.length === 0) return { ids: [], scores: [] };
      const { rows } = await sql<ScoredRow>`
        select s.work_id as id, ts_rank_cd(s.doc, q.rank) as score
        from work_search s, (select cast(${queryTsquery(query)} as tsquery) as q, cast(${rankTsquery(query)} as tsquery) as rank) q
        where s.work_id = any(${[...workIds]}) and s.doc @@ q.q
        order by score desc, s.work_id desc`.execute(db);
      return scoredMatches(rows);
    },
  };
}
