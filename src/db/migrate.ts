import { Migrator, type Kysely, type Migration } from 'kysely';
import * as core from './migrations/2026-11-25-001-core.js';
import * as tagsAndSearch from './migrations/2026-11-25-002-tags-and-search.js';
import * as readerSettings from './migrations/2026-11-29-108-reader-settings.js';
import * as historyStats from './migrations/2026-11-29-103-history-stats.js';

// Listed here rather than read from disk, so the history is the same wherever the code runs.
const migrations: Record<string, Migration> = {
  '2026-11-25-001-core': core,
  '2026-11-25-002-tags-and-search': tagsAndSearch,
  '2026-11-29-108-reader-settings': readerSettings,
  '2026-11-29-103-history-stats': historyStats,
};

/**
 * `schema`: the PostgreSQL schema the archive lives in, when not the default. Kysely looks for
 * its bookkeeping tables in every schema unless told which, so a second archive in the same
 * database would otherwise think it had migrated.
 */
export async function migrateToLatest(db: Kysely<any>, options: { schema?: string } = {}): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(options.schema ? { migrationTableSchema: options.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
