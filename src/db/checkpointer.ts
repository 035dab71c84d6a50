import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Runs in the worker, as plain CommonJS: its own connection to the file, checkpointing on a timer.
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
}, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

export type Checkpointer = { stop(): Promise<void> };

/**
 * Copies the WAL back into the database file from a worker thread. SQLite otherwise does it
 * inside whichever commit fills the WAL past 1,000 pages, and that commit (and every request
 * queued behind it on the event loop) waits for the copy and its fsync: 1% of the kudos commits
 * under load took 3–28 ms (bench/RESULTS.md, issue 5). A PASSIVE checkpoint waits for no one.
 */
export function startCheckpointer(file: string, onFailure: (err: unknown) => void, everyMs = 500): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  // The worker is plain CommonJS: the parent's loaders (tsx in development) have nothing to do there.
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver, everyMs }, execArgv: [] });
  worker.unref();
  let stopping = false;
  // Without it the WAL would grow without end: the caller takes checkpoints back.
  worker.once('error', (err) => onFailure(err));
  worker.once('exit', () => {
    if (!stopping) onFailure(new Error('the checkpoint worker stopped'));
  });
  return {
    stop: () => new Promise<void>((resolve) => {
      stopping = true;
      worker.once('exit', () => resolve());
      worker.postMessage('stop');
    }),
  };
}
