import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailMessage } from '../mail/mailer.js';
import { TestClient, testArchive, type TestArchive } from '../testing/testApp.js';
import { totpCode } from './totp.js';

let archive: TestArchive;
const sent: MailMessage[] = [];
beforeAll(async () => {
  archive = await testArchive();
  archive.services.mail.send = async (m) => void sent.push(m);
});
afterAll(async () => { await archive.close(); });

const db = () => archive.services.database.db;
const linkIn = (m: MailMessage | undefined, path: string) => new RegExp(`https?://[^/\\s]+(${path}/[A-Za-z0-9_-]+)`).exec(m?.text ?? '')?.[1];
const signedIn = async (client: TestClient) => (await client.page('/')).includes('Sign out');

describe('sessions', () => {
  it('gives a new session token at sign-in and the old cookie stops working', async () => {
    await new TestClient(archive.app).signUp('rot_a', 'rotate password');
    const client = new TestClient(archive.app);
    const cookieOf = (res: Response) => /quire_session=([^;]+)/.exec(res.headers.getSetCookie().join('\n'))?.[1];
    const first = cookieOf(await client.signIn('rot_a', 'rotate password'));
    const second = cookieOf(await client.signIn('rot_a', 'rotate password'));
    expect(first).toBeTruthy();
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    const withCookie = async (token: string) => (await (await archive.app.request('/', { headers: { cookie: `quire_session=${token}` } })).text()).includes('Sign out');
    expect(await withCookie(second!)).toBe(true);
    expect(await withCookie(first!)).toBe(false);
  });

  it('gives a new session token when the password changes; every older one stops working', async () => {
    const client = await new TestClient(archive.app).signUp('rot_b', 'rotate password');
    const cookieOf = (res: Response) => /quire_session=([^;]+)/.exec(res.headers.getSetCookie().join('\n'))?.[1];
    const before = cookieOf(await client.signIn('rot_b', 'rotate password'));
    const after = cookieOf(await client.post('/settings/password', { current: 'rotate password', password: 'rotated password' }));
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    const withCookie = async (token: string) => (await (await archive.app.request('/', { headers: { cookie: `quire_session=${token}` } })).text()).includes('Sign out');
    expect(await withCookie(before!)).toBe(false);
    expect(await withCookie(after!)).toBe(true);
    expect(sent.at(-1)).toMatchObject({ to: 'rot_b@example.com', subject: 'Quire: The password was changed' });
  });

  it('lists sessions and signs out of all the others', async () => {
    const one = await new TestClient(archive.app).signUp('sess_a', 'sessions password');
    const two = new TestClient(archive.app);
    await two.signIn('sess_a', 'sessions password');
    const page = await one.page('/settings/sessions');
    expect(page).toContain('(this browser)');
    expect(page).toContain('Sign out of all other sessions (1)');
    expect((await one.post('/settings/sessions/end-others')).status).toBe(303);
    expect(await signedIn(two)).toBe(false);
    expect(await signedIn(one)).toBe(true);
    expect(await one.page('/settings/sessions')).toContain('This is your only session.');
  });

  it('sends guests to sign in', async () => {
    const res = await new TestClient(archive.app).get('/settings/sessions');
    expect(res.status).toBe(302);
  });
});

describe('password reset', () => {
  it('answers the same whether or not the address has an account, and mails only real ones', async () => {
    await new TestClient(archive.app).signUp('reset_a', 'old password!');
    const before = sent.length;
    const known = new TestClient(archive.app);
    const unknown = new TestClient(archive.app);
    const a = await known.post('/password/forgot', { email: 'RESET_A@example.com' });
    const b = await unknown.post('/password/forgot', { email: 'nobody@example.com' });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const notice = (html: string) => /<p class="notice"[\s\S]*?<\/p>/.exec(html)?.[0];
    expect(notice(known.lastHtml)).toBe(notice(unknown.lastHtml));
    expect(sent.length).toBe(before + 1);
    expect(sent.at(-1)!.to).toBe('reset_a@example.com');
  });

  it('resets with the emailed link once, ends every session, and stores only a hash', async () => {
    const session = await new TestClient(archive.app).signUp('reset_b', 'old password!');
    await new TestClient(archive.app).post('/password/forgot', { email: 'reset_b@example.com' });
    const path = linkIn(sent.at(-1), '/password/reset');
    expect(path).toBeTruthy();
    const token = path!.split('/').pop()!;
    const stored = await db().selectFrom('account_tokens').select('id').where('purpose', '=', 'password_reset').execute();
    expect(stored.map((r) => r.id)).not.toContain(token);
    const client = new TestClient(archive.app);
    expect(await client.page(path!)).toContain('Choose a new password');
    expect((await client.post(path!, { password: 'short' })).status).toBe(422);
    expect((await client.post(path!, { password: 'brand new password' })).status).toBe(303);
    expect(await signedIn(session)).toBe(false);
    expect((await new TestClient(archive.app).signIn('reset_b', 'brand new password')).status).toBe(303);
    expect((await new TestClient(archive.app).signIn('reset_b', 'old password!')).status).toBe(401);
    // Single use.
    expect((await client.get(path!)).status).toBe(404);
    expect((await client.post(path!, { password: 'another password' })).status).toBe(404);
  });

  it('refuses an expired or made-up link', async () => {
    await new TestClient(archive.app).signUp('reset_c', 'old password!');
    await new TestClient(archive.app).post('/password/forgot', { email: 'reset_c@example.com' });
    const path = linkIn(sent.at(-1), '/password/reset')!;
    await db().updateTable('account_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('purpose', '=', 'password_reset').execute();
    const client = new TestClient(archive.app);
    expect((await client.get(path)).status).toBe(404);
    expect(client.lastHtml).toContain('This link has expired');
    expect((await client.get('/password/reset/made-up')).status).toBe(404);
    expect((await client.post(path, { password: 'brand new password' })).status).toBe(404);
  });
});

describe('email change', () => {
  it('is confirmed by a link sent to the old address', async () => {
    const client = await new TestClient(archive.app).signUp('mail_a', 'mail password');
    expect((await client.post('/settings/email', { email: 'new@example.com', password: 'wrong one' })).status).toBe(422);
    expect((await client.post('/settings/email', { email: 'not-an-email', password: 'mail password' })).status).toBe(422);
    expect((await client.post('/settings/email', { email: 'new@example.com', password: 'mail password' })).status).toBe(303);
    const message = sent.at(-1)!;
    expect(message.to).toBe('mail_a@example.com');
    const email = async () => (await db().selectFrom('users').select('email').where('login_key', '=', 'mail_a').executeTakeFirstOrThrow()).email;
    expect(await email()).toBe('mail_a@example.com');
    const path = linkIn(message, '/settings/email/confirm')!;
    const reader = new TestClient(archive.app);
    expect(await reader.page(path)).toContain('new@example.com');
    expect(await email()).toBe('mail_a@example.com');
    expect((await reader.post(path)).status).toBe(303);
    expect(await email()).toBe('new@example.com');
    expect((await reader.post(path)).status).toBe(404);
  });
});

describe('two-factor sign-in', () => {
  const secretOf = async (login: string) =>
    (await db().selectFrom('users').select('totp_secret').where('login_key', '=', login).executeTakeFirstOrThrow()).totp_secret!;

  it('enrols with a confirmed code, then asks for a code after the password', async () => {
    const client = await new TestClient(archive.app).signUp('totp_a', 'totp password');
    expect(await client.page('/settings/two-factor')).toContain('is <strong>off</strong>');
    await client.post('/settings/two-factor/start');
    const page = await client.page('/settings/two-factor');
    const secret = await secretOf('totp_a');
    expect(page).toContain(secret);
    expect(page).toContain('otpauth://totp/');
    expect((await client.post('/settings/two-factor/confirm', { code: '000000' })).status).toBe(422);
    const res = await client.post('/settings/two-factor/confirm', { code: totpCode(secret) });
    expect(res.status).toBe(200);
    const codes = [...client.lastHtml.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    const hashes = await db().selectFrom('recovery_codes').select('code_hash').execute();
    for (const c of codes) expect(hashes.map((h) => h.code_hash)).not.toContain(c);

    // Password first: no session yet, the code step instead.
    const other = new TestClient(archive.app);
    const step = await other.signIn('totp_a', 'totp password');
    expect(step.status).toBe(200);
    expect(other.lastHtml).toContain('Two-factor sign-in');
    expect(await signedIn(other)).toBe(false);
    expect((await other.post('/login/code', { code: '123456' })).status).toBe(401);
    expect(await signedIn(other)).toBe(false);
    // The code already used to enrol cannot be replayed, so use the next step's code.
    const next = totpCode(secret, Date.now() + 30_000);
    expect((await other.post('/login/code', { code: next })).status).toBe(303);
    expect(await signedIn(other)).toBe(true);

    // A recovery code works once.
    const third = new TestClient(archive.app);
    await third.signIn('totp_a', 'totp password');
    expect((await third.post('/login/code', { code: codes[0]!.toUpperCase() })).status).toBe(303);
    const fourth = new TestClient(archive.app);
    await fourth.signIn('totp_a', 'totp password');
    expect((await fourth.post('/login/code', { code: codes[0]! })).status).toBe(401);
    expect(await signedIn(fourth)).toBe(false);

    // Turning it off needs the password.
    expect((await client.post('/settings/two-factor/disable', { password: 'nope nope' })).status).toBe(422);
    expect((await client.post('/settings/two-factor/disable', { password: 'totp password' })).status).toBe(303);
    expect(sent.at(-1)).toMatchObject({ to: 'totp_a@example.com', subject: 'Quire: Two-factor sign-in was turned off' });
    expect((await new TestClient(archive.app).signIn('totp_a', 'totp password')).status).toBe(303);
  });

  it('does not tell whether the password was right before the code step; five wrong tries end it', async () => {
    const client = await new TestClient(archive.app).signUp('totp_b', 'totp password');
    await client.post('/settings/two-factor/start');
    const secret = await secretOf('totp_b');
    await client.post('/settings/two-factor/confirm', { code: totpCode(secret) });
    const recovery = [...client.lastHtml.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]!);

    // A wrong password leads to the same code step as the right one...
    const wrong = new TestClient(archive.app);
    const right = new TestClient(archive.app);
    const a = await wrong.signIn('totp_b', 'not it at all');
    const b = await right.signIn('totp_b', 'totp password');
    expect([a.status, b.status]).toEqual([200, 200]);
    const form = (html: string) => /<main[\s\S]*<\/main>/.exec(html)![0].replace(/value="[^"]*"/g, '');
    expect(form(wrong.lastHtml)).toBe(form(right.lastHtml));
    // ...and there even the right code (or a recovery code) fails, with the same message as a wrong code.
    expect((await wrong.post('/login/code', { code: totpCode(secret, Date.now() + 30_000) })).status).toBe(401);
    const afterWrongPassword = /<div class="error-summary"[\s\S]*?<\/div>/.exec(wrong.lastHtml)![0];
    expect((await wrong.post('/login/code', { code: recovery[0]! })).status).toBe(401);
    expect(await signedIn(wrong)).toBe(false);
    expect((await right.post('/login/code', { code: '123456' })).status).toBe(401);
    expect(/<div class="error-summary"[\s\S]*?<\/div>/.exec(right.lastHtml)![0]).toBe(afterWrongPassword);
    // The recovery code tried after the wrong password was not used up.
    expect((await right.post('/login/code', { code: recovery[0]! })).status).toBe(303);

    const guesser = new TestClient(archive.app);
    await guesser.signIn('totp_b', 'totp password');
    for (let i = 0; i < 5; i++) await guesser.post('/login/code', { code: String(100000 + i) });
    const late = await guesser.post('/login/code', { code: totpCode(secret, Date.now() + 60_000) });
    expect(late.status).toBe(401);
    expect(guesser.lastHtml).toContain('Sign in again');
    expect(await signedIn(guesser)).toBe(false);
  });

  it('has no code step without the password step', async () => {
    const client = new TestClient(archive.app);
    expect((await client.post('/login/code', { code: '123456' })).status).toBe(401);
    expect(client.lastHtml).toContain('Sign in again');
  });
});
