import type { Kysely } from 'kysely';
import { siteSecret } from '../db/settings.js';
import type { DB } from '../db/schema.js';
import { HitCounter, type CountChanges } from './hits.js';
import { readerKeys } from './readerKeys.js';
import { responsesService } from './service.js';

/**
 * The responses service and the hit counter, sharing the keys that hash guests' addresses
 * (made from the site secret on first use). `counts` hears of every change: kudos, comments and
 * hits move counts only, so the listing index needs to know and full-text search does not.
 */
export function buildResponses(db: Kysely<DB>, counts: CountChanges) {
  let keys: Promise<ReturnType<typeof readerKeys>> | null = null;
  const keysOnce = () => (keys ??= siteSecret(db).then(readerKeys));
  const oneWork = { changed: (trx: Kysely<DB>, workId: number) => counts.changed(trx, [workId]), committed: counts.committed };
  return { responses: responsesService(db, oneWork, keysOnce), hits: new HitCounter(db, counts, keysOnce) };
}
