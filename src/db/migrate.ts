import { Migrator, type Kysely, type Migration } from 'kysely';
import * as core from './migrations/2026-11-25-001-core.js';
import * as tagsAndSearch from './migrations/2026-11-25-002-tags-and-search.js';
import * as accountsModeration from './migrations/2026-11-29-107-accounts-moderation.js';

// Listed here rather than read from disk, so the history is the same wherever the code runs.
const migrations: Record<string, Migration> = {
  '2026-11-25-001-core': core,
  '2026-11-25-002-tags-and-search': tagsAndSearch,
  '2026-11-29-107-accounts-moderation': accountsModeration,
};

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
