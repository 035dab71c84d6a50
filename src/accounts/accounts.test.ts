import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, type TestArchive } from '../testing/testApp.js';

let archive: TestArchive;
beforeAll(async () => { archive = await testArchive(); });
afterAll(async () => { await archive.close(); });

describe('sign up', () => {
  it('creates an account with a default pseud and signs in', async () => {
    const client = new TestClient(archive.app);
    const res = await client.post('/signup', { login: 'magnus_b', email: 'm@example.com', password: 'chairman meow' });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(/quire_session=[^;]+;.*HttpOnly/i);
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);
    const profile = await client.page('/users/magnus_b');
    expect(profile).toContain('magnus_b');
    expect(profile).toContain('Sign out');
    const user = await archive.services.accounts.findUser('MAGNUS_B');
    expect(user?.password_hash).toMatch(/^\$argon2id\$/);
    expect((await archive.services.accounts.pseudsOf(user!.id)).map((p) => p.name)).toEqual(['magnus_b']);
  });

  it.each([
    [{ login: 'ab', email: 'a@example.com', password: 'longenough' }, 'at least 3'],
    [{ login: 'a'.repeat(41), email: 'a@example.com', password: 'longenough' }, 'at most 40'],
    [{ login: 'bad login!', email: 'a@example.com', password: 'longenough' }, 'only letters, digits and underscores'],
    [{ login: 'goodlogin', email: 'not-an-email', password: 'longenough' }, 'valid email'],
    [{ login: 'goodlogin', email: 'a@example.com', password: 'short' }, 'at least 8'],
  ])('refuses %o with a message', async (fields, message) => {
    const client = new TestClient(archive.app);
    const res = await client.post('/signup', fields);
    expect(res.status).toBe(422);
    expect(client.lastHtml).toContain(message);
    expect(client.lastHtml).toContain(`value="${fields.login}"`);
    expect(await archive.services.accounts.findUser(fields.login)).toBeUndefined();
  });

  it('refuses a login that is taken, in any case', async () => {
    await new TestClient(archive.app).signUp('alec_l');
    const res = await new TestClient(archive.app).post('/signup', { login: 'ALEC_L', email: 'x@example.com', password: 'longenough' });
    expect(res.status).toBe(422);
  });
});

describe('sign in', () => {
  it('gives the same answer for an unknown login and a wrong password', async () => {
    await new TestClient(archive.app).signUp('jace_h', 'parabatai rune');
    const unknown = new TestClient(archive.app);
    const wrong = new TestClient(archive.app);
    const a = await unknown.signIn('nobody_here', 'parabatai rune');
    const b = await wrong.signIn('jace_h', 'not the password');
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    const message = (html: string) => /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0];
    expect(message(unknown.lastHtml)).toBe(message(wrong.lastHtml));
  });

  it('signs in, returns where the reader was going, and signs out', async () => {
    await new TestClient(archive.app).signUp('clary_f', 'stele and runes');
    const client = new TestClient(archive.app);
    const login = await client.post('/login', { login: 'Clary_F', password: 'stele and runes', return_to: '/works' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/works');
    expect(await client.page('/')).toContain('Sign out');
    const out = await client.post('/logout');
    expect(out.status).toBe(303);
    expect(await client.page('/')).not.toContain('Sign out');
  });

  it('never redirects off-site after sign-in', async () => {
    await new TestClient(archive.app).signUp('simon_l', 'daylighter!');
    const client = new TestClient(archive.app);
    const res = await client.post('/login', { login: 'simon_l', password: 'daylighter!', return_to: '//evil.example/' });
    expect(res.headers.get('location')).toBe('/');
  });

  it('limits repeated attempts on one account with a clear message', async () => {
    await new TestClient(archive.app).signUp('isabelle_l', 'whip and ruby');
    const client = new TestClient(archive.app);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await client.signIn('isabelle_l', 'wrong password')).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect(client.lastHtml).toContain('Too many sign-in attempts');
  });
});

describe('passwords and pseuds', () => {
  it('changes the password and ends other sessions', async () => {
    const one = await new TestClient(archive.app).signUp('maia_r', 'first password');
    const two = new TestClient(archive.app);
    await two.signIn('maia_r', 'first password');
    expect(await two.page('/')).toContain('Sign out');
    const res = await one.post('/settings/password', { current: 'first password', password: 'second password' });
    expect(res.status).toBe(303);
    expect(await two.page('/')).not.toContain('Sign out');
    expect(await one.page('/')).toContain('Sign out');
    expect((await new TestClient(archive.app).signIn('maia_r', 'second password')).status).toBe(303);
  });

  it('refuses a wrong current password', async () => {
    const client = await new TestClient(archive.app).signUp('luke_g', 'first password');
    const res = await client.post('/settings/password', { current: 'nope nope', password: 'second password' });
    expect(res.status).toBe(422);
    expect(client.lastHtml).toContain('current password is not right');
  });

  it('adds a pseud that the user can post as', async () => {
    const client = await new TestClient(archive.app).signUp('raphael_s', 'hotel dumort');
    expect((await client.post('/users/raphael_s/pseuds', { name: 'Night Writer' })).status).toBe(303);
    expect((await client.post('/users/raphael_s/pseuds', { name: 'night writer' })).status).toBe(422);
    expect(await client.page('/users/raphael_s')).toContain('Night Writer');
    expect(await client.page('/works/new')).toContain('Night Writer');
  });

  it('does not let one user add pseuds to another', async () => {
    await new TestClient(archive.app).signUp('victim_u', 'password one');
    const other = await new TestClient(archive.app).signUp('other_u', 'password two');
    expect((await other.post('/users/victim_u/pseuds', { name: 'Stolen' })).status).toBe(404);
  });

  it('makes the first admin change the one-time password', async () => {
    const admin = await archive.services.accounts.ensureAdmin();
    expect(admin?.password).toBeTruthy();
    expect(await archive.services.accounts.ensureAdmin()).toBeNull();
    const client = new TestClient(archive.app);
    const res = await client.signIn('admin', admin!.password);
    expect(res.headers.get('location')).toBe('/settings/password');
    const elsewhere = await client.get('/works/new');
    expect(elsewhere.status).toBe(303);
    expect(elsewhere.headers.get('location')).toBe('/settings/password');
    expect(await client.page('/settings/password')).toContain('one-time password');
    expect((await client.post('/settings/password', { current: admin!.password, password: 'my own password' })).status).toBe(303);
    expect((await client.get('/works/new')).status).toBe(200);
  });
});

describe('CSRF', () => {
  it('refuses a form without a valid token, and changes nothing', async () => {
    const missing = await new TestClient(archive.app).post('/signup', { login: 'csrf_victim', email: 'c@example.com', password: 'longenough' }, { csrf: null });
    expect(missing.status).toBe(403);
    const forged = await new TestClient(archive.app).post('/signup', { login: 'csrf_victim', email: 'c@example.com', password: 'longenough' }, { csrf: 'forged' });
    expect(forged.status).toBe(403);
    expect(await archive.services.accounts.findUser('csrf_victim')).toBeUndefined();
  });
});
