import type { Kysely } from 'kysely';
import type { Database } from '../db/connect.js';
import type { DB } from '../db/schema.js';
import { documentWriter, type DocumentWriter, type PreparedDocument } from '../search/text/index.js';
import { startTsWorker } from '../threads/tsWorker.js';

const BATCH = 500;

/** The next works after `after` with their entries made, and the version each was read at. */
export type PreparedBatch = { ids: number[]; versions: Map<number, number>; docs: PreparedDocument[] };

async function versionsOf(db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, number>> {
  const rows = await db.selectFrom('works').select(['id', 'version']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.version]));
}

export async function prepareBatch(db: Kysely<DB>, documents: DocumentWriter, after: number): Promise<PreparedBatch | null> {
  const ids = (await db.selectFrom('works').select('id').where('id', '>', after).orderBy('id').limit(BATCH).execute()).map((r) => r.id);
  if (ids.length === 0) return null;
  // Versions before documents: an entry is never older than the version it is filed under.
  const versions = await versionsOf(db, ids);
  return { ids, versions, docs: await documents.prepare(db, ids) };
}

/**
 * Writes a batch made outside this transaction. A work changed since (a new version, or gone)
 * is made again here, so a reindex running beside the server never files an older text over a
 * newer one: every change that alters a work's words moves its version.
 */
export async function writeBatch(trx: Kysely<DB>, documents: DocumentWriter, batch: PreparedBatch): Promise<void> {
  const now = await versionsOf(trx, batch.ids);
  const stale = new Set(batch.ids.filter((id) => now.get(id) !== batch.versions.get(id)));
  const fresh = stale.size > 0 ? await documents.prepare(trx, [...stale]) : [];
  await documents.bulk(trx);
  await documents.write(trx, [...batch.docs.filter((d) => !stale.has(d.workId)), ...fresh]);
}

type FromWorker = { batch: PreparedBatch | null } | { error: string };

/**
 * Batches made one ahead on a worker thread with its own connection, so reading the works and
 * making their entries (a fifth of a reindex's time on SQLite) runs beside writing the last batch. An
 * in-memory SQLite database cannot be opened twice: its batches are made here, in turn.
 */
async function* preparedBatches(database: Database): AsyncGenerator<PreparedBatch> {
  const documents = documentWriter(database.dialect);
  if (database.url === 'sqlite::memory:') {
    for (let batch = await prepareBatch(database.db, documents, 0); batch; batch = await prepareBatch(database.db, documents, batch.ids.at(-1)!)) yield batch;
    return;
  }
  const worker = startTsWorker(new URL('./reindexWorker.ts', import.meta.url), { url: database.url });
  const replies: ((m: FromWorker) => void)[] = [];
  const next = () => new Promise<FromWorker>((resolve) => {
    replies.push(resolve);
    worker.postMessage('next');
  });
  worker.on('message', (m: FromWorker) => replies.shift()?.(m));
  const failed = (err: Error) => { for (const reply of replies.splice(0)) reply({ error: err.message }); };
  worker.on('error', failed);
  worker.on('exit', (code) => failed(new Error(`the reindex worker stopped (exit code ${code})`)));
  try {
    let coming = next();
    for (;;) {
      const reply = await coming;
      if ('error' in reply) throw new Error(`Reindexing failed: ${reply.error}`);
      if (!reply.batch) return;
      coming = next();
      yield reply.batch;
    }
  } finally {
    await worker.terminate();
  }
}

/** Rebuilds the full-text document of every work, a batch per transaction; returns how many. */
export async function reindexWorks(database: Database, onProgress: (done: number, total: number) => void = () => {}): Promise<number> {
  const { db } = database;
  const documents = documentWriter(database.dialect);
  const total = Number((await db.selectFrom('works').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  let done = 0;
  for await (const batch of preparedBatches(database)) {
    await db.transaction().execute((trx) => writeBatch(trx, documents, batch));
    done += batch.ids.length;
    onProgress(done, total);
  }
  await documents.settle(db);
  return done;
}
