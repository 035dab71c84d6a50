import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, type TestArchive } from '../testing/testApp.js';
import { api, newWork, postWork, tokenFor } from './testKit.js';

/**
 * Every endpoint, four kinds of caller (guest, signed-in browser, read token, write token), and
 * a posted, a restricted and a draft work: nobody sees more through the API than on the site.
 */
let archive: TestArchive;
let reader: TestClient;
const works: Record<'pub' | 'res' | 'draft', number> = { pub: 0, res: 0, draft: 0 };
const chapters: Record<string, number> = {};
const tokens: Record<string, string> = {};

beforeAll(async () => {
  archive = await testArchive();
  const writer = await new TestClient(archive.app).signUp('pwriter');
  reader = await new TestClient(archive.app).signUp('preader');
  works.pub = await postWork(archive, writer, 'pwriter', { title: 'Open Title', freeforms: 'Open Freeform', text: 'Everyone may read about the lighthouse.' });
  works.res = await postWork(archive, writer, 'pwriter', { title: 'Members Title', freeforms: 'Members Only Freeform', restricted: 'on', text: 'Only members read about the lighthouse.' });
  works.draft = await postWork(archive, writer, 'pwriter', { title: 'Secret Draft Title', freeforms: 'Secret Draft Freeform', action: 'draft', text: 'Nobody reads the lighthouse draft.' });
  for (const [k, id] of Object.entries(works)) {
    chapters[k] = (await archive.services.database.db.selectFrom('chapters').select('id').where('work_id', '=', id).executeTakeFirstOrThrow()).id;
  }
  tokens.readerRead = await tokenFor(archive, 'preader', 'read');
  tokens.readerWrite = await tokenFor(archive, 'preader', 'write');
  tokens.writerRead = await tokenFor(archive, 'pwriter', 'read');
  tokens.writerWrite = await tokenFor(archive, 'pwriter', 'write');
});
afterAll(async () => { await archive.close(); });

type Caller = 'guest' | 'cookie' | 'readerRead' | 'readerWrite' | 'writerRead';
const CALLERS: Caller[] = ['guest', 'cookie', 'readerRead', 'readerWrite', 'writerRead'];
/** Which works each caller may read: the site's rule (canReadWork), seen through the API. */
const MAY_READ: Record<Caller, Array<keyof typeof works>> = {
  guest: ['pub'], cookie: ['pub', 'res'], readerRead: ['pub', 'res'], readerWrite: ['pub', 'res'], writerRead: ['pub', 'res', 'draft'],
};
/** Listings never show drafts, not even to their creators (as on the site). */
const MAY_LIST: Record<Caller, Array<keyof typeof works>> = {
  guest: ['pub'], cookie: ['pub', 'res'], readerRead: ['pub', 'res'], readerWrite: ['pub', 'res'], writerRead: ['pub', 'res'],
};

async function get(caller: Caller, path: string) {
  if (caller === 'cookie') {
    const res = await reader.request('GET', path);
    const text = await res.text();
    return { status: res.status, text, json: JSON.parse(text) };
  }
  return api(archive.app, 'GET', path, { token: caller === 'guest' ? undefined : tokens[caller] });
}

describe.each(CALLERS)('reading as %s', (caller) => {
  it.each(['pub', 'res', 'draft'] as const)('a %s work, its chapters and a chapter: found only when readable', async (kind) => {
    const expected = MAY_READ[caller].includes(kind) ? 200 : 404;
    for (const path of [`/api/v1/works/${works[kind]}`, `/api/v1/works/${works[kind]}/chapters`, `/api/v1/works/${works[kind]}/chapters/${chapters[kind]}`]) {
      const res = await get(caller, path);
      expect(res.status, path).toBe(expected);
      if (expected === 404) {
        expect(res.json.error.code).toBe('not_found');
        expect(res.text).not.toMatch(/Title|lighthouse/);
      }
    }
  });

  it.each(['/api/v1/works', '/api/v1/users/pwriter/works', '/api/v1/search?q=lighthouse', '/api/v1/tags/Teen%20And%20Up%20Audiences/works'])('lists only what it may in %s', async (path) => {
    const res = await get(caller, path);
    expect(res.status).toBe(200);
    const listed = res.json.works.map((w: { id: number }) => w.id).sort();
    expect(listed).toEqual(MAY_LIST[caller].map((k) => works[k]).sort());
    expect(res.json.total).toBe(MAY_LIST[caller].length);
    expect(res.text).not.toContain('Secret Draft');
    if (!MAY_LIST[caller].includes('res')) expect(res.text).not.toContain('Members');
  });

  it('sees a tag known only from a restricted work only when signed in, and a draft’s tag never', async () => {
    const members = await get(caller, '/api/v1/tags/Members%20Only%20Freeform');
    expect(members.status).toBe(caller === 'guest' ? 404 : 200);
    const membersWorks = await get(caller, '/api/v1/tags/Members%20Only%20Freeform/works');
    expect(membersWorks.status).toBe(caller === 'guest' ? 404 : 200);
    expect((await get(caller, '/api/v1/tags/Secret%20Draft%20Freeform')).status).toBe(404);
    expect((await get(caller, '/api/v1/tags/Secret%20Draft%20Freeform/works')).status).toBe(404);
  });

  it('reads users the same for everyone', async () => {
    expect((await get(caller, '/api/v1/users/pwriter')).json.login).toBe('pwriter');
  });
});

type Kind = keyof typeof works;
type WriteCall = { method: string; path: (kind: Kind) => string; body?: unknown };
const WRITES: Record<string, WriteCall> = {
  createWork: { method: 'POST', path: () => '/api/v1/works', body: newWork() },
  updateWork: { method: 'PATCH', path: (k) => `/api/v1/works/${works[k]}`, body: { title: 'Taken Over' } },
  postWork: { method: 'POST', path: (k) => `/api/v1/works/${works[k]}/post` },
  deleteWork: { method: 'DELETE', path: (k) => `/api/v1/works/${works[k]}` },
  addChapter: { method: 'POST', path: (k) => `/api/v1/works/${works[k]}/chapters`, body: { text: 'An intruder’s chapter of words.' } },
  updateChapter: { method: 'PATCH', path: (k) => `/api/v1/works/${works[k]}/chapters/${chapters[k]}`, body: { title: 'X' } },
  deleteChapter: { method: 'DELETE', path: (k) => `/api/v1/works/${works[k]}/chapters/${chapters[k]}` },
};

const snapshot = async () => {
  const db = archive.services.database.db;
  return JSON.stringify([await db.selectFrom('works').selectAll().orderBy('id').execute(), await db.selectFrom('chapters').selectAll().orderBy('id').execute()]);
};

describe.each(Object.entries(WRITES))('writing with %s', (_name, call) => {
  it.each(['pub', 'res', 'draft'] as const)('is refused to everyone but the creator’s write token, on a %s work, and changes nothing', async (kind) => {
    const before = await snapshot();
    const path = call.path(kind);
    const send = (token?: string) => api(archive.app, call.method, path, { token, body: call.body });

    const guest = await send();
    expect([guest.status, guest.json.error.code]).toEqual([401, 'unauthenticated']);

    const cookieOnly = await reader.request(call.method, path, undefined, { 'content-type': 'application/json' });
    expect(cookieOnly.status).toBe(403);
    expect((await cookieOnly.json()).error.code).toBe('csrf_failed');

    const cookieWithCsrf = await reader.request(call.method, path, undefined, { 'x-csrf-token': await reader.csrf() });
    expect(cookieWithCsrf.status).toBe(401);

    for (const t of ['readerRead', 'writerRead']) {
      const r = await send(tokens[t]);
      expect([r.status, r.json.error.code], t).toEqual([403, 'insufficient_scope']);
    }

    const revoked = await send('quire_pat_not-a-real-token');
    expect(revoked.status).toBe(401);

    if (_name !== 'createWork') {
      const other = await send(tokens.readerWrite);
      // Someone who may not even read the work is not told it exists.
      expect(other.status).toBe(kind === 'draft' ? 404 : 403);
    }
    expect(await snapshot()).toBe(before);
  });
});

it('lets the creator’s write token change the work', async () => {
  const res = await api(archive.app, 'PATCH', `/api/v1/works/${works.pub}`, { token: tokens.writerWrite, body: { title: 'Open Title, Revised' } });
  expect(res.status).toBe(200);
  expect(res.json.title).toBe('Open Title, Revised');
});
