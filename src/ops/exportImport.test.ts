import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { DEMO_READER, seedSampleArchive } from '../demo/sampleArchive.js';
import type { Viewer } from '../policy/viewer.js';
import { buildServices, type Services } from '../services.js';
import { exportArchive } from './exportArchive.js';
import { importArchive } from './importArchive.js';
import { TestClient, testArchive, type TestArchive } from '../testing/testApp.js';
import { testDatabase, testDialect } from '../testing/testDatabase.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const quire = (env: Record<string, string>, ...args: string[]) =>
  run(process.execPath, ['bin/quire.js', ...args], { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'silent', ...env } });
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected the command to fail'); }, (e: { code: number; stderr: string }) => e);

// Each run imports into the other dialect: SQLite → PostgreSQL, and PostgreSQL → SQLite. Search
// results are compared in title order: the two engines rank matches differently.
const otherDialect = testDialect === 'sqlite' ? 'postgres' : 'sqlite';

type Target = Awaited<ReturnType<typeof testDatabase>>;
let source: TestArchive;
let readerPassword: string;
let work: { id: number; chapter: number; restricted: number };
let seriesId: number;
const dirs: string[] = [];
const opened: Services[] = [];
const targets: Target[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-export-'));
  dirs.push(dir);
  return path.join(dir, 'archive');
}

async function serve(target: Target) {
  const config = { ...loadConfig({ DATA_DIR: '/tmp/quire-test-data', LOG_LEVEL: 'silent' }), databaseUrl: target.url, fastPasswordHashing: true };
  const services = await buildServices(config, target);
  opened.push(services);
  return { services, app: await buildApp(services, pino({ level: 'silent' })) };
}

async function viewer(services: Services, login: string): Promise<Extract<Viewer, { kind: 'user' }>> {
  const user = (await services.accounts.findUser(login))!;
  return { kind: 'user', id: user.id, login, isAdmin: false, isWrangler: false };
}

/** What a guest sees on every kind of page, in one order; CSRF tokens are per visitor. */
async function guestPages(app: TestArchive['app']): Promise<Map<string, string>> {
  const paths = [
    '/', '/works', '/works?page=2', '/works?sort=kudos', '/tags/The%20Lantern%20Keepers%20(TV)/works',
    '/tags/The%20Lantern%20Keepers%20(TV)', '/tags/Maren', '/tags/Maren%20Holt/works', '/users/inkwell_wren/works',
    `/users/${DEMO_READER}/bookmarks`, '/works/search?q=lantern&sort=title', `/series/${seriesId}`,
    `/works/${work.id}`, `/works/${work.id}?view_full_work=true`, `/works/${work.id}/chapters/${work.chapter}`,
    `/works/${work.restricted}`, `/downloads/${work.id}/a.txt`, '/tags/The%20Lantern%20Keepers%20(TV)/feed.atom',
  ];
  const guest = new TestClient(app);
  const pages = new Map<string, string>();
  for (const p of paths) {
    const res = await guest.request('GET', p);
    pages.set(p, `${res.status} ${(await res.text()).replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf"')}`);
  }
  return pages;
}

beforeAll(async () => {
  source = await testArchive();
  const s = source.services;
  readerPassword = await seedSampleArchive(s, { works: 36, seed: 5 });
  const db = s.database.db;
  // A reply, a series and a synonym: rows that point at rows of their own or other tables.
  const reader = await viewer(s, DEMO_READER);
  const comment = await db.selectFrom('comments').select(['id', 'work_id']).orderBy('id').executeTakeFirstOrThrow();
  expect((await s.responses.reply(reader, comment.id, { body: '<p>A generated reply.</p>' })).ok).toBe(true);
  const wren = await viewer(s, 'inkwell_wren');
  const own = await db.selectFrom('works').innerJoin('creatorships', 'creatorships.work_id', 'works.id').innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .select('works.id').where('pseuds.user_id', '=', wren.id).where('works.restricted', '=', 0).orderBy('works.id').execute();
  const created = await s.series.create(wren, { title: 'Generated Sample Series', summary: '<p>Two parts.</p>' });
  if (!created.ok) throw new Error('no series');
  seriesId = created.value;
  for (const w of own.slice(0, 2)) expect((await s.series.addWork(wren, seriesId, String(w.id))).ok).toBe(true);
  const maren = await s.wrangling.findByName('Maren Holt');
  await db.insertInto('tags').values({ name: 'Maren', name_key: 'maren', type: 'character', canonical: 0, merger_id: maren!.id, created_at: new Date().toISOString() } as never).execute();
  const chapters = await db.selectFrom('chapters').select(['work_id', 'id']).orderBy('work_id').orderBy('position').execute();
  const many = chapters.find((c, i) => chapters[i + 1]?.work_id === c.work_id)!;
  work = {
    id: many.work_id,
    chapter: chapters.filter((c) => c.work_id === many.work_id)[1]!.id,
    restricted: (await db.selectFrom('works').select('id').where('restricted', '=', 1).executeTakeFirstOrThrow()).id,
  };
  await s.hits.flush();
});

afterAll(async () => {
  for (const services of opened) await services.close();
  for (const t of targets) if (!opened.some((s) => s.database === t)) await t.close();
  await source.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

// Each test runs the command line (a Node process of its own each time), slow on a busy machine.
describe('quire export and quire import-archive', { timeout: 90_000 }, () => {
  it('round-trips an archive: the imported one serves the same pages', async () => {
    const dir = tempDir();
    const out = await quire({ DATABASE_URL: source.services.config.databaseUrl }, 'export', dir);
    expect(out.stdout).toMatch(/^Exported \d+ rows of \d+ tables to .+, without passwords/);
    expect(out.stderr).toContain('works (36)');
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'quire-archive', version: 1, passwords: false });
    const names = manifest.tables.map((t: { name: string }) => t.name);
    expect(names).toEqual(expect.arrayContaining(['users', 'works', 'chapters', 'tags', 'work_tags', 'tag_parents', 'kudos', 'comments', 'bookmarks', 'series_parts']));
    for (const secret of ['sessions', 'api_tokens', 'account_tokens', 'recovery_codes']) expect(names).not.toContain(secret);
    // Open JSON Lines: one object a row; no password hash and no site secret in any file.
    const users = fs.readFileSync(path.join(dir, 'users.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(users.map((u) => u.login)).toContain(DEMO_READER);
    for (const file of fs.readdirSync(dir)) expect(fs.readFileSync(path.join(dir, file), 'utf8')).not.toMatch(/\$argon2|"key":"secret"/);

    const target = await testDatabase(otherDialect);
    targets.push(target);
    const imported = await quire({ DATABASE_URL: target.url }, 'import-archive', dir);
    expect(imported.stdout).toMatch(/^Imported \d+ rows of \d+ tables from .+; every count matches\. Indexed 36 works for search\.\n$/);
    const copy = await serve(target);

    const before = await guestPages(source.app);
    const after = await guestPages(copy.app);
    for (const [p, page] of before) expect(after.get(p), p).toBe(page);
    expect(before.get(`/works/${work.restricted}`)).not.toMatch(/^200/);
    expect(before.get(`/series/${seriesId}`)).toContain('Generated Sample Series');
    expect(before.get('/works/search?q=lantern&sort=title')).toMatch(/<mark>/i);

    // Without password hashes nobody signs in with an old password; new writing gets new ids.
    const reader = new TestClient(copy.app);
    expect((await reader.signIn(DEMO_READER, readerPassword)).status).toBe(401);
    const newest = await copy.services.posting.createWork(await viewer(copy.services, 'tidewriter'), {
      title: 'Posted after the move', pseud_ids: String((await copy.services.accounts.pseudsOf((await viewer(copy.services, 'tidewriter')).id))[0]!.id),
      rating: 'General Audiences', warnings: 'No Archive Warnings Apply', fandoms: 'Night Ferry (Podcast)', language: 'en', expected_chapters: '1',
    }, { text_format: 'plain', text: 'New words.' }, 'post');
    expect(newest).toMatchObject({ ok: true, value: 37 });
  });

  it('carries passwords only when asked, and then readers sign in as before', async () => {
    const dir = tempDir();
    const out = await quire({ DATABASE_URL: source.services.config.databaseUrl }, 'export', dir, '--with-passwords');
    expect(out.stdout).toContain('with password hashes');
    expect(fs.readFileSync(path.join(dir, 'users.jsonl'), 'utf8')).toContain('$argon2id$');
    const target = await testDatabase(otherDialect);
    targets.push(target);
    await quire({ DATABASE_URL: target.url }, 'import-archive', dir);
    const copy = await serve(target);
    const reader = new TestClient(copy.app);
    expect((await reader.signIn(DEMO_READER, readerPassword)).status).toBe(303);
    expect(await reader.page(`/users/${DEMO_READER}/bookmarks`)).toContain('Generated sample bookmark.');
  });

  it('refuses a damaged, unfinished or foreign export, and a target that holds an archive, writing nothing', async () => {
    const dir = tempDir();
    expect((await exportArchive(source.services.database, dir)).ok).toBe(true);
    const target = await testDatabase(otherDialect);
    targets.push(target);
    const refusal = async () => {
      const outcome = await importArchive(target, dir);
      return outcome.ok ? 'imported' : outcome.reason;
    };
    const works = async () => Number((await target.db.selectFrom('works').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    const chapters = path.join(dir, 'chapters.jsonl');
    const original = fs.readFileSync(chapters, 'utf8');
    fs.writeFileSync(chapters, original.replace(' the ', ' teh '));
    expect(await refusal()).toContain('chapters.jsonl does not match its checksum');
    fs.writeFileSync(chapters, original.split('\n').slice(1).join('\n'));
    expect(await refusal()).toContain('the export is incomplete');
    fs.writeFileSync(chapters, `{"id": 1,\n${original}`);
    expect(await refusal()).toContain('chapters.jsonl, line 1: not valid JSON');
    fs.writeFileSync(chapters, original.replace('"work_id":', '"wrok_id":'));
    expect(await refusal()).toContain('"wrok_id" is not one of the table\'s columns');
    fs.writeFileSync(chapters, original);

    const manifestFile = path.join(dir, 'manifest.json');
    const manifest = fs.readFileSync(manifestFile, 'utf8');
    fs.writeFileSync(manifestFile, manifest.replace(/"migration": "[^"]+"/, '"migration": "2099-01-01-001-future"'));
    expect(await refusal()).toContain('made by a newer Quire');
    fs.writeFileSync(manifestFile, manifest.replace('"name": "works"', '"name": "../works"'));
    expect(await refusal()).toContain('is not a Quire archive manifest');
    fs.writeFileSync(manifestFile, manifest.replace('"name": "works"', '"name": "scrolls"'));
    expect(await refusal()).toContain('a table this Quire does not know: scrolls');
    fs.rmSync(manifestFile);
    expect(await refusal()).toContain('an export without a manifest did not finish');
    fs.writeFileSync(manifestFile, manifest);
    expect(await works()).toBe(0);

    expect(await refusal()).toBe('imported');
    expect(await works()).toBe(36);
    // The command says the same, with a non-zero exit.
    expect(await failure(quire({ DATABASE_URL: target.url }, 'import-archive', dir))).toMatchObject({ code: 1, stderr: expect.stringContaining('already holds an archive') });
    expect(await works()).toBe(36);
  });

  it('exports only into a new or empty directory, and says how it is called', async () => {
    const dir = tempDir();
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const env = { DATABASE_URL: source.services.config.databaseUrl };
    expect(await exportArchive(source.services.database, dir)).toMatchObject({ ok: false, reason: expect.stringContaining('is not an empty directory') });
    expect(fs.readdirSync(dir)).toEqual(['notes.txt']);
    expect(await failure(quire(env, 'export'))).toMatchObject({ code: 2, stderr: expect.stringContaining('quire export DIR') });
    expect(await failure(quire(env, 'import-archive'))).toMatchObject({ code: 2, stderr: expect.stringContaining('quire import-archive DIR') });
  });
});
