import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { buildServices, type Services } from '../services.js';
import { TestClient } from '../testing/testApp.js';
import { testDatabase } from '../testing/testDatabase.js';
import { RateLimiter } from './rateLimit.js';
import { redisCounters, sharedCounters } from './rateLimitCounters.js';
import { requireRedis, TEST_REDIS_URL } from '../testing/testRedis.js';

describe('RateLimiter', () => {
  it('lets `limit` hits through per window, then says how long to wait', async () => {
    const limiter = new RateLimiter(2, 60_000, 'unit');
    const t = 120_000;
    expect(await limiter.hit('a', t)).toBe(0);
    expect(await limiter.hit('a', t + 1000)).toBe(0);
    expect(await limiter.hit('a', t + 2000)).toBe(58);
    expect(await limiter.hit('b', t + 2000)).toBe(0);
    // A new window starts afresh.
    expect(await limiter.hit('a', t + 60_000)).toBe(0);
  });
});

describe('two app processes over one archive', () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  const services: Services[] = [];
  const apps: Awaited<ReturnType<typeof buildApp>>[] = [];
  beforeAll(async () => {
    database = await testDatabase();
    const config = { ...loadConfig({ DATA_DIR: '/tmp/quire-test-data', LOG_LEVEL: 'silent' }), databaseUrl: database.url, fastPasswordHashing: true };
    for (let i = 0; i < 2; i++) {
      const s = await buildServices(config, database);
      services.push(s);
      apps.push(await buildApp(s, pino({ level: 'silent' })));
    }
  });
  afterAll(async () => {
    await services[0]?.index.close();
    await services[1]?.close();
  });

  it('counts sign-in attempts on one account across both processes', async () => {
    await new TestClient(apps[0]!).signUp('jace_w', 'seraph blade');
    const clients = apps.map((app) => new TestClient(app));
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await clients[i % 2]!.signIn('jace_w', 'wrong password')).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    // Past the limit, even the right password waits, on either process.
    expect((await clients[0]!.signIn('jace_w', 'seraph blade')).status).toBe(429);
    expect(clients[0]!.lastHtml).toContain('Too many sign-in attempts');
  });

  it('counts in the database while Redis cannot be reached', async () => {
    const counters = sharedCounters(database.db, 'redis://127.0.0.1:1');
    try {
      expect(await counters.increment('fallback', 60_000, Date.now())).toBe(1);
      expect(await counters.increment('fallback', 60_000, Date.now())).toBe(2);
    } finally {
      await counters.close();
    }
  });
});

const REDIS_URL = TEST_REDIS_URL;
const redisUp = await requireRedis(REDIS_URL, 'the Redis counter test is skipped.');

describe.skipIf(!redisUp)('Redis counters', () => {
  it('are shared by every process using the same Redis, and expire with their window', async () => {
    const prefix = `quire-test:${randomBytes(6).toString('hex')}:`;
    const [one, two] = [redisCounters(REDIS_URL, prefix), redisCounters(REDIS_URL, prefix)];
    try {
      expect(await one.increment('k', 200, 0)).toBe(1);
      expect(await two.increment('k', 200, 0)).toBe(2);
      expect(await one.increment('k', 200, 0)).toBe(3);
      await new Promise((r) => setTimeout(r, 400));
      expect(await two.increment('k', 200, 0)).toBe(1);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
