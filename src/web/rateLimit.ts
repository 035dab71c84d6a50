import { AsyncLocalStorage } from 'node:async_hooks';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.js';

/**
 * Where fixed-window counters live: Redis or the database, so that every app process behind a
 * proxy counts the same attempts (src/web/rateLimitCounters.ts); or this process's memory.
 */
export type Counters = {
  /** Adds one to the counter `key` (which names its window) and returns the new count. */
  increment(key: string, windowMs: number, now: number): Promise<number>;
  /** The counter `key` as it stands, without adding to it (0 when there is none). */
  peek(key: string, now: number): Promise<number>;
  close(): Promise<void>;
};

/** Counters in this process's memory: enough for one process, and for code outside a request. */
export function memoryCounters(): Counters {
  const windows = new Map<string, { expires: number; count: number }>();
  return {
    async increment(key, windowMs, now) {
      let w = windows.get(key);
      if (!w) {
        w = { expires: now + windowMs, count: 0 };
        windows.set(key, w);
        if (windows.size > 100_000) for (const [k, old] of windows) if (old.expires <= now) windows.delete(k);
      }
      return (w.count += 1);
    },
    async peek(key, now) {
      const w = windows.get(key);
      return w && w.expires > now ? w.count : 0;
    },
    close: async () => {},
  };
}

const shared = new AsyncLocalStorage<Counters>();
const local = memoryCounters();

/** Makes the archive's shared counters the ones every RateLimiter uses during a request. */
export const shareRateLimits = createMiddleware<AppEnv>((c, next) => shared.run(c.get('services').rateLimits, next));

/**
 * Fixed-window limits: at most `limit` hits per key per window. Limiters are made when routes
 * are built, before any store exists; each hit counts in the store of the request it serves.
 * `name` keeps two limiters with the same limit and window apart (they share counters otherwise).
 */
export class RateLimiter {
  constructor(private readonly limit: number, private readonly windowMs: number, private readonly name = '') {}

  /** Counts one attempt; returns the seconds to wait when over the limit, else 0. */
  async hit(key: string, now = Date.now()): Promise<number> {
    const window = Math.floor(now / this.windowMs);
    const counters = shared.getStore() ?? local;
    const count = await counters.increment(this.key(key, window), this.windowMs, now);
    return count > this.limit ? this.secondsLeft(window, now) : 0;
  }

  /** Seconds to wait before another attempt, without counting one (for limits on failures only). */
  async waitFor(key: string, now = Date.now()): Promise<number> {
    const window = Math.floor(now / this.windowMs);
    const counters = shared.getStore() ?? local;
    const count = await counters.peek(this.key(key, window), now);
    return count >= this.limit ? this.secondsLeft(window, now) : 0;
  }

  private key(key: string, window: number) {
    return `${this.name}/${this.limit}/${this.windowMs}/${window}/${key}`;
  }

  private secondsLeft(window: number, now: number) {
    return Math.max(1, Math.ceil(((window + 1) * this.windowMs - now) / 1000));
  }
}
