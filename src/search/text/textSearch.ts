import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ParsedQuery } from '../query.js';
import type { TextMatches } from '../workIndex.js';

/** A match as a dialect's query returns it; the score may come back as text (PostgreSQL's real). */
export type ScoredRow = { id: number; score: number | string };

/** Rows best first into the arrays the listing engine takes. */
export function scoredMatches(rows: readonly ScoredRow[]): { ids: Int32Array; scores: Float64Array } {
  const ids = new Int32Array(rows.length);
  const scores = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    ids[i] = r.id;
    scores[i] = Number(r.score);
  });
  return { ids, scores };
}

/**
 * A work's entry in the full-text index, made ready to write: the dialect's values (FTS5's
 * columns, a tsvector literal), or null to take the work out. Plain data, so that another
 * thread can make it.
 */
export type PreparedDocument = { workId: number; values: string[] | null };

/**
 * How a dialect makes index entries and writes them: apart, so that a bulk reindex makes the
 * next batch on another thread while this one is written (`indexWorks` does both in turn).
 */
export type DocumentWriter = {
  /** Reads the works (posted ones, with their posted chapters) and makes their entries. */
  prepare(db: Kysely<DB>, workIds: readonly number[]): Promise<PreparedDocument[]>;
  /** Replaces the works' entries, inside the caller's transaction. */
  write(db: Kysely<DB>, docs: readonly PreparedDocument[]): Promise<void>;
  /** Readies a whole reindex's batch transaction for writing many entries (before `write`). */
  bulk(trx: Kysely<DB>): Promise<void>;
  /** After a whole reindex's last batch: leaves the index as searches want it. */
  settle(db: Kysely<DB>): Promise<void>;
};

/** A parsed search box query (see ../query.ts). */
export type { ParsedQuery } from '../query.js';

/**
 * Full-text search over works: title, creators, tags, summary and notes, and chapter text.
 * One implementation per dialect (SQLite FTS5, PostgreSQL tsvector), same semantics: words are
 * split and normalised by ./tokenize.ts on both (case, accents and apostrophes alike), words are
 * ANDed, a phrase is its words next to each other in order within one field value, negated
 * clauses leave works out, and title:/creator:/tag: restrict a word or phrase to that field.
 */
export interface TextSearch {
  /**
   * Re-indexes works inside the caller's transaction (`db` may be a transaction): posted works
   * (restricted ones too; callers filter by visibility) with their posted chapters; removes a
   * work from the index when it is gone or not posted.
   */
  indexWorks(db: Kysely<DB>, workIds: readonly number[]): Promise<void>;
  /** Every matching work id (no limit), best match first (the newer work first between equals), with scores (higher is better). */
  match(query: ParsedQuery): Promise<TextMatches>;
  /** The same, among these works only (a few: each is looked up on its own). */
  matchAmong(query: ParsedQuery, workIds: readonly number[]): Promise<TextMatches>;
}
