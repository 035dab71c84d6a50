/**
 * An open-loop load generator: requests leave at fixed intervals whatever the server does, and
 * each latency is counted from when the request was due, not from when it left. A server that
 * falls behind so shows its queue in the latencies instead of hiding it behind fewer requests
 * (no coordinated omission). Connections are kept alive and capped; a request due while every
 * connection is busy is an error, not a wait.
 */
import http from 'node:http';
import type { Kind, LoadRequest } from './mix.js';

export type Outcome = { kind: Kind; ms: number; error: string | null };

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
  const url = new URL(o.baseUrl);
  const maxInFlight = o.maxInFlight ?? 256;
  const timeoutMs = o.timeoutMs ?? 10_000;
  // Idle connections are dropped before the server's 5 s keep-alive timeout would close them
  // under a request just being sent (a client race, not the server's error); the most recently
  // used connection goes first, so few sit idle.
  const agent = new http.Agent({ keepAlive: true, maxSockets: maxInFlight, timeout: 4_000, scheduling: 'lifo' });
  const total = Math.round(o.rate * o.seconds);
  const interval = 1000 / o.rate;
  const outcomes: Outcome[] = [];
  let sent = 0;
  let inFlight = 0;

  return new Promise((resolve) => {
    const start = performance.now();
    const finish = () => {
      if (sent === total && inFlight === 0) {
        agent.destroy();
        resolve(outcomes);
      }
    };

    const fire = (r: LoadRequest, due: number) => {
      inFlight++;
      let done = false;
      const end = (error: string | null) => {
        if (done) return;
        done = true;
        inFlight--;
        outcomes.push({ kind: r.kind, ms: performance.now() - due, error });
        finish();
      };
      const body = r.form ? Buffer.from(new URLSearchParams(r.form).toString()) : null;
      const headers: Record<string, string | number> = {};
      if (r.cookie) headers.cookie = r.cookie;
      if (body) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        headers['content-length'] = body.length;
      }
      const req = http.request({ agent, host: url.hostname, port: url.port, method: r.method, path: r.path, headers }, (res) => {
        const status = res.statusCode ?? 0;
        res.on('error', (e) => end(e.message));
        res.on('end', () => end(status === expected(r) ? null : `HTTP ${status}`));
        res.resume();
      });
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', (e) => end(e.message));
      req.end(body ?? undefined);
    };

    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        const due = start + sent * interval;
        sent++;
        const r = o.next();
        if (inFlight >= maxInFlight) outcomes.push({ kind: r.kind, ms: now - due, error: `over ${maxInFlight} in flight` });
        else fire(r, due);
      }
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
      else finish();
    };
    tick();
  });
}
