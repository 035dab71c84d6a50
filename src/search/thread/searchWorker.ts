import { parentPort, workerData } from 'node:worker_threads';
import { connect } from '../../db/connect.js';
import { memoryWorkIndex } from '../memory/index.js';
import { createTextSearch } from '../text/index.js';
import { cachingTextSearch } from '../text/matchCache.js';
import type { SearchCalls, SearchReply, SearchRequest, SearchThreadData } from './protocol.js';

// The search thread: the listing index and the text search's reads, on a connection of their own.
const data = workerData as SearchThreadData;
const database = connect(data.url);
const index = memoryWorkIndex(database.db, { followEveryMs: data.followEveryMs });
// Popular searches repeat; kept answers are patched from the change log (../text/matchCache.ts).
// 2 M kept ids are 24 MB.
const text = cachingTextSearch(database.db, createTextSearch(database), { maxAnswers: 500, maxIds: 2_000_000 });
const port = parentPort!;

async function close(): Promise<void> {
  await index.close();
  await database.close();
}

const calls: { [Op in keyof SearchCalls]: (arg: SearchCalls[Op][0]) => Promise<SearchCalls[Op][1]> } = {
  list: (query) => index.list(query),
  match: (query) => text.match(query),
  matchAmong: ({ query, workIds }) => text.matchAmong(query, workIds),
  sync: () => index.sync(),
  ready: () => index.ready(),
  close,
};

port.on('message', (request: SearchRequest) => {
  const call = calls[request.op] as (arg: unknown) => Promise<unknown>;
  call(request.arg).then(
    (value) => {
      port.postMessage({ id: request.id, ok: true, value } satisfies SearchReply);
      if (request.op === 'close') port.close();
    },
    (err: unknown) => port.postMessage({ id: request.id, ok: false, message: err instanceof Error ? err.message : String(err) } satisfies SearchReply),
  );
});
