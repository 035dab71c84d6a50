import type { Database } from '../db/connect.js';
import { createTextSearch } from '../search/text/index.js';

const BATCH = 500;

/** Rebuilds the full-text document of every work, a batch per transaction; returns how many. */
export async function reindexWorks(database: Database, onProgress: (done: number, total: number) => void = () => {}): Promise<number> {
  const { db } = database;
  const textSearch = createTextSearch(database);
  const total = Number((await db.selectFrom('works').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  let done = 0;
  let after = 0;
  for (;;) {
    const ids = (await db.selectFrom('works').select('id').where('id', '>', after).orderBy('id').limit(BATCH).execute()).map((r) => r.id);
    if (ids.length === 0) break;
    await db.transaction().execute((trx) => textSearch.indexWorks(trx, ids));
    after = ids[ids.length - 1]!;
    done += ids.length;
    onProgress(done, total);
  }
  return done;
}
