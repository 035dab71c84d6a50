import { spawnSync } from 'node:child_process';
import { defineConfig } from 'vitest/config';

// The domain, route and browser suites run twice: on SQLite, and on PostgreSQL where one answers.
// CI must have PostgreSQL, so there its absence fails the run instead of skipping.
const pgUrl = new URL(process.env.QUIRE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
const pgUp = spawnSync('pg_isready', ['-h', pgUrl.hostname, '-p', pgUrl.port || '5432'], { stdio: 'ignore' }).status === 0;
if (!pgUp && !process.env.CI) console.warn('PostgreSQL is not reachable: the postgres project is skipped.');

const unit = { include: ['src/**/*.test.ts', 'src/**/*.test.tsx'], testTimeout: 30_000, hookTimeout: 30_000 };
const browser = { include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false };

export default defineConfig({
  test: {
    projects: [
      { test: { ...unit, name: 'sqlite', env: { QUIRE_TEST_DB: 'sqlite' } } },
      ...(pgUp || process.env.CI ? [{ test: { ...unit, name: 'postgres', env: { QUIRE_TEST_DB: 'postgres' } } }] : []),
      { test: { name: 'load', include: ['test/load/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 } },
      { test: { ...browser, name: 'browser', env: { QUIRE_TEST_DB: 'sqlite' } } },
      // The same journeys on PostgreSQL, in a group of their own: vitest runs the unit group, then
      // this one, then the files that run one at a time (the SQLite journeys), so two browsers and
      // their servers never crowd the machine at once. The demo is SQLite's by design (./data-demo).
      ...(pgUp || process.env.CI ? [{ test: {
        ...browser, name: 'browser-postgres', exclude: ['test/e2e/demo.test.ts'], env: { QUIRE_TEST_DB: 'postgres' }, sequence: { groupOrder: 1 },
      } }] : []),
    ],
  },
});
