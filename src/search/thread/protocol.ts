import type { ParsedQuery } from '../query.js';
import type { TextMatches, WorkListQuery, WorkListResult } from '../workIndex.js';

/** What the search thread answers: each call's argument and result. */
export type SearchCalls = {
  list: [WorkListQuery, WorkListResult];
  match: [ParsedQuery, TextMatches];
  matchAmong: [{ query: ParsedQuery; workIds: readonly number[] }, TextMatches];
  /** Catch up with the change log now (after a commit: read-your-writes). */
  sync: [null, void];
  /** Load every posted work (before the server listens). */
  ready: [null, void];
  /** Close the thread's connection; the thread then ends. */
  close: [null, void];
};

export type SearchOp = keyof SearchCalls;

export type SearchRequest = { [Op in SearchOp]: { id: number; op: Op; arg: SearchCalls[Op][0] } }[SearchOp];

export type SearchReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

/** What the thread is started with. */
export type SearchThreadData = { url: string; followEveryMs: number };
