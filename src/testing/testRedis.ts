import { Redis } from 'ioredis';

/** The Redis that tests use (QUIRE_TEST_REDIS_URL, else the local default). */
export const TEST_REDIS_URL = process.env.QUIRE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Whether Redis answers at `url`. Without it the calling test skips and says why; in CI
 * (`.ci/run` starts Redis) its absence fails the run instead.
 */
export async function requireRedis(url: string, skipped: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {});
  let up = false;
  try {
    await probe.connect();
    up = (await probe.ping()) === 'PONG';
  } catch {
    up = false;
  } finally {
    probe.disconnect();
  }
  if (!up) {
    if (process.env.CI) throw new Error(`Redis is not reachable at ${url}`);
    console.warn(`Redis is not reachable at ${url}: ${skipped}`);
  }
  return up;
}
