import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { clauseTerms, type Clause, type ParsedQuery } from '../query.js';
import { FIELD_COLUMN, loadWorkDocuments, type WorkDocument } from './document.js';
import { scoredMatches, type DocumentWriter, type ScoredRow, type TextSearch } from './textSearch.js';
import { isPlainText, MAX_TOKEN_LENGTH, tokenize } from './tokenize.js';

/**
 * SQLite: the contentless FTS5 table work_search(title, creators, tags, summary, body), rowid =
 * work id. It is fed the words of ./tokenize.ts joined by spaces (FTS5's unicode61 splits them
 * back into the same words), so both dialects agree on what a word is. Text that unicode61
 * already splits the same way (plain text, see ./tokenize.ts, with no overlong word) goes in as
 * it is: most prose, and splitting it in JavaScript was much of the cost of indexing.
 */

/**
 * Put between two values of one column (two tags, two chapters) so a phrase cannot run from one
 * into the next. FTS5 sees U+02BC as a letter, so it takes a position like a word; our tokenizer
 * treats it as an apostrophe, so no query word can ever be it.
 */
const VALUE_SEPARATOR = ' \u02BC ';

/** bm25 with weights for title, creators, tags, summary (and notes), body; negated, as bm25 is lower for better matches. */
const SCORE = sql`-bm25(work_search, 10.0, 4.0, 4.0, 2.0, 1.0)`;

const OVERLONG_WORD = new RegExp(`[A-Za-z0-9]{${MAX_TOKEN_LENGTH + 1}}`);

/**
 * Whether a word is longer than tokenize keeps. Only a stretch that long without a space can hold
 * one, and indexOf finds spaces several times faster than a regular expression reads words.
 */
function hasOverlongWord(text: string): boolean {
  for (let start = 0; start < text.length;) {
    const space = text.indexOf(' ', start);
    const end = space === -1 ? text.length : space;
    if (end - start > MAX_TOKEN_LENGTH && OVERLONG_WORD.test(text.slice(start, end))) return true;
    start = end + 1;
  }
  return false;
}

/** Whether FTS5's unicode61 (remove_diacritics 2) finds exactly the words tokenize finds in text. */
export const splitsAlike = (text: string) => isPlainText(text) && !hasOverlongWord(text);

export function columnText(values: string[]): string {
  return values.map((text) => (splitsAlike(text) ? text : tokenize(text).join(' '))).join(VALUE_SEPARATOR);
}

/** An FTS5 string: always quoted, so no word is ever read as an operator; quotes doubled. */
const ftsString = (words: readonly string[]) => `"${words.join(' ').replace(/"/g, '""')}"`;

function clauseExpression(clause: Clause): string {
  const phrase = ftsString(clauseTerms(clause));
  return clause.field === 'any' ? phrase : `{${FIELD_COLUMN[clause.field]}} : ${phrase}`;
}

/** The FTS5 MATCH expression of a query: (wanted AND ...) NOT (unwanted OR ...). */
export function fts5Expression(query: ParsedQuery): string {
  const wanted = query.clauses.filter((c) => !c.negated).map((c) => `(${clauseExpression(c)})`);
  const unwanted = query.clauses.filter((c) => c.negated).map((c) => `(${clauseExpression(c)})`);
  const positive = `(${wanted.join(' AND ')})`;
  return unwanted.length === 0 ? positive : `${positive} NOT (${unwanted.join(' OR ')})`;
}

const columns = (doc: WorkDocument) => [columnText(doc.title), columnText(doc.creators), columnText(doc.tags), columnText(doc.summary), columnText(doc.body)];

export const sqliteDocuments: DocumentWriter = {
  async prepare(db, workIds) {
    return [...(await loadWorkDocuments(db, workIds))].map(([workId, doc]) => ({ workId, values: doc && columns(doc) }));
  },
  async write(db, docs) {
    for (const { workId, values } of docs) {
      await sql`delete from work_search where rowid = ${workId}`.execute(db);
      if (!values) continue;
      const [title, creators, tags, summary, body] = values;
      await sql`insert into work_search (rowid, title, creators, tags, summary, body)
        values (${workId}, ${title}, ${creators}, ${tags}, ${summary}, ${body})`.execute(db);
    }
  },
  // FTS5 already gathers a batch's words in memory (hashsize, migration 112) and merges as it goes.
  async bulk() {},
  async settle() {},
};

export function sqliteTextSearch(db: Kysely<DB>): TextSearch {
  return {
    async indexWorks(trx, workIds) {
      await sqliteDocuments.write(trx, await sqliteDocuments.prepare(trx, workIds));
    },

    async match(query) {
      if (!query.clauses.some((c) => !c.negated)) return { ids: [], scores: [] };
      const { rows } = await sql<ScoredRow>`
        select rowid as id, ${SCORE} as score from work_search
        where work_search match ${fts5Expression(query)}
        order by score desc, rowid desc`.execute(db);
      return scoredMatches(rows);
    },

    async matchAmong(query, workIds) {
      if (!query.clauses.some((c) => !c.negated)) return { ids: [], scores: [] };
      const expression = fts5Expression(query);
      const rows: ScoredRow[] = [];
      // One rowid at a time: FTS5 seeks straight to it, where `rowid in (...)` would match
      // everything first. The cast matters: beside a MATCH, FTS5 ignores `rowid = ?` bound to a
      // JavaScript number (a REAL to SQLite) and returns every match (SQLite 3.53).
      for (const id of workIds) {
        const { rows: hit } = await sql<ScoredRow>`
          select rowid as id, ${SCORE} as score from work_search
          where work_search match ${expression} and rowid = cast(${id} as integer)`.execute(db);
        rows.push(...hit);
      }
      rows.sort((a, b) => Number(b.score) - Number(a.score) || b.id - a.id);
      return scoredMatches(rows);
    },
  };
}
