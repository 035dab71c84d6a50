import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../db/schema.js';
import { TestClient, workFields } from '../testing/testApp.js';
import { testDatabase } from '../testing/testDatabase.js';
import type { AppEnv } from '../web/env.js';

// The app killed with SIGKILL mid-write: every write is one transaction, so after a restart
// each work is whole or absent, and whatever was acknowledged is still there.
const root = path.resolve(import.meta.dirname, '../..');

let database: Awaited<ReturnType<typeof testDatabase>>;
let dir: string;
beforeAll(async () => {
  database = await testDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-crash-'));
});
afterAll(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) =>
  ({ PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dir, DATABASE_URL: database.url, LOG_LEVEL: 'silent', ...extra });
const quire = (args: string[], extra: Record<string, string> = {}) =>
  spawn(process.execPath, ['bin/quire.js', ...args], { cwd: root, env: env(extra), stdio: ['ignore', 'pipe', 'pipe'] });
const exited = (child: ChildProcess) => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r)));
const count = async (db: Kysely<DB>, table: 'works' | 'chapters') =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every work has its chapters, creators and tags, and its counts agree with its chapters. */
async function expectWholeWorks(db: Kysely<DB>) {
  const works = await db.selectFrom('works').select(['id', 'posted_chapters', 'word_count']).execute();
  for (const w of works) {
    const chapters = await db.selectFrom('chapters').select(['status', 'word_count', 'body']).where('work_id', '=', w.id).execute();
    expect(chapters.length, `work ${w.id} has chapters`).toBeGreaterThan(0);
    const posted = chapters.filter((c) => c.status === 'posted');
    expect(w.posted_chapters, `work ${w.id} posted chapters`).toBe(posted.length);
    expect(w.word_count, `work ${w.id} word count`).toBe(posted.reduce((n, c) => n + c.word_count, 0));
    expect(await db.selectFrom('creatorships').select('pseud_id').where('work_id', '=', w.id).execute(), `work ${w.id} creators`).not.toHaveLength(0);
    expect(await db.selectFrom('work_tags').select('tag_id').where('work_id', '=', w.id).execute(), `work ${w.id} tags`).not.toHaveLength(0);
  }
  return works.length;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function serve(port: number) {
  const child = quire(['serve'], { PORT: String(port), HOST: '127.0.0.1', BASE_URL: `http://127.0.0.1:${port}` });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return child;
    } catch {
      // not yet listening
    }
    await sleep(200);
  }
  child.kill('SIGKILL');
  throw new Error('quire serve did not start');
}

describe('killed with SIGKILL', () => {
  it('in the middle of a bulk import: every imported work is whole and served after a restart', async () => {
    // The importer's account, made through a server run.
    const port = await freePort();
    const server = await serve(port);
    const base = `http://127.0.0.1:${port}`;
    await new TestClient({ request: (p: string, init: RequestInit) => fetch(base + p, { ...init, redirect: 'manual' }) } as unknown as Hono<AppEnv>).signUp('importer');
    server.kill('SIGTERM');
    await exited(server);

    const files = path.join(dir, 'import');
    fs.mkdirSync(files);
    const paragraph = 'The boat rocked under the bridge while the river kept its own counsel. '.repeat(40);
    for (let i = 0; i < 400; i++) fs.writeFileSync(path.join(files, `story-${String(i).padStart(3, '0')}.txt`), `${paragraph}\n\nStory number ${i}.`);

    const importer = quire(['import', files, '--as', 'importer', '--fandom', 'River Tales']);
    const { db } = database;
    for (let i = 0; i < 600 && (await count(db, 'works')) < 5; i++) await sleep(50);
    importer.kill('SIGKILL');
    await exited(importer);

    const survived = await expectWholeWorks(db);
    expect(survived).toBeGreaterThanOrEqual(5);
    expect(survived).toBeLessThan(400);
    // A restarted archive serves every committed work.
    const again = await serve(port);
    try {
      const ids = (await db.selectFrom('works').select('id').execute()).map((w) => w.id);
      for (const id of ids.slice(0, 5)) expect((await fetch(`${base}/works/${id}`)).status).toBe(200);
      const listing = await (await fetch(`${base}/works`)).text();
      expect(listing).toContain(`of ${survived} Works`);
    } finally {
      again.kill('SIGKILL');
      await exited(again);
    }
  }, 120_000);

  it('in the middle of chapter posts: acknowledged chapters stay, none is half there', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const client = () => new TestClient({ request: (p: string, init: RequestInit) => fetch(base + p, { ...init, redirect: 'manual' }) } as unknown as Hono<AppEnv>);
    let server = await serve(port);
    const writer = await client().signUp('novelist');
    const { db } = database;
    const user = await db.selectFrom('users').select('id').where('login', '=', 'novelist').executeTakeFirstOrThrow();
    const pseud = await db.selectFrom('pseuds').select('id').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    const location = (await writer.post('/works', workFields({ title: 'The Long One' }, pseud.id))).headers.get('location')!;
    const workId = Number(/\/works\/(\d+)/.exec(location)![1]);

    // Large chapters, posted one after another, until the server is killed under them.
    const big = 'Word after word the chapter grew longer than anyone meant it to. '.repeat(7000);
    const acknowledged: string[] = [];
    let killed = false;
    const posting = (async () => {
      for (let i = 0; !killed; i++) {
        const title = `Part ${i}`;
        try {
          const res = await writer.post(`/works/${workId}/chapters`, { chapter_title: title, text_format: 'plain', text: big, action: 'post' });
          if (res.status === 303) acknowledged.push(title);
        } catch {
          return; // the connection died with the server
        }
      }
    })();
    while (acknowledged.length < 2) await sleep(20);
    await sleep(30);
    killed = true;
    server.kill('SIGKILL');
    await exited(server);
    await posting;

    await expectWholeWorks(db);
    const chapters = await db.selectFrom('chapters').select(['title', 'body']).where('work_id', '=', workId).execute();
    for (const title of acknowledged) expect(chapters.map((c) => c.title)).toContain(title);
    const expected = chapters.find((c) => c.title === acknowledged[0])!.body.length;
    for (const c of chapters.filter((c) => c.title.startsWith('Part '))) expect(c.body.length, c.title).toBe(expected);

    // Restarted, it serves the work with exactly the chapters that were kept.
    server = await serve(port);
    try {
      const res = await fetch(`${base}/works/${workId}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(`${chapters.length}/?`);
    } finally {
      server.kill('SIGKILL');
      await exited(server);
    }
  }, 120_000);
});
