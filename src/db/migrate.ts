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

/**
 * `schema` (PostgreSQL test schemas): Kysely looks for its bookkeeping tables in every schema
 * unless told which, so a migration beside other schemas' could skip creating its own.
 */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
