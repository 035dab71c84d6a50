import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, type TestArchive } from '../testing/testApp.js';
import { api, newWork } from './testKit.js';

let archive: TestArchive;
let owner: TestClient;
let other: TestClient;
const db = () => archive.services.database.db;

beforeAll(async () => {
  archive = await testArchive();
  owner = await new TestClient(archive.app).signUp('towner');
  other = await new TestClient(archive.app).signUp('tother');
});
afterAll(async () => { await archive.close(); });

async function create(client: TestClient, name: string, scope: string) {
  await client.get('/settings/tokens');
  const res = await client.post('/settings/tokens', { name, scope });
  const token = /<code class="token">([^<]+)<\/code>/.exec(client.lastHtml)?.[1];
  return { res, token };
}

describe('the tokens settings page', () => {
  it('sends guests to sign in', async () => {
    const res = await new TestClient(archive.app).get('/settings/tokens');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?return_to=%2Fsettings%2Ftokens');
  });

  it('shows a new token once, keeps only its hash, and the token reads as its owner', async () => {
    const { res, token } = await create(owner, 'my editor', 'write');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(token).toMatch(/^quire_pat_[\w-]{43}$/);
    const rows = await db().selectFrom('api_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token!);
    expect(rows[0]).toMatchObject({ name: 'my editor', scope: 'write', last_used_at: null, revoked_at: null });
    // Shown once: the page, seen again, lists it without the token.
    const again = await owner.page('/settings/tokens');
    expect(again).toContain('my editor');
    expect(again).not.toContain(token!);
    expect(again).toContain('never');

    const created = await api(archive.app, 'POST', '/api/v1/works', { token, body: newWork() });
    expect(created.status).toBe(201);
    expect(created.json.creators).toEqual([{ pseud: 'towner', login: 'towner' }]);
    expect((await db().selectFrom('api_tokens').select('last_used_at').executeTakeFirstOrThrow()).last_used_at).not.toBeNull();
  });

  it('asks for a name and a scope, and keeps nothing without them', async () => {
    const before = (await db().selectFrom('api_tokens').selectAll().execute()).length;
    await owner.get('/settings/tokens');
    const res = await owner.post('/settings/tokens', { name: ' ', scope: 'admin' });
    expect(res.status).toBe(422);
    expect(owner.lastHtml).toContain('Give the token a name');
    expect(owner.lastHtml).toContain('Choose read or write.');
    expect((await db().selectFrom('api_tokens').selectAll().execute()).length).toBe(before);
  });

  it('refuses a form without its CSRF token', async () => {
    const res = await owner.post('/settings/tokens', { name: 'forged', scope: 'write' }, { csrf: null });
    expect(res.status).toBe(403);
    expect(await db().selectFrom('api_tokens').selectAll().where('name', '=', 'forged').execute()).toEqual([]);
  });

  it('lets a suspended user’s token read but not write, and a banned user’s token do nothing', async () => {
    const { token } = await create(owner, 'while suspended', 'write');
    await db().updateTable('users').set({ suspended_until: '2999-01-01T00:00:00.000Z' }).where('login_key', '=', 'towner').execute();
    expect((await api(archive.app, 'GET', '/api/v1/works', { token })).status).toBe(200);
    const refused = await api(archive.app, 'POST', '/api/v1/works', { token, body: newWork() });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('suspended');
    await db().updateTable('users').set({ suspended_until: null, banned_at: new Date().toISOString() }).where('login_key', '=', 'towner').execute();
    expect((await api(archive.app, 'GET', '/api/v1/works', { token })).status).toBe(401);
    await db().updateTable('users').set({ banned_at: null }).where('login_key', '=', 'towner').execute();
  });

  it('revokes: the token stops working at once, and only its owner can revoke it', async () => {
    const { token } = await create(owner, 'to revoke', 'read');
    const id = (await db().selectFrom('api_tokens').select('id').where('name', '=', 'to revoke').executeTakeFirstOrThrow()).id;
    expect((await api(archive.app, 'GET', '/api/v1/works', { token })).status).toBe(200);

    await other.get('/settings/tokens');
    expect((await other.post(`/settings/tokens/${id}/revoke`)).status).toBe(404);
    expect((await api(archive.app, 'GET', '/api/v1/works', { token })).status).toBe(200);

    await owner.get('/settings/tokens');
    const res = await owner.post(`/settings/tokens/${id}/revoke`);
    expect(res.status).toBe(303);
    expect(await owner.page('/settings/tokens')).toContain('revoked');
    const after = await api(archive.app, 'GET', '/api/v1/works', { token });
    expect([after.status, after.json.error.code]).toEqual([401, 'unauthenticated']);
  });
});

describe('CSRF and the API', () => {
  it('still checks a request that carries a session cookie, even with a bearer token', async () => {
    const { token } = await create(owner, 'mixed', 'write');
    const res = await owner.request('POST', '/api/v1/works', undefined, { authorization: `Bearer ${token}`, 'content-type': 'application/json' });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('csrf_failed');
  });

  it('still refuses ordinary forms without a CSRF token when no cookie is sent', async () => {
    const res = await archive.app.request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'login=a&password=b' });
    expect(res.status).toBe(403);
  });
});
