import { reindexWorks } from '../ops/reindex.js';
import { openArchive } from './open.js';
import { progressBar } from './progress.js';

/** Rebuilds the full-text index of every work, a batch per transaction. */
export async function reindexCommand(): Promise<number> {
  const services = await openArchive();
  try {
    const started = Date.now();
    let bar: ReturnType<typeof progressBar> | undefined;
    const done = await reindexWorks(services.database, (n, total) => (bar ??= progressBar(total)).update(n));
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(`Indexed ${done} works in ${seconds.toFixed(1)} s (${Math.round(done / Math.max(seconds, 0.001))} works/s).\n`);
    return 0;
  } finally {
    await services.close();
  }
}
