import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { buildServices, type Services } from '../services.js';
import { TestClient, testArchive, workFields, type TestArchive } from '../testing/testApp.js';
import { testDatabase, testDialect } from '../testing/testDatabase.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const quire = (...args: string[]) =>
  run(process.execPath, ['bin/quire.js', ...args], { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'silent' } });

// Each run copies to the other dialect: SQLite → PostgreSQL, and PostgreSQL → SQLite.
const otherDialect = testDialect === 'sqlite' ? 'postgres' : 'sqlite';

let source: TestArchive;
let target: Awaited<ReturnType<typeof testDatabase>>;
let copied: Services | undefined;
let workPath: string;
beforeAll(async () => {
  source = await testArchive();
  const writer = await new TestClient(source.app).signUp('magnus', 'chairman meow');
  const pseud = (await source.services.accounts.pseudsOf((await source.services.accounts.findUser('magnus'))!.id))[0]!.id;
  const res = await writer.post('/works', workFields({ text: 'The warlock kept the lighthouse lit all winter.' }, pseud));
  workPath = res.headers.get('location')!;
  await writer.post('/works', workFields({ title: 'A draft', action: 'draft' }, pseud));
  // A synonym points at another row of its own table: copied after the rows it points to exist.
  const db = source.services.database.db;
  const canonical = (await db.selectFrom('tags').select('id').where('name', '=', 'Magnus Bane').executeTakeFirstOrThrow()).id;
  await db.insertInto('tags').values({ name: 'Magnus', name_key: 'magnus', type: 'character', canonical: 0, merger_id: canonical, created_at: new Date().toISOString() } as never).execute();
  target = await testDatabase(otherDialect);
});
afterAll(async () => {
  await copied?.close();
  if (!copied) await target?.close();
  await source.close();
});

describe('quire copy', () => {
  it('copies the whole archive with a row count check, and the copy serves it', async () => {
    const { stdout, stderr } = await quire('copy', '--from', source.services.config.databaseUrl, '--to', target.url);
    expect(stdout).toMatch(/^Copied \d+ rows in \d+ tables; every count matches\. Indexed 2 works for search\.\n$/);
    expect(stderr).toContain('works (2)');

    const config = { ...loadConfig({ DATA_DIR: '/tmp/quire-test-data', LOG_LEVEL: 'silent' }), databaseUrl: target.url, fastPasswordHashing: true };
    copied = await buildServices(config, target);
    const app = await buildApp(copied, pino({ level: 'silent' }));
    for (const table of ['users', 'pseuds', 'works', 'chapters', 'tags', 'work_tags', 'creatorships', 'settings'] as const) {
      const count = async (s: Services) => Number((await s.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      expect(await count(copied), table).toBe(await count(source.services));
    }
    expect(await new TestClient(app).page(workPath)).toContain('The warlock kept the lighthouse lit all winter.');
    const synonym = await copied.database.db.selectFrom('tags as s').innerJoin('tags as c', 'c.id', 's.merger_id').select('c.name').where('s.name', '=', 'Magnus').executeTakeFirst();
    expect(synonym?.name).toBe('Magnus Bane');
    // Search was rebuilt on the target; the writer's password, and new ids, carry on.
    expect(await new TestClient(app).page('/works/search?q=lighthouse')).toContain('The Letter and the Key');
    const writer = new TestClient(app);
    expect((await writer.signIn('magnus', 'chairman meow')).status).toBe(303);
    const pseud = (await copied.accounts.pseudsOf((await copied.accounts.findUser('magnus'))!.id))[0]!.id;
    const again = await writer.post('/works', workFields({ title: 'Posted after the move' }, pseud));
    expect(again.status).toBe(303);
    expect(Number(/\/works\/(\d+)/.exec(again.headers.get('location')!)![1])).toBe(3);
  });

  it('refuses to write into a database that already holds an archive', async () => {
    const err = await quire('copy', '--from', source.services.config.databaseUrl, '--to', target.url).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stderr: string }).stderr).toContain('already holds an archive');
  });

  it('explains a missing --to', async () => {
    const err = await quire('copy', '--from', source.services.config.databaseUrl).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2, stderr: expect.stringContaining('--to URL') });
  });
});
