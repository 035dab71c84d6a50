import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../threads/tsWorker.js';
import type { Database } from '../../db/connect.js';
import { logCountsChange, logTagsChange, logWorkChange } from '../changeLog.js';
import type { MemoryWorkIndex } from '../memory/index.js';
import { createTextSearch, type TextSearch } from '../text/index.js';
import type { SearchCalls, SearchOp, SearchReply, SearchThreadData } from './protocol.js';

/** A thread that dies this soon after starting is started again only after a pause. */
const QUICK_DEATH_MS = 5_000;
const CLOSE_TIMEOUT_MS = 5_000;

export type SearchThread = { index: MemoryWorkIndex; textSearch: TextSearch };

/**
 * The listing index and text search answered on a worker thread with its own database connection,
 * for the server: a listing with sidebar counts or a search over a million works takes 5 to 50 ms
 * of CPU, and on the event loop every page queued behind it waits that long (bench/RESULTS.md,
 * load). The index's memory and garbage collection move with it. Writes stay where they are:
 * changes are logged in the writer's transaction (../changeLog.ts) and indexed text is written
 * there too; the thread follows the log, and `sync()` after a commit waits for it.
 *
 * If the thread dies, calls in flight fail, onFailure hears why, and a new thread starts (loading
 * the index again).
 */
export function startSearchThread(database: Database, data: SearchThreadData, onFailure: (err: Error) => void): SearchThread {
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  let nextId = 1;
  let worker: Worker | null = null;
  let closed: Promise<void> | null = null;

  function start() {
    if (closed) return;
    const startedAt = Date.now();
    let failure: Error | null = null;
    const w = startTsWorker(new URL('./searchWorker.ts', import.meta.url), data);
    worker = w;
    w.on('message', (reply: SearchReply) => {
      const call = pending.get(reply.id);
      if (!call) return;
      pending.delete(reply.id);
      if (reply.ok) call.resolve(reply.value);
      else call.reject(new Error(reply.message));
    });
    w.on('error', (err) => { failure = err; });
    w.once('exit', (code) => {
      worker = null;
      const err = failure ?? new Error(`the search thread stopped (exit code ${code})`);
      for (const call of pending.values()) call.reject(err);
      pending.clear();
      if (closed) return;
      onFailure(err);
      const again = setTimeout(start, Date.now() - startedAt < QUICK_DEATH_MS ? QUICK_DEATH_MS : 0);
      again.unref();
    });
  }

  function call<Op extends SearchOp>(op: Op, arg: SearchCalls[Op][0]): Promise<SearchCalls[Op][1]> {
    if (!worker) return Promise.reject(new Error(closed ? 'search is closed' : 'search is restarting'));
    const id = nextId++;
    const w = worker;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      w.postMessage({ id, op, arg });
    });
  }

  function close(): Promise<void> {
    closed ??= (async () => {
      const w = worker;
      if (!w) return;
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      const timeout = setTimeout(() => void w.terminate(), CLOSE_TIMEOUT_MS);
      await call('close', null).catch(() => w.terminate());
      await exited;
      clearTimeout(timeout);
    })();
    return closed;
  }

  start();
  const local = createTextSearch(database);
  return {
    index: {
      list: (query) => call('list', query),
      workChanged: logWorkChange,
      countsChanged: logCountsChange,
      sync: () => call('sync', null),
      async tagsChanged() {
        await logTagsChange(database.db);
        await call('sync', null);
      },
      ready: () => call('ready', null),
      close,
    },
    textSearch: {
      indexWorks: local.indexWorks,
      match: (query) => call('match', query),
      matchAmong: (query, workIds) => call('matchAmong', { query, workIds }),
    },
  };
}
