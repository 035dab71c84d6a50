import { Hono } from 'hono';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, type TestArchive } from '../testing/testApp.js';
import type { AppEnv } from '../web/env.js';
import { loadViewer } from '../web/session.js';
import { apiRoutes } from './routes.js';
import { api, newWork, tokenFor } from './testKit.js';

let archive: TestArchive;
let write: string;
const ids: number[] = [];

beforeAll(async () => {
  archive = await testArchive();
  await new TestClient(archive.app).signUp('awriter');
  write = await tokenFor(archive, 'awriter', 'write');
  for (let i = 1; i <= 23; i++) {
    const res = await api(archive.app, 'POST', '/api/v1/works', {
      token: write,
      body: newWork({ title: `Work ${String(i).padStart(2, '0')}`, freeforms: i % 2 ? ['Odd'] : ['Even'], chapter: { text: `Chapter text with ${'words '.repeat(i)}.` } }),
    });
    expect(res.status, res.text).toBe(201);
    ids.push(res.json.id);
  }
});
afterAll(async () => { await archive.close(); });

describe('cursor pagination', () => {
  it('walks every page once with next_cursor, in the sort asked for', async () => {
    const seen: string[] = [];
    let path = '/api/v1/works?sort=title';
    for (let pages = 0; pages < 5; pages++) {
      const res = await api(archive.app, 'GET', path);
      expect(res.status).toBe(200);
      expect(res.json.total).toBe(23);
      seen.push(...res.json.works.map((w: { title: string }) => w.title));
      if (!res.json.next_cursor) break;
      path = `/api/v1/works?sort=title&cursor=${encodeURIComponent(res.json.next_cursor)}`;
    }
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(23);
  });

  it('keeps the filters: a cursor is bound to its query, and a forged one is a 400', async () => {
    const first = await api(archive.app, 'GET', '/api/v1/works?include_names=Odd&words_from=1&sort=title');
    expect(first.json.total).toBe(23 - 11);
    expect(first.json.next_cursor).toBeNull();
    const all = await api(archive.app, 'GET', '/api/v1/works?words_from=1&sort=title');
    const cursor = encodeURIComponent(all.json.next_cursor);
    const second = await api(archive.app, 'GET', `/api/v1/works?words_from=1&sort=title&cursor=${cursor}`);
    expect(second.status, second.text).toBe(200);
    expect(second.json.works.map((w: { title: string }) => w.title)).toEqual(['Work 21', 'Work 22', 'Work 23']);
    expect(second.json.next_cursor).toBeNull();

    const other = await api(archive.app, 'GET', `/api/v1/works?sort=title&cursor=${cursor}`);
    expect([other.status, other.json.error.code]).toEqual([400, 'invalid_cursor']);
    const [data, sig] = all.json.next_cursor.split('.');
    const edited = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(data, 'base64url').toString()), p: 9 })).toString('base64url');
    const forged = await api(archive.app, 'GET', `/api/v1/works?words_from=1&sort=title&cursor=${edited}.${sig}`);
    expect([forged.status, forged.json.error.code]).toEqual([400, 'invalid_cursor']);
    expect(forged.json.error.details.cursor).toMatch(/not one Quire gave out/);
  });

  it('applies the listing filters: words, completion, language, excluded tags', async () => {
    const long = await api(archive.app, 'GET', '/api/v1/works?words_from=25');
    expect(long.json.works.every((w: { word_count: number }) => w.word_count >= 25)).toBe(true);
    expect(long.json.total).toBeGreaterThan(0);
    expect((await api(archive.app, 'GET', '/api/v1/works?complete=complete')).json.total).toBe(0);
    expect((await api(archive.app, 'GET', '/api/v1/works?language=fr')).json.total).toBe(0);
    expect((await api(archive.app, 'GET', '/api/v1/works?exclude_names=Odd')).json.total).toBe(11);
  });

  it('answers bad filters with the field and a message', async () => {
    const res = await api(archive.app, 'GET', '/api/v1/works?words_from=10&words_to=5');
    expect(res.status).toBe(400);
    expect(res.json.error).toEqual({ code: 'invalid_request', message: '“Words to” must not be less than “Words from”.', details: { words_to: '“Words to” must not be less than “Words from”.' } });
    const unknown = await api(archive.app, 'GET', '/api/v1/works?include_names=Nope');
    expect(unknown.json.error.details).toEqual({ include_names: 'There is no tag called “Nope”.' });
  });
});

describe('ETags', () => {
  it('answers a repeated GET with 304 until the work changes', async () => {
    const path = `/api/v1/works/${ids[0]}`;
    const first = await api(archive.app, 'GET', path);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('vary')).toBe('Authorization, Cookie');
    const again = await api(archive.app, 'GET', path, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    await api(archive.app, 'PATCH', path, { token: write, body: { summary: 'Now with a summary.' } });
    const changed = await api(archive.app, 'GET', path, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.json.summary).toBe('<p>Now with a summary.</p>');
  });

  it('marks answers for a token as private', async () => {
    const res = await api(archive.app, 'GET', '/api/v1/works', { token: write });
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect((await api(archive.app, 'GET', '/api/v1/works')).headers.get('cache-control')).toBe('no-cache');
  });
});

describe('writing', () => {
  it('posts a work, adds, edits, posts and deletes chapters, and the site shows the same', async () => {
    const created = await api(archive.app, 'POST', '/api/v1/works', { token: write, body: newWork({ title: 'From My Editor', post: false, chapter: { text: 'Line one\nLine two', text_format: 'plain' } }) });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/works/${created.json.id}`);
    expect(created.json).toMatchObject({ status: 'draft', title: 'From My Editor', creators: [{ pseud: 'awriter', login: 'awriter' }] });
    expect(created.json.tags).toMatchObject({ rating: ['General Audiences'], fandom: ['Original Work'], character: ['Someone'], freeform: ['Fluff'] });
    const id = created.json.id;

    const chapter = await api(archive.app, 'POST', `/api/v1/works/${id}/chapters`, { token: write, body: { title: 'Two', text: '<p>Second <script>alert(1)</script>chapter.</p>' } });
    expect(chapter.status).toBe(201);
    expect(chapter.json.body).toBe('<p>Second chapter.</p>');

    const edited = await api(archive.app, 'PATCH', `/api/v1/works/${id}/chapters/${chapter.json.id}`, { token: write, body: { title: 'The Second' } });
    expect(edited.json).toMatchObject({ title: 'The Second', body: '<p>Second chapter.</p>' });

    const posted = await api(archive.app, 'POST', `/api/v1/works/${id}/post`, { token: write });
    expect(posted.json).toMatchObject({ status: 'posted', posted_chapters: 2 });
    const page = await new TestClient(archive.app).page(`/works/${id}?view_full_work=true`);
    expect(page).toContain('From My Editor');
    expect(page).toContain('<p>Line two</p>');

    const renamed = await api(archive.app, 'PATCH', `/api/v1/works/${id}`, { token: write, body: { title: 'Renamed', freeforms: ['Fluff', 'Hurt/Comfort'], restricted: true } });
    expect(renamed.json).toMatchObject({ title: 'Renamed', restricted: true, tags: { freeform: ['Fluff', 'Hurt/Comfort'], character: ['Someone'] } });
    expect((await api(archive.app, 'GET', `/api/v1/works/${id}`)).status).toBe(404);

    expect((await api(archive.app, 'DELETE', `/api/v1/works/${id}/chapters/${chapter.json.id}`, { token: write })).status).toBe(204);
    const last = (await api(archive.app, 'GET', `/api/v1/works/${id}`, { token: write })).json.chapters[0].id;
    const lastOne = await api(archive.app, 'DELETE', `/api/v1/works/${id}/chapters/${last}`, { token: write });
    expect([lastOne.status, lastOne.json.error.details.form]).toEqual([400, 'A work needs at least one chapter; delete the work instead.']);

    expect((await api(archive.app, 'DELETE', `/api/v1/works/${id}`, { token: write })).status).toBe(204);
    expect((await api(archive.app, 'GET', `/api/v1/works/${id}`, { token: write })).status).toBe(404);
  });

  it('judges a post by the same rules as the form, naming the fields', async () => {
    const res = await api(archive.app, 'POST', '/api/v1/works', { token: write, body: newWork({ title: '   ', warnings: ['Spoilers'], chapter: { text: 'short' } }) });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual({
      title: 'Title must not be blank.',
      warnings: expect.any(String),
      'chapter.text': 'Chapter text must be at least 10 characters.',
    });
  });

  it('refuses unknown fields, wrong types and bodies that are not JSON', async () => {
    const typo = await api(archive.app, 'POST', '/api/v1/works', { token: write, body: newWork({ titel: 'x' }) });
    expect(typo.json.error.details).toHaveProperty('body');
    const wrong = await api(archive.app, 'POST', '/api/v1/works', { token: write, body: newWork({ restricted: 'yes' }) });
    expect(wrong.json.error.details.restricted).toMatch(/boolean/);
    const notJson = await archive.app.request('/api/v1/works', { method: 'POST', headers: { authorization: `Bearer ${write}`, 'content-type': 'application/json' }, body: '{"title":' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: { code: 'invalid_request', message: 'The body is not valid JSON.' } });
  });

  it('refuses to post as someone else’s pseud', async () => {
    const res = await api(archive.app, 'POST', '/api/v1/works', { token: write, body: newWork({ pseud_ids: [999] }) });
    expect(res.json.error.details).toEqual({ pseud_ids: 'You can only post as your own pseuds.' });
  });
});

describe('tags', () => {
  it('are named as in the site’s tag URLs, with AO3’s escapes for /', async () => {
    const path = '/api/v1/works';
    const created = await api(archive.app, 'POST', path, { token: write, body: newWork({ relationships: ['Magnus Bane/Alec Lightwood'] }) });
    expect(created.status).toBe(201);
    const tag = await api(archive.app, 'GET', '/api/v1/tags/Magnus%20Bane*s*Alec%20Lightwood');
    expect(tag.json).toMatchObject({ name: 'Magnus Bane/Alec Lightwood', type: 'relationship', works_url: 'http://localhost:3000/api/v1/tags/Magnus%20Bane*s*Alec%20Lightwood/works' });
    const works = await api(archive.app, 'GET', '/api/v1/tags/Magnus%20Bane*s*Alec%20Lightwood/works');
    expect(works.json.works.map((w: { id: number }) => w.id)).toEqual([created.json.id]);
  });
});

describe('errors', () => {
  it('has one JSON shape for unknown paths and methods', async () => {
    const res = await api(archive.app, 'GET', '/api/v1/nothing');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.json.error.code).toBe('not_found');
    expect((await api(archive.app, 'PUT', `/api/v1/works/${ids[0]}`, { token: write, body: {} })).json.error.code).toBe('not_found');
  });

  it('refuses a malformed Authorization header with 401 and WWW-Authenticate', async () => {
    const res = await api(archive.app, 'GET', '/api/v1/works', { headers: { authorization: 'Basic abc' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After per token and per address, each budget its own', async () => {
    const app = new Hono<AppEnv>();
    app.use('*', async (c, next) => { c.set('services', archive.services); await next(); });
    app.use('*', loadViewer);
    app.route('/', apiRoutes({ secret: 's', logger: pino({ level: 'silent' }), limits: { perToken: 3, perAddress: 2 } }));
    const statuses = async (n: number, token?: string) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await api(app as never, 'GET', '/api/v1/users/awriter', { token })).status);
      return out;
    };
    expect(await statuses(3)).toEqual([200, 200, 429]);
    expect(await statuses(4, write)).toEqual([200, 200, 200, 429]);
    const limited = await api(app as never, 'GET', '/api/v1/users/awriter');
    expect(limited.json.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Guessing tokens spends the address's budget too.
    expect((await api(app as never, 'GET', '/api/v1/users/awriter', { token: 'quire_pat_guess' })).status).toBe(429);
  });
});

describe('the documentation', () => {
  it('renders every operation of the OpenAPI document on a page without scripts of its own', async () => {
    const doc = (await api(archive.app, 'GET', '/api/v1/openapi.json')).json;
    const res = await archive.app.request('/api/v1/docs');
    const html = await res.text();
    expect(res.status).toBe(200);
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods as Record<string, { operationId: string }>)) {
        expect(html).toContain(`id="${op.operationId}"`);
        expect(html).toContain(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(html).toContain('include_names');
    expect(html).not.toMatch(/<script(?! src="\/static\/quire\.js")/);
  });
});

it('answers a body over 4 MB with the JSON error shape', async () => {
  const res = await api(archive.app, 'POST', '/api/v1/works', { token: write, body: newWork({ chapter: { text: 'x'.repeat(4 * 1024 * 1024 + 1) } }) });
  expect([res.status, res.json.error.code]).toEqual([413, 'too_large']);
  // A token call that says it sends a form (no CSRF check reads it) is held to the same limit.
  const form = await archive.app.request('/api/v1/works', {
    method: 'POST', headers: { authorization: `Bearer ${write}`, 'content-type': 'application/x-www-form-urlencoded' }, body: `a=${'x'.repeat(4 * 1024 * 1024 + 1)}`,
  });
  expect(form.status).toBe(413);
});
