import { openArchive } from './open.js';
import { progressBar } from './progress.js';

const BATCH = 500;

/** Rebuilds the full-text index of every work, a batch per transaction. */
export async function reindexCommand(): Promise<number> {
  const services = await openArchive();
  const { db } = services.database;
  try {
    const total = Number((await db.selectFrom('works').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const bar = progressBar(total);
    const started = Date.now();
    let done = 0;
    let after = 0;
    for (;;) {
      const ids = (await db.selectFrom('works').select('id').where('id', '>', after).orderBy('id').limit(BATCH).execute()).map((r) => r.id);
      if (ids.length === 0) break;
      await db.transaction().execute(async (trx) => {
        for (const id of ids) await services.textSearch.indexWork(trx, id);
      });
      after = ids[ids.length - 1]!;
      done += ids.length;
      bar.update(done);
    }
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(`Indexed ${done} works in ${seconds.toFixed(1)} s (${Math.round(done / Math.max(seconds, 0.001))} works/s).\n`);
    return 0;
  } finally {
    await services.close();
  }
}
