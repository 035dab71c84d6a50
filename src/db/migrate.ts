import { Migrator, type Kysely, type Migration } from 'kysely';
import * as core from './migrations/2026-11-25-001-core.js';
import * as tagsAndSearch from './migrations/2026-11-25-002-tags-and-search.js';
import * as apiTokens from './migrations/2026-11-29-105-api-tokens.js';

// Listed here rather than read from disk, so the history is the same wherever the code runs.
const migrations: Record<string, Migration> = {
  '2026-11-25-001-core': core,
  '2026-11-25-002-tags-and-search': tagsAndSearch,
  '2026-11-29-105-api-tokens': apiTokens,
};

/**
 * `schema` (PostgreSQL) names where Kysely keeps its own bookkeeping tables; without it Kysely
 * looks for them in every schema, and parallel test runs (one schema each) see each other's.
 */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
