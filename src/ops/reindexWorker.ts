// The reindex's worker thread (see preparedBatches in ./reindex.ts): on each 'next', the next
// batch of works with their index entries made, or null after the last.
import { parentPort, workerData } from 'node:worker_threads';
import { connect } from '../db/connect.js';
import { documentWriter } from '../search/text/index.js';
import { prepareBatch } from './reindex.js';

const database = connect((workerData as { url: string }).url);
const documents = documentWriter(database.dialect);
let after = 0;
// One at a time: the parent asks for the next batch only once it has this one.
parentPort!.on('message', () => {
  prepareBatch(database.db, documents, after).then(
    (batch) => {
      if (batch) after = batch.ids.at(-1)!;
      parentPort!.postMessage({ batch });
      if (!batch) void database.close();
    },
    (err: unknown) => parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) }),
  );
});
