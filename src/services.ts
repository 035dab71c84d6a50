import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { Database } from './db/connect.js';
import type { DB } from './db/schema.js';
import { accountsService } from './accounts/service.js';
import { passwordHasher } from './accounts/passwords.js';
import { memoryWorkIndex } from './search/memory/index.js';
import { createTextSearch } from './search/text/index.js';
import { startSearchThread } from './search/thread/searchThread.js';
import { exclusionsService } from './search/exclusions.js';
import { searchService } from './search/searching.js';
import { postingService, type WorkChanges } from './works/posting.js';
import { readingService } from './works/reading.js';
import { findTagByName, tagsByIds } from './tags/store.js';
import { wranglingService } from './tags/wrangling.js';
import { suggestTags } from './tags/suggestions.js';
import { PageCache } from './web/pageCache.js';
import { createMailer } from './mail/mailer.js';
import { readerService } from './reader/service.js';
import { statsService } from './stats/service.js';
import { historyService } from './history/service.js';
import { seriesService } from './series/service.js';
import { aiChoiceService } from './moderation/aiChoice.js';
import { bookmarksService } from './bookmarks/service.js';
import { subscriptionsService } from './subscriptions/service.js';
import { downloadsService } from './downloads/service.js';
import { feedsService } from './feeds/service.js';
import { buildResponses } from './responses/build.js';
import { tokensService } from './api/tokens.js';
import { sharedCounters } from './web/rateLimitCounters.js';
import { recoveryService } from './accounts/recovery.js';
import { twoFactorService } from './accounts/twoFactor.js';
import { moderationService } from './moderation/service.js';
import { creatorsService } from './moderation/creators.js';

export type ServiceOptions = {
  /** Answer listings and searches on a thread of their own (the server); told when it had to restart. */
  searchThread?: { onFailure: (err: Error) => void };
};

/** The domain, built once from config and a database; routes and the CLI both use this. */
export async function buildServices(config: Config, database: Database, options: ServiceOptions = {}) {
  const { db } = database;
  const { index, textSearch } = options.searchThread
    ? startSearchThread(database, { url: database.url, followEveryMs: 1000 }, options.searchThread.onFailure)
    : { index: memoryWorkIndex(db, { followEveryMs: 1000 }), textSearch: createTextSearch(database) };
  const mail = createMailer(config);
  const series = seriesService(db, { newPart: async (seriesId, workId) => void (await subscriptions.newPart(seriesId, workId)) });
  const subscriptions = subscriptionsService(db, mail, config.baseUrl, series);
  const changes: WorkChanges = {
    async changed(trx: Kysely<DB>, workId: number) {
      await index.workChanged(trx, workId);
      await textSearch.indexWorks(trx, [workId]);
      await series.workChanged(trx, workId);
    },
    committed: () => index.sync(),
    afterPost: async (event) => void (await subscriptions.afterPost(event)),
  };
  const exclusions = exclusionsService(db);
  const history = historyService(db, { flushEveryMs: 1000 });
  // Kudos, comments and hits reach the listings through the index's follower (within a second),
  // many at a time: a kudos does not wait for a catch-up of its own.
  const { responses, hits } = buildResponses(db, { changed: (trx, workIds) => index.countsChanged(trx, workIds), committed: async () => {} });
  const reading = readingService(db, index, exclusions, responses.mutedCreators);
  const rateLimits = sharedCounters(db, config.redisUrl);
  const hasher = passwordHasher(config.fastPasswordHashing);
  return {
    config,
    database,
    index,
    textSearch,
    accounts: accountsService(db, hasher, mail),
    twoFactor: twoFactorService(db, hasher, mail),
    recovery: recoveryService(db, hasher, mail, config.baseUrl),
    moderation: moderationService(db, changes, mail, config),
    aiChoice: aiChoiceService(db),
    creators: creatorsService(db, changes, mail, config.baseUrl),
    posting: postingService(db, changes),
    reading,
    search: searchService(db, textSearch, reading),
    exclusions,
    responses,
    hits,
    wrangling: wranglingService(db, () => index.tagsChanged(), (trx, workId) => changes.changed(trx, workId)),
    tags: {
      findByName: (name: string) => findTagByName(db, name),
      byIds: (ids: number[]) => tagsByIds(db, ids),
      suggest: (text: string) => suggestTags(db, text),
    },
    pages: new PageCache(64 * 1024 * 1024),
    reader: readerService(db),
    stats: statsService(db),
    history,
    mail,
    series,
    bookmarks: bookmarksService(db, index, series),
    subscriptions,
    feeds: feedsService(db, index),
    downloads: downloadsService(db, config.baseUrl, new PageCache(128 * 1024 * 1024), (id, restricted) => series.forDownload(id, restricted, config.baseUrl)),
    tokens: tokensService(db),
    rateLimits,
    async close() {
      await index.close();
      await history.close();
      await hits.close();
      await rateLimits.close();
      await database.close();
    },
  };
}

export type Services = Awaited<ReturnType<typeof buildServices>>;
