import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, type TestArchive } from '../testing/testApp.js';
import { appRoutes, UNSAFE_METHODS } from './routeKit.js';

/**
 * Every state-changing route, found from the app itself (so routes added later are covered),
 * refuses a request without a valid CSRF token with 403, even from a signed-in admin (who
 * could otherwise do the most), and changes nothing.
 */
let archive: TestArchive;
let admin: TestClient;

beforeAll(async () => {
  archive = await testArchive();
  admin = await new TestClient(archive.app).signUp('csrf_admin');
  await archive.services.database.db.updateTable('users').set({ is_admin: 1 }).where('login_key', '=', 'csrf_admin').execute();
});
afterAll(async () => { await archive.close(); });

/** A concrete path for a route pattern: every parameter becomes 1 (or a word where ids are not numbers). */
const concrete = (pattern: string) => pattern.replace(/:([A-Za-z]+)(\{[^}]*\})?/g, (_m, name: string) => (/id$/i.test(name) ? '1' : `${name}-x`));

describe('CSRF on every state-changing route', () => {
  const unsafe = () => appRoutes(archive.app).filter((r) => UNSAFE_METHODS.has(r.split(' ')[0]!));

  it('finds the state-changing routes', () => {
    expect(unsafe().length).toBeGreaterThan(40);
    expect(unsafe()).toContain('POST /admin/users/:login/ban');
  });

  it('refuses each without a token, and with a forged one', async () => {
    const before = await archive.services.database.db.selectFrom('admin_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const failures: string[] = [];
    for (const route of unsafe()) {
      const [method, pattern] = route.split(' ') as [string, string];
      const path = concrete(pattern);
      for (const csrf of [null, 'forged-token']) {
        const body = new URLSearchParams({ ...(csrf ? { _csrf: csrf } : {}), reason: 'csrf', title: 'x', body: 'x', wrangler: '1' });
        const res = await admin.request(method, path, body);
        const text = await res.text();
        // The API answers in JSON; a request that carries the session cookie still needs the token.
        const refused = pattern.startsWith('/api/') ? text.includes('"csrf_failed"') : text.includes('This form has expired');
        if (res.status !== 403 || !refused) failures.push(`${route} (${csrf ?? 'no token'}): ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    const after = await archive.services.database.db.selectFrom('admin_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await admin.page('/')).toContain('Sign out');
  });

  it('gives every new visitor a nonce of their own, and takes no other visitor’s token', async () => {
    const nonces = new Set<string>();
    const visitors: TestClient[] = [];
    // More visitors than one fill of the nonce buffer holds.
    for (let i = 0; i < 300; i++) {
      const visitor = new TestClient(archive.app);
      const res = await visitor.request('GET', '/login');
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('quire_csrf='))!;
      nonces.add(/^quire_csrf=([^;]+)/.exec(cookie)![1]!);
      visitor.lastHtml = await res.text();
      visitors.push(visitor);
    }
    expect(nonces.size).toBe(300);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9_-]{24}$/);
    // One visitor's form token does not pass with another's cookie.
    const theirs = await visitors[0]!.csrf();
    expect((await visitors[1]!.post('/login', { login: 'x', password: 'y' }, { csrf: theirs })).status).toBe(403);
    expect((await visitors[1]!.post('/login', { login: 'x', password: 'y' })).status).toBe(401);
  });
});
