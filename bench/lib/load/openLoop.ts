/**
 * An open-loop load generator: requests leave at fixed intervals whatever the server does, and
 * each latency is counted from when the request was due, not from when it left. A server that
 * falls behind so shows its queue in the latencies instead of hiding it behind fewer requests
 * (no coordinated omission). Connections are kept alive and capped; a request due while every
 * connection is busy is an error, not a wait.
 */
import { ConnectionPool } from './connections.js';
import type { Kind, LoadRequest } from './mix.js';

/** One request: when it was due (ms after the loop began), how long from then to its answer, how late it left, and what went wrong. */
export type Outcome = { kind: Kind; dueMs: number; ms: number; lagMs: number; status: number; error: string | null };

export type OpenLoopOptions = {
  baseUrl: string;
  /** Requests a second. */
  rate: number;
  seconds: number;
  next: () => LoadRequest;
  /** At most this many requests in flight (default 256). */
  maxInFlight?: number;
  /** A request still unanswered after this long is an error (default 10 s). */
  timeoutMs?: number;
};

const expected = (r: LoadRequest) => (r.method === 'GET' ? 200 : 303);

export function runOpenLoop(o: OpenLoopOptions): Promise<Outcome[]> {
  const maxInFlight = o.maxInFlight ?? 256;
  const pool = new ConnectionPool(o.baseUrl, o.timeoutMs ?? 10_000);
  const total = Math.round(o.rate * o.seconds);
  const interval = 1000 / o.rate;
  const outcomes: Outcome[] = [];
  let sent = 0;
  let inFlight = 0;

  return new Promise((resolve) => {
    const start = performance.now();
    const finish = () => {
      if (sent === total && inFlight === 0) {
        pool.close();
        resolve(outcomes);
      }
    };

    const fire = (r: LoadRequest, due: number, lagMs: number) => {
      inFlight++;
      const headers: Record<string, string> = { ...r.headers };
      if (r.cookie) headers.cookie = r.cookie;
      const body = r.form ? new URLSearchParams(r.form).toString() : undefined;
      if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
      pool.request({ method: r.method, path: r.path, headers, body }, (a) => {
        inFlight--;
        const error = a.error ?? (a.status === expected(r) ? null : `HTTP ${a.status}`);
        outcomes.push({ kind: r.kind, dueMs: due - start, ms: performance.now() - due, lagMs, status: a.status, error });
        finish();
      });
    };

    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        const due = start + sent * interval;
        sent++;
        const r = o.next();
        if (inFlight >= maxInFlight) outcomes.push({ kind: r.kind, dueMs: due - start, ms: now - due, lagMs: now - due, status: 0, error: `over ${maxInFlight} in flight` });
        else fire(r, due, now - due);
      }
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
      else finish();
    };
    tick();
  });
}
