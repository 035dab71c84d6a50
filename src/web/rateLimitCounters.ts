import { sql, type Kysely } from 'kysely';
import { Redis } from 'ioredis';
import type { DB } from '../db/schema.js';
import type { Counters } from './rateLimit.js';

/**
 * Redis when REDIS_URL is set, else the database: either way shared by every app process. While
 * Redis cannot be reached the database counts, so signing in keeps working.
 */
export function sharedCounters(db: Kysely<DB>, redisUrl: string | undefined): Counters {
  const inDatabase = databaseCounters(db);
  if (!redisUrl) return inDatabase;
  const redis = redisCounters(redisUrl);
  return {
    increment: (key, windowMs, now) => redis.increment(key, windowMs, now).catch(() => inDatabase.increment(key, windowMs, now)),
    peek: (key, now) => redis.peek(key, now).catch(() => inDatabase.peek(key, now)),
    close: () => redis.close(),
  };
}

/** INCR and PEXPIRE in one MULTI: the counter and its expiry are set together. */
export function redisCounters(url: string, prefix = 'quire:rl:'): Counters {
  // Fail soon while Redis is away (one retry), rather than holding a sign-in.
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  redis.on('error', () => {});
  return {
    async increment(key, windowMs) {
      const results = await redis.multi().incr(prefix + key).pexpire(prefix + key, windowMs).exec();
      const [err, count] = results?.[0] ?? [new Error('Redis returned no result')];
      if (err) throw err;
      return Number(count);
    },
    async peek(key) {
      return Number((await redis.get(prefix + key)) ?? 0);
    },
    async close() {
      redis.disconnect();
    },
  };
}

/** One row per counter, bumped by an atomic upsert; rows past their window are swept each minute. */
export function databaseCounters(db: Kysely<DB>): Counters {
  let nextSweep = 0;
  return {
    async increment(key, windowMs, now) {
      if (now >= nextSweep) {
        nextSweep = now + 60_000;
        await db.deleteFrom('rate_limits').where('expires_at', '<', new Date(now).toISOString()).execute();
      }
      const row = await db.insertInto('rate_limits')
        .values({ key, count: 1, expires_at: new Date(now + windowMs).toISOString() })
        .onConflict((oc) => oc.column('key').doUpdateSet({ count: sql`rate_limits.count + 1` }))
        .returning('count')
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
    async peek(key, now) {
      const row = await db.selectFrom('rate_limits').select('count').where('key', '=', key).where('expires_at', '>', new Date(now).toISOString()).executeTakeFirst();
      return Number(row?.count ?? 0);
    },
    close: async () => {},
  };
}
