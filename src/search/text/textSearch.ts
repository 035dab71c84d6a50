import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { TextMatches } from '../workIndex.js';

/** A parsed search box query (see ../query.ts). */
export type { ParsedQuery } from '../query.js';

/**
 * Full-text search over works: title, creators, tags, summary and notes, and chapter text.
 * One implementation per dialect (SQLite FTS5, PostgreSQL tsvector), same semantics.
 */
export interface TextSearch {
  /** Re-indexes one work inside the caller's transaction; removes it when it is gone or unposted. */
  indexWork(db: Kysely<DB>, workId: number): Promise<void>;
  /** Every matching work id, best match first, with scores (higher is better). */
  match(query: import('../query.js').ParsedQuery): Promise<TextMatches>;
}
