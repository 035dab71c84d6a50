import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** Tag wrangling: canonical tags, synonyms, parents, renames, the queue. (Stub: being written.) */
export function wranglingService(db: Kysely<DB>, onTagsChanged: () => Promise<void>) {
  void db;
  void onTagsChanged;
  return {};
}

export type WranglingService = ReturnType<typeof wranglingService>;
