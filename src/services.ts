import type { Config } from './config.js';
import type { Database } from './db/connect.js';
import { accountsService } from './accounts/service.js';
import { passwordHasher } from './accounts/passwords.js';
import { sqlWorkIndex } from './search/sqlWorkIndex.js';
import { postingService } from './works/posting.js';
import { readingService } from './works/reading.js';
import { findTagByName } from './tags/store.js';
import { PageCache } from './web/pageCache.js';

/** The domain, built once from config and a database; routes and the CLI both use this. */
export function buildServices(config: Config, database: Database) {
  const { db } = database;
  const index = sqlWorkIndex(db);
  return {
    config,
    database,
    accounts: accountsService(db, passwordHasher(config.fastPasswordHashing)),
    posting: postingService(db),
    reading: readingService(db, index),
    tags: { findByName: (name: string) => findTagByName(db, name) },
    pages: new PageCache(64 * 1024 * 1024),
  };
}

export type Services = ReturnType<typeof buildServices>;
