import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, workFields, type TestArchive } from '../testing/testApp.js';
import { expected, MATRIX, READ, ROLES, skipped, STATES, type ByRole, type Fixture, type Role, type State } from './authorizationMatrix.js';
import { appRoutes } from './routeKit.js';

// The matrix itself (every route, role and work state) is in authorizationMatrix.ts; this file
// builds the fixture it speaks of and holds the app to it.

/** Script in Quire's own markup: an inline <script>, an on* handler or a javascript: URL. */
const INLINE_CODE = /<script(?![^>]*\ssrc=)[^>]*>|<[^>]+\son[a-z]+\s*=|javascript:/i;
const inlineCode: string[] = [];

let archive: TestArchive;
let fixture: Fixture;
const clients = {} as Record<Role, TestClient>;

beforeAll(async () => {
  archive = await testArchive();
  const db = archive.services.database.db;
  clients.guest = new TestClient(archive.app);
  clients.reader = await new TestClient(archive.app).signUp('matrix_reader');
  clients.creator = await new TestClient(archive.app).signUp('matrix_creator');
  clients.admin = await new TestClient(archive.app).signUp('matrix_admin');
  clients.suspended = await new TestClient(archive.app).signUp('matrix_suspended');
  clients.cocreator = await new TestClient(archive.app).signUp('matrix_cocreator');
  clients.wrangler = await new TestClient(archive.app).signUp('matrix_wrangler');
  clients.blocked = await new TestClient(archive.app).signUp('matrix_blocked');
  clients.banned = await new TestClient(archive.app).signUp('matrix_banned');
  await new TestClient(archive.app).signUp('matrix_target');
  await db.updateTable('users').set({ is_admin: 1 }).where('login_key', '=', 'matrix_admin').execute();
  await db.updateTable('users').set({ suspended_until: '2999-01-01T00:00:00.000Z' }).where('login_key', '=', 'matrix_suspended').execute();
  await db.updateTable('users').set({ is_wrangler: 1 }).where('login_key', '=', 'matrix_wrangler').execute();
  await db.updateTable('users').set({ banned_at: new Date().toISOString() }).where('login_key', '=', 'matrix_banned').execute();
  const user = await archive.services.accounts.findUser('matrix_creator');
  const [pseud] = await archive.services.accounts.pseudsOf(user!.id);
  const ids = {} as Record<State, number>;
  const chapters = {} as Record<State, number>;
  for (const state of STATES) {
    const fields = workFields({ title: `Matrix ${state}`, restricted: state === 'restricted' ? 'on' : '', action: state === 'draft' ? 'draft' : 'post' }, pseud!.id);
    const res = await clients.creator.post('/works', fields);
    ids[state] = Number(res.headers.get('location')!.split('/').pop());
    chapters[state] = (await db.selectFrom('chapters').select('id').where('work_id', '=', ids[state]).executeTakeFirstOrThrow()).id;
    await clients.creator.page(`/works/${ids[state]}/creators`);
    expect((await clients.creator.post(`/works/${ids[state]}/creators`, { creator: 'matrix_cocreator' })).status).toBe(303);
    const invited = /\/invitations\/(\d+)\/(\d+)/.exec(await clients.cocreator.page('/invitations'))!;
    expect((await clients.cocreator.post(`/invitations/${invited[1]}/${invited[2]}`, { accept: '1' })).status).toBe(303);
  }
  await clients.creator.page('/users/matrix_blocked/block');
  expect((await clients.creator.post('/users/matrix_blocked/block')).status).toBe(303);
  await db.updateTable('works').set({ hidden_at: new Date().toISOString() }).where('id', '=', ids.hidden).execute();
  const tag = await archive.services.tags.findByName('Shadowhunters (TV)');
  await clients.creator.page('/series/new');
  const series = Number(/\/series\/(\d+)/.exec((await clients.creator.post('/series', { title: 'Matrix series' })).headers.get('location') ?? '')?.[1]);
  await clients.creator.page(`/series/${series}`);
  await clients.creator.post(`/series/${series}/parts`, { work_id: String(ids.posted) });
  await clients.reader.page(`/works/${ids.posted}`);
  await clients.reader.post(`/works/${ids.posted}/comments`, { body: 'A matrix comment.' });
  const comment = (await db.selectFrom('comments').select('id').where('work_id', '=', ids.posted).executeTakeFirstOrThrow()).id;
  fixture = { work: ids, chapter: chapters, creator: 'matrix_creator', pseud: 'matrix_creator', target: 'matrix_target', tag: 'Shadowhunters%20(TV)', tagId: tag!.id, series, comment };
  await archive.services.index.sync();
});
afterAll(async () => { await archive.close(); });

describe('authorization matrix', { timeout: 120_000 }, () => {
  it('has a row for every route the app answers', () => {
    const missing = appRoutes(archive.app).filter((r) => !(r in MATRIX));
    expect(missing, 'add these routes to MATRIX in src/security/authorization.test.ts').toEqual([]);
  });

  it('answers each role and work state as the matrix says', async () => {
    const failures: string[] = [];
    for (const [route, row] of Object.entries(MATRIX)) {
      const [method] = route.split(' ');
      const perState = typeof row.expect === 'object' && 'posted' in row.expect;
      for (const state of perState ? STATES : (['posted'] as const)) {
        for (const role of ROLES) {
          if (skipped(row, role, perState)) continue;
          const want = expected(perState ? (row.expect as Record<State, ByRole>)[state] : (row.expect as ByRole), role, perState);
          const path = typeof row.path === 'string' ? row.path : row.path(fixture, state);
          // The matrix sends far more requests from one address than a person would: each one
          // starts with fresh rate-limit counters, so a limit never answers for the policy.
          await archive.services.database.db.deleteFrom('rate_limits').execute();
          const client = clients[role];
          const res = method === 'GET' ? await client.get(path)
            : method === 'POST' ? await client.post(path, {})
            : await client.request(method!, path, new URLSearchParams({ _csrf: await client.csrf() }));
          if (res.status !== want) failures.push(`${route} ${perState ? state : ''} as ${role}: expected ${want}, got ${res.status} (${path})`);
          if (method === 'GET' && (res.headers.get('content-type') ?? '').startsWith('text/html')) {
            const inline = INLINE_CODE.exec(client.lastHtml);
            if (inline) inlineCode.push(`${path} as ${role}: ${inline[0]}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(inlineCode, 'Quire’s pages run only its own script files (CSP without unsafe-inline)').toEqual([]);
  });

  it('never shows a role a work it may not read, in any list, count, feed, catalog, API answer or download', async () => {
    const surfaces = [
      '/', '/works', '/works?sort=kudos_count', `/tags/${fixture.tag}/works`, `/users/${fixture.creator}/works`, `/users/${fixture.creator}`,
      '/works/search?q=matrix', `/series/${fixture.series}`, `/tags/${fixture.tag}/feed.atom`, `/users/${fixture.creator}/works/feed.atom`,
      `/series/${fixture.series}/feed.atom`, '/opds/works', '/opds/search?q=matrix', '/api/v1/works', '/api/v1/search?q=matrix',
      `/api/v1/users/${fixture.creator}/works`, `/api/v1/tags/${fixture.tag}/works`,
    ];
    const leaks: string[] = [];
    for (const role of ROLES) {
      const hidden = STATES.filter((s) => expected(READ[s], role, true) !== 200);
      for (const url of surfaces) {
        await archive.services.database.db.deleteFrom('rate_limits').execute();
        const res = await clients[role].get(url);
        if (res.status !== 200) leaks.push(`${url} as ${role}: status ${res.status}`);
        for (const state of hidden) if (clients[role].lastHtml.includes(`Matrix ${state}`)) leaks.push(`${url} as ${role} shows the ${state} work`);
      }
      for (const state of hidden) {
        const file = await clients[role].get(`/downloads/${fixture.work[state]}/matrix.txt`);
        if (file.status !== 404) leaks.push(`the ${state} work downloads for ${role} (${file.status})`);
      }
    }
    expect(leaks).toEqual([]);
    // The titles are there to be seen by those who may read them.
    expect(await clients.guest.page('/works')).toContain('Matrix posted');
    expect(await clients.reader.page('/api/v1/search?q=matrix')).toContain('Matrix restricted');
    expect(await clients.admin.page('/opds/works')).toContain('Matrix restricted');
  });
});
