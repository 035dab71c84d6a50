import { Migrator, PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';
import * as core from './migrations/2026-11-25-001-core.js';
import * as tagsAndSearch from './migrations/2026-11-25-002-tags-and-search.js';
import * as readerSettings from './migrations/2026-11-29-108-reader-settings.js';
import * as commentHiding from './migrations/2026-11-29-109-comment-hiding.js';
import * as aiChoice from './migrations/2026-12-02-110-ai-choice.js';
import * as countChanges from './migrations/2026-12-02-111-count-changes.js';
import * as ftsHashsize from './migrations/2026-12-02-112-fts-hashsize.js';
import * as searchPassages from './migrations/2026-12-08-113-search-passages.js';
import * as historyStats from './migrations/2026-11-29-103-history-stats.js';
import * as bookmarksSeriesSubscriptions from './migrations/2026-11-29-102-bookmarks-series-subscriptions.js';
import * as responses from './migrations/2026-11-29-101-responses.js';
import * as apiTokens from './migrations/2026-11-29-105-api-tokens.js';
import * as scale from './migrations/2026-11-29-106-scale.js';
import * as accountsModeration from './migrations/2026-11-29-107-accounts-moderation.js';

// Listed here rather than read from disk, so the history is the same wherever the code runs.
const migrations: Record<string, Migration> = {
  '2026-11-25-001-core': core,
  '2026-11-25-002-tags-and-search': tagsAndSearch,
  '2026-11-29-101-responses': responses,
  '2026-11-29-102-bookmarks-series-subscriptions': bookmarksSeriesSubscriptions,
  '2026-11-29-103-history-stats': historyStats,
  '2026-11-29-105-api-tokens': apiTokens,
  '2026-11-29-106-scale': scale,
  '2026-11-29-107-accounts-moderation': accountsModeration,
  '2026-11-29-108-reader-settings': readerSettings,
  '2026-11-29-109-comment-hiding': commentHiding,
  '2026-12-02-110-ai-choice': aiChoice,
  '2026-12-02-111-count-changes': countChanges,
  '2026-12-02-112-fts-hashsize': ftsHashsize,
  '2026-12-08-113-search-passages': searchPassages,
};

/** Every migration's name, oldest first: an archive export names the last one it was made at. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(migrations).sort();

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  // Kysely looks for its history tables in every schema unless told which: on PostgreSQL, name
  // this connection's, so another archive (or test) in the same database is never mistaken for it.
  const schema = db.getExecutor().adapter instanceof PostgresAdapter
    ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s
    : undefined;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
