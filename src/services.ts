import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { Database } from './db/connect.js';
import type { DB } from './db/schema.js';
import { accountsService } from './accounts/service.js';
import { passwordHasher } from './accounts/passwords.js';
import { memoryWorkIndex } from './search/memory/index.js';
import { createTextSearch } from './search/text/index.js';
import { exclusionsService } from './search/exclusions.js';
import { searchService } from './search/searching.js';
import { postingService, type WorkChanges } from './works/posting.js';
import { readingService } from './works/reading.js';
import { findTagByName, tagsByIds } from './tags/store.js';
import { wranglingService } from './tags/wrangling.js';
import { suggestTags } from './tags/suggestions.js';
import { PageCache } from './web/pageCache.js';
import { createMailer } from './mail/mailer.js';
import { recoveryService } from './accounts/recovery.js';
import { twoFactorService } from './accounts/twoFactor.js';
import { moderationService } from './moderation/service.js';
import { creatorsService } from './moderation/creators.js';

/** The domain, built once from config and a database; routes and the CLI both use this. */
export async function buildServices(config: Config, database: Database) {
  const { db } = database;
  const textSearch = createTextSearch(database);
  const index = memoryWorkIndex(db, { followEveryMs: 1000 });
  const changes: WorkChanges = {
    async changed(trx: Kysely<DB>, workId: number) {
      await index.workChanged(trx, workId);
      await textSearch.indexWork(trx, workId);
    },
    committed: () => index.sync(),
  };
  const exclusions = exclusionsService(db);
  const reading = readingService(db, index, exclusions);
  const hasher = passwordHasher(config.fastPasswordHashing);
  const mail = createMailer(config);
  return {
    config,
    database,
    index,
    textSearch,
    accounts: accountsService(db, hasher, mail),
    twoFactor: twoFactorService(db, hasher, mail),
    recovery: recoveryService(db, hasher, mail, config.baseUrl),
    moderation: moderationService(db, changes, mail, config),
    creators: creatorsService(db, changes, mail, config.baseUrl),
    posting: postingService(db, changes),
    reading,
    search: searchService(db, textSearch, reading),
    exclusions,
    wrangling: wranglingService(db, () => index.tagsChanged(), (trx, workId) => changes.changed(trx, workId)),
    tags: {
      findByName: (name: string) => findTagByName(db, name),
      byIds: (ids: number[]) => tagsByIds(db, ids),
      suggest: (text: string) => suggestTags(db, text),
    },
    pages: new PageCache(64 * 1024 * 1024),
    mail,
    async close() {
      index.close();
      await database.close();
    },
  };
}

export type Services = Awaited<ReturnType<typeof buildServices>>;
