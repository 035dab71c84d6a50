import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, workFields } from '../testing/testApp.js';
import { testDatabase, testDialect } from '../testing/testDatabase.js';
import { requireRedis, TEST_REDIS_URL } from '../testing/testRedis.js';
import type { AppEnv } from '../web/env.js';

// Two `quire serve` processes over one archive, behind nginx (round robin), as README shows.
const root = path.resolve(import.meta.dirname, '../..');
const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
if (!nginx) {
  if (process.env.CI) throw new Error('nginx is not installed (apt-get install nginx-light)');
  console.warn('nginx is not installed: the several-processes test is skipped.');
}

// Run twice: rate-limit counters in the database, then in Redis (REDIS_URL). Each project (SQLite,
// PostgreSQL) uses a Redis database of its own, emptied first, so runs that overlap never share counts.
const REDIS_URL = `${TEST_REDIS_URL}/${testDialect === 'sqlite' ? 1 : 2}`;
const redisUp = await requireRedis(REDIS_URL, 'the several-processes test runs with counters in the database only.');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, ms = 60_000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The README's configuration, with the test's ports and paths, and the upstream named. */
function nginxConfig(dir: string, port: number, backends: number[]) {
  return `
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream quire {
${backends.map((p) => `    server 127.0.0.1:${p};`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 5m;
    location / {
      proxy_pass http://quire;
      proxy_set_header Host $http_host;
      proxy_set_header X-Real-IP $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      add_header X-Quire-Upstream $upstream_addr always;
    }
  }
}
`;
}

for (const counters of ['database', 'redis'] as const) describe.skipIf(!nginx || (counters === 'redis' && !redisUp))(`two app processes behind nginx, rate limits in ${counters === 'redis' ? 'Redis' : 'the database'}`, () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let dir: string;
  let base: string;
  const children: ChildProcess[] = [];
  let backends: number[];
  /** A TestClient that goes over HTTP through nginx instead of calling the app in-process. */
  const overHttp = () => new TestClient({ request: (p: string, init: RequestInit) => fetch(base + p, { ...init, redirect: 'manual' }) } as unknown as Hono<AppEnv>);

  beforeAll(async () => {
    // Counts left by an earlier run (they last their window) must not pass for this run's.
    if (redisUp) {
      const redis = new Redis(REDIS_URL);
      await redis.flushdb();
      redis.disconnect();
    }
    database = await testDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-nginx-'));
    backends = [await freePort(), await freePort()];
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    for (const p of backends) {
      const child = spawn(process.execPath, ['bin/quire.js', 'serve'], {
        cwd: root,
        stdio: 'ignore',
        env: {
          PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(p), HOST: '127.0.0.1', DATA_DIR: dir, DATABASE_URL: database.url, BASE_URL: base, LOG_LEVEL: 'silent', TRUST_PROXY: '127.0.0.1',
          ...(counters === 'redis' ? { REDIS_URL } : {}),
        },
      });
      children.push(child);
    }
    await Promise.all(backends.map((p) => waitFor(`http://127.0.0.1:${p}/readyz`)));
    fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(dir, port, backends));
    const started = spawnSync(nginx!, ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { encoding: 'utf8' });
    if (started.status !== 0) throw new Error(`nginx did not start: ${started.stderr}`);
    await waitFor(`${base}/readyz`);
  }, 120_000);

  afterAll(async () => {
    if (dir && fs.existsSync(path.join(dir, 'nginx.pid'))) spawnSync(nginx!, ['-c', path.join(dir, 'nginx.conf'), '-p', dir, '-s', 'stop']);
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
    await database?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const upstreamsOf = (responses: Response[]) => new Set(responses.map((r) => r.headers.get('x-quire-upstream')));

  it('keeps a session across both processes', async () => {
    const reader = overHttp();
    await reader.signUp('clary');
    const pages: Response[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await reader.get('/');
      expect(res.status).toBe(200);
      expect(reader.lastHtml).toContain('clary');
      pages.push(res);
    }
    expect(upstreamsOf(pages)).toEqual(new Set(backends.map((p) => `127.0.0.1:${p}`)));
    // Signing out on one process ends the session on the other as well.
    expect((await reader.post('/logout')).status).toBe(303);
    for (let i = 0; i < 2; i++) expect(await reader.page('/')).not.toContain('Sign out');
  });

  it('counts sign-in attempts across both processes', async () => {
    await overHttp().signUp('jocelyn', 'the mortal cup');
    const client = overHttp();
    const tries: Response[] = [];
    for (let i = 0; i < 11; i++) tries.push(await client.signIn('jocelyn', 'wrong password'));
    expect(tries.slice(0, 10).map((r) => r.status)).toEqual(Array(10).fill(401));
    expect(tries[10]!.status).toBe(429);
    expect(upstreamsOf(tries.slice(0, 10)).size).toBe(2);
    expect(client.lastHtml).toContain('Too many sign-in attempts');
    // The counts are where the configuration says, and only there.
    const inDatabase = await database.db.selectFrom('rate_limits').select('key').where('key', 'like', '%/jocelyn').execute();
    const redis = new Redis(REDIS_URL);
    const inRedis = await redis.keys('quire:rl:*/jocelyn');
    redis.disconnect();
    expect([inDatabase.length > 0, inRedis.length > 0]).toEqual(counters === 'redis' ? [false, true] : [true, false]);
  });

  it('shows an edit made on one process on both, though each caches the page', async () => {
    const writer = overHttp();
    await writer.signUp('alec');
    const user = await database.db.selectFrom('users').select('id').where('login', '=', 'alec').executeTakeFirstOrThrow();
    const pseud = (await database.db.selectFrom('pseuds').select('id').where('user_id', '=', user.id).executeTakeFirstOrThrow()).id;
    const location = (await writer.post('/works', workFields({ title: 'Before the Edit' }, pseud))).headers.get('location')!;
    const guest = overHttp();
    const seen: Response[] = [];
    for (let i = 0; i < 4; i++) {
      seen.push(await guest.get(location));
      expect(guest.lastHtml).toContain('Before the Edit');
    }
    expect(upstreamsOf(seen).size).toBe(2);
    expect((await writer.post(location, workFields({ title: 'After the Edit' }, pseud))).status).toBe(303);
    for (let i = 0; i < 4; i++) {
      await guest.get(location);
      expect(guest.lastHtml).toContain('After the Edit');
    }
  });

  it('adds up hit counts from both processes, once per reader a day', async () => {
    const writer = overHttp();
    await writer.signUp('magnus');
    const user = await database.db.selectFrom('users').select('id').where('login', '=', 'magnus').executeTakeFirstOrThrow();
    const pseud = (await database.db.selectFrom('pseuds').select('id').where('user_id', '=', user.id).executeTakeFirstOrThrow()).id;
    const location = (await writer.post('/works', workFields({ title: 'Counted Twice Over' }, pseud))).headers.get('location')!;
    const workId = Number(location.split('/').pop());
    const readers = [overHttp(), overHttp(), overHttp()];
    for (const [i, r] of readers.entries()) await r.signUp(`hitreader${i}`);
    const views: Response[] = [];
    // Three readers and one guest address, four views each, spread over both processes; the creator's own views never count.
    for (let round = 0; round < 4; round++) {
      for (const r of [...readers, overHttp()]) views.push(await r.get(location));
      await writer.get(location);
    }
    expect(upstreamsOf(views).size).toBe(2);
    const hits = async () => (await database.db.selectFrom('works').select('hits_count').where('id', '=', workId).executeTakeFirstOrThrow()).hits_count;
    const until = Date.now() + 10_000;
    while ((await hits()) < 4 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    // Both processes have flushed (each writes at least once a second): still four, never more.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await hits()).toBe(4);
  });
});
