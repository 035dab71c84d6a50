import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testArchive, type TestArchive } from '../testing/testApp.js';
import { api, tokenFor } from '../api/testKit.js';
import { ao3Epub, ao3Html, claimSizes, epub, xhtmlPage } from './bookKit.js';
import type { ImportedWork } from './imported.js';
import { importWorks } from './importWorks.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
let archive: TestArchive;
let dir: string;
let session: { cookie: string; csrf: string };

/** A browser's session: cookies and the CSRF token of the upload form. */
async function signUp(login: string) {
  const jar = new Map<string, string>();
  const request = async (p: string, init: RequestInit = {}) => {
    const res = await archive.app.request(p, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return res;
  };
  const csrfOf = async (res: Response) => /name="_csrf" value="([^"]+)"/.exec(await res.text())![1]!;
  const token = await csrfOf(await request('/signup'));
  await request('/signup', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: token, login, email: `${login}@example.com`, password: 'correct horse battery' }) });
  const csrf = await csrfOf(await request('/works/import'));
  return { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), csrf };
}

async function upload(name: string, bytes: Uint8Array | string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.append('_csrf', session.csrf);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name));
  const res = await archive.app.request('/works/import', { method: 'POST', headers: { cookie: session.cookie }, body: form });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

const counts = async () => {
  const db = archive.services.database.db;
  const n = async (t: 'works' | 'chapters' | 'tags' | 'work_tags') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { works: await n('works'), chapters: await n('chapters'), tags: await n('tags'), workTags: await n('work_tags') };
};

/** A work as Quire holds it, in the importer's terms, for comparing. */
async function stored(workId: number, login: string): Promise<ImportedWork> {
  const user = await archive.services.accounts.findUser(login);
  const viewer = { kind: 'user' as const, id: user!.id, login, isAdmin: false, isWrangler: false };
  const data = (await archive.services.reading.workPage(viewer, workId, { kind: 'full' }))!;
  const t = data.work.tags;
  return {
    title: data.work.title, summary: data.work.summary, notes: data.work.notes, endNotes: data.work.endNotes,
    language: data.work.language, expectedChapters: data.work.expectedChapters,
    tags: { rating: t.rating[0], warnings: t.warning, categories: t.category, fandoms: t.fandom, relationships: t.relationship, characters: t.character, freeforms: t.freeform },
    chapters: data.shown.map((ch) => ({ title: ch.title, summary: ch.summary, notes: ch.notes, endNotes: ch.endNotes, body: ch.body })),
  };
}

let original: ImportedWork;
let originalId: number;

beforeAll(async () => {
  archive = await testArchive();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-books-'));
  session = await signUp('bookwriter');
  // A work posted through the API, with every kind of tag and notes everywhere: the round trip's original.
  const token = await tokenFor(archive, 'bookwriter', 'write');
  const created = await api(archive.app, 'POST', '/api/v1/works', {
    token,
    body: {
      title: 'The Letter and the Key', summary: 'Magnus finds a <em>letter</em>.', notes: 'For a prompt.', end_notes: 'Thank you!',
      rating: 'Teen And Up Audiences', warnings: ['No Archive Warnings Apply'], categories: ['M/M'],
      fandoms: ['Shadowhunters (TV)'], relationships: ['Magnus Bane/Alec Lightwood'], characters: ['Magnus Bane', 'Alec Lightwood'],
      freeforms: ['Angst', 'Letters'], language: 'en', expected_chapters: 3,
      chapter: { title: 'The Letter', summary: 'A letter.', notes: 'Chapter notes.', end_notes: 'Chapter end notes.', text: '<p>He had expected to come home to an empty apartment.</p>' },
      post: true,
    },
  });
  originalId = created.json.id;
  await api(archive.app, 'POST', `/api/v1/works/${originalId}/chapters`, { token, body: { text: 'The key was in Chairman Meow’s bed.\nOf course it was.', text_format: 'plain', post: true } });
  await api(archive.app, 'POST', `/api/v1/works/${originalId}/chapters`, { token, body: { title: 'After', text: '<p>All he would ever have of <strong>Alec</strong>.</p>', post: true } });
  original = await stored(originalId, 'bookwriter');
  expect(original.chapters).toHaveLength(3);
});
afterAll(async () => {
  await archive.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('round trips', () => {
  it.each([
    ['an AO3-style HTML download', 'work.html', () => ao3Html(original)],
    ['an AO3-style EPUB', 'work.epub', () => ao3Epub(original)],
  ])('%s of a Quire work imports back to an equal work, as a draft', async (_what, name, build) => {
    const res = await upload(name, build());
    expect(res.status, res.html.slice(0, 400)).toBe(303);
    const id = Number(/\/works\/(\d+)$/.exec(res.location!)![1]);
    expect(await stored(id, 'bookwriter')).toEqual(original);
    const row = await archive.services.database.db.selectFrom('works').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('draft');
    // A draft: the writer sees it, nobody else does.
    expect((await api(archive.app, 'GET', `/api/v1/works/${id}`)).status).toBe(404);
  });

  it('imports an EPUB with `quire import`, posted, its fandom from the book', async () => {
    const file = path.join(dir, 'book.epub');
    fs.writeFileSync(file, ao3Epub(original));
    const { stdout } = await run(process.execPath, ['bin/quire.js', 'import', file, '--as', 'bookwriter'], {
      cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: archive.services.config.databaseUrl, LOG_LEVEL: 'silent' },
    });
    const id = Number(/\/works\/(\d+)/.exec(stdout)![1]);
    expect(await stored(id, 'bookwriter')).toEqual(original);
    expect((await api(archive.app, 'GET', `/api/v1/works/${id}`)).json.status).toBe('posted');
  });
});

describe('the upload form', () => {
  it('is for signed-in writers', async () => {
    const res = await archive.app.request('/works/import');
    expect(res.status).toBe(302);
    const form = new FormData();
    form.append('file', new File(['x'], 'a.html'));
    expect((await archive.app.request('/works/import', { method: 'POST', body: form })).status).toBe(403);
  });

  it('asks for a fandom when the book names none, and keeps nothing', async () => {
    const book = epub([['one.xhtml', xhtmlPage('One', '<p>A story without a fandom, long enough.</p>')]], { title: 'Plain Book' });
    const before = await counts();
    const res = await upload('plain.epub', book);
    expect(res.status).toBe(422);
    expect(res.html).toContain('Enter at least one fandom.');
    expect(await counts()).toEqual(before);
    const again = await upload('plain.epub', book, { fandoms: 'Original Work' });
    expect(again.status).toBe(303);
  });

  it('names the chapter that breaks a rule', async () => {
    const short = { ...original, chapters: [...original.chapters, { title: 'Tiny', summary: '', notes: '', endNotes: '', body: 'Hi' }] };
    const before = await counts();
    const res = await upload('short.html', ao3Html(short));
    expect(res.status).toBe(422);
    expect(res.html).toContain('Chapter 4: Chapter text must be at least 10 characters.');
    expect(await counts()).toEqual(before);
  });
});

let bombZip: Uint8Array | undefined;
/** 51 MB of zeros, deflated to about 50 KB. */
const bomb = () => (bombZip ??= zipSync({ 'OEBPS/huge.xhtml': new Uint8Array(51 * 1024 * 1024) }, { level: 1 }));
const wellFormed = (over: Record<string, string>) => epub([['one.xhtml', over.chapter ?? xhtmlPage('One', '<p>Fine text for a chapter.</p>')]], { title: 'T' },
  Object.fromEntries(Object.entries(over).filter(([k]) => k !== 'chapter').map(([k, v]) => [k, strToU8(v)])));

describe('hostile files are refused with a message, and nothing is stored', () => {
  it.each([
    ['a zip bomb that declares its size', 'bomb.epub', () => bomb(), 'would unpack to more than 50 MB'],
    ['a zip bomb that lies about its size', 'liar.epub', () => claimSizes(bomb(), 1000), 'unpacks to more than it declares'],
    ['a huge declared size', 'claims.epub', () => claimSizes(wellFormed({}), 0xc0000000), 'would unpack to more than 50 MB'],
    ['a path with ..', 'escape.epub', () => zipSync({ 'META-INF/container.xml': strToU8('<x/>'), '../../etc/evil.xhtml': strToU8('<p>x</p>') }), 'points outside the book'],
    ['an absolute path', 'absolute.epub', () => zipSync({ '/etc/passwd': strToU8('root') }), 'points outside the book'],
    ['too many entries', 'many.epub', () => zipSync(Object.fromEntries(Array.from({ length: 2001 }, (_, i) => [`f${i}.txt`, strToU8('x')]))), 'more than 2000 files'],
    ['malformed XML in a chapter', 'broken.epub', () => wellFormed({ chapter: xhtmlPage('One', '<p>Unclosed <em>emphasis</p>') }), 'OEBPS/one.xhtml is not well-formed XML (line 4: </p> does not close <em>)'],
    ['malformed container.xml', 'container.epub', () => zipSync({ 'META-INF/container.xml': strToU8('<container><rootfiles></container>') }), 'META-INF/container.xml is not well-formed XML'],
    ['a script in an EPUB chapter', 'script.epub', () => wellFormed({ chapter: xhtmlPage('One', '<p>Hi there, reader.</p><script>alert(1)</script>') }), 'contains a <script>'],
    ['a script in an AO3 download', 'script.html', () => ao3Html(original).replace('</body>', '<script>alert(document.cookie)</script></body>'), 'contains a <script>'],
    ['not a zip at all', 'fake.epub', () => strToU8('this is not a zip file at all'), 'not a readable zip archive'],
  ])('%s', async (_what, name, build, message) => {
    const before = await counts();
    const res = await upload(name, build());
    expect(res.status, res.html.slice(-1500)).toBe(422);
    expect(res.html.replace(/&lt;/g, '<').replace(/&gt;/g, '>')).toContain(message);
    expect(await counts()).toEqual(before);
  });

  it('refuses a 2 GB upload before reading it', async () => {
    const before = await counts();
    const res = await archive.app.request('/works/import', {
      method: 'POST', headers: { cookie: session.cookie, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(2 * 1024 ** 3) }, body: 'x',
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('larger than Quire accepts');
    expect(await counts()).toEqual(before);
  });

  it('refuses a 2 GB file on the command line without reading it, and the batch with it', async () => {
    const huge = path.join(dir, 'huge.epub');
    fs.closeSync(fs.openSync(huge, 'w'));
    fs.truncateSync(huge, 2 * 1024 ** 3);
    const good = path.join(dir, 'good.html');
    fs.writeFileSync(good, ao3Html(original));
    const before = await counts();
    const outcome = await importWorks(archive.services, [good, huge], { as: 'bookwriter', fandoms: [], warnings: [], categories: [], relationships: [], characters: [], tags: [] });
    expect(outcome).toEqual({ ok: false, problems: [{ file: huge, message: 'is too large (2,147,483,648 bytes; Quire imports files up to 50 MB)' }] });
    expect(await counts()).toEqual(before);
    fs.rmSync(huge);
  });
});
