import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailMessage } from '../mail/mailer.js';
import { TestClient, testArchive, workFields, type TestArchive } from '../testing/testApp.js';

let archive: TestArchive;
let admin: TestClient;
let writer: TestClient;
let reader: TestClient;
let guest: TestClient;
const sent: MailMessage[] = [];

const db = () => archive.services.database.db;
const total = (html: string) => /of (\d+) Works|No works found/.exec(html)?.[1] ?? '0';

const clientLogin = new Map<TestClient, string>();
async function signUp(login: string, password?: string) {
  const client = await new TestClient(archive.app).signUp(login, password);
  clientLogin.set(client, login);
  return client;
}
async function pseudOf(login: string) {
  const user = await archive.services.accounts.findUser(login);
  return (await archive.services.accounts.pseudsOf(user!.id))[0]!.id;
}
const fieldsFor = async (client: TestClient, fields: Record<string, string> = {}) => workFields(fields, await pseudOf(clientLogin.get(client)!));

async function post(client: TestClient, fields: Record<string, string> = {}) {
  const res = await client.post('/works', await fieldsFor(client, fields));
  if (res.status !== 303) throw new Error(`posting failed: ${res.status} ${client.lastHtml.slice(0, 500)}`);
  return Number(res.headers.get('location')!.split('/').pop());
}
const lastLog = async () => db().selectFrom('admin_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();

beforeAll(async () => {
  archive = await testArchive();
  archive.services.mail.send = async (m) => void sent.push(m);
  admin = await signUp('mod_boss');
  await db().updateTable('users').set({ is_admin: 1 }).where('login_key', '=', 'mod_boss').execute();
  writer = await signUp('mod_writer');
  reader = await signUp('mod_reader');
  guest = new TestClient(archive.app);
});
afterAll(async () => { await archive.close(); });

describe('abuse reports', () => {
  it('takes a report from a guest with an email, and from a signed-in reader', async () => {
    expect(await guest.page('/')).toContain('href="/reports/new"');
    const form = await guest.page('/reports/new?url=%2Fworks%2F1');
    expect(form).toContain('value="/works/1"');
    expect((await guest.post('/reports', { url: '/works/1', reason: 'Spam links' })).status).toBe(422);
    expect(guest.lastHtml).toContain('so we can reply');
    expect((await guest.post('/reports', { url: '/works/1', reason: '', email: 'g@example.com' })).status).toBe(422);
    expect((await guest.post('/reports', { url: 'https://elsewhere.example/x', reason: 'x', email: 'g@example.com' })).status).toBe(422);
    expect(guest.lastHtml).toContain('a page on this archive');
    expect((await guest.post('/reports', { url: 'http://localhost:3000/works/1?view_full_work=true', reason: 'Spam links', email: 'g@example.com' })).status).toBe(200);
    expect(guest.lastHtml).toContain('Thank you');
    expect((await reader.post('/reports', { url: '/users/mod_writer', reason: 'Harassing me' })).status).toBe(200);
    const reports = await db().selectFrom('reports').selectAll().orderBy('id').execute();
    expect(reports.map((r) => [r.url, r.work_id, r.reporter_email])).toEqual([
      ['/works/1?view_full_work=true', 1, 'g@example.com'],
      ['/users/mod_writer', null, 'mod_reader@example.com'],
    ]);
  });

  it('takes at most five reports of one work from one reporter a month, with a clear message', async () => {
    const one = await signUp('mod_reporter');
    for (let i = 0; i < 5; i++) expect((await one.post('/reports', { url: '/works/77', reason: `report ${i}` })).status).toBe(200);
    expect((await one.post('/reports', { url: '/works/77', reason: 'once more' })).status).toBe(429);
    expect(one.lastHtml).toContain('already reported this work 5 times this month');
    // Another work, or another reporter, is not held back.
    expect((await one.post('/reports', { url: '/works/78', reason: 'other work' })).status).toBe(200);
    expect((await reader.post('/reports', { url: '/works/77', reason: 'me too' })).status).toBe(200);
  });

  it('takes at most ten reports an hour from one reporter, whatever they report, with a clear message', async () => {
    const busy = await signUp('mod_busy_reporter');
    for (let i = 0; i < 10; i++) expect((await busy.post('/reports', { url: `/works/${900 + i}`, reason: `report ${i}` })).status).toBe(200);
    const refused = await busy.post('/reports', { url: '/users/mod_writer', reason: 'one more' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(busy.lastHtml).toMatch(/You have sent many reports in the last hour\. Try again in \d+ minutes\./);
    expect(await db().selectFrom('reports').select('id').where('reason', '=', 'one more').executeTakeFirst()).toBeUndefined();
  });

  it('lets admins resolve and dismiss reports, logged; nobody else sees the queue', async () => {
    expect((await reader.get('/admin/reports')).status).toBe(403);
    expect((await guest.get('/admin/reports')).status).toBe(302);
    const page = await admin.page('/admin/reports');
    expect(page).toContain('Harassing me');
    const [first] = await db().selectFrom('reports').select('id').where('status', '=', 'open').orderBy('id').execute();
    expect((await reader.post(`/admin/reports/${first!.id}`, { status: 'resolved' })).status).toBe(403);
    expect((await admin.post(`/admin/reports/${first!.id}`, { status: 'resolved', reason: 'Removed the spam' })).status).toBe(303);
    expect((await db().selectFrom('reports').select('status').where('id', '=', first!.id).executeTakeFirstOrThrow()).status).toBe('resolved');
    expect(await lastLog()).toMatchObject({ admin_login: 'mod_boss', action: 'resolve report', target: `report ${first!.id}`, reason: 'Removed the spam' });
    expect((await admin.post(`/admin/reports/${first!.id}`, { status: 'dismissed' })).status).toBe(422);
    expect(admin.lastHtml).toContain('not open');
  });
});

describe('hiding works', () => {
  it('hides a work from everyone but its creators and admins, everywhere, and tells the creator', async () => {
    const id = await post(writer, { title: 'Hidden Spam Work', fandoms: 'Hiding Fandom', freeforms: 'Zebra Tag' });
    const before = { works: total(await guest.page('/works')), tag: total(await guest.page('/tags/Hiding%20Fandom/works')), search: total(await guest.page('/works/search?q=zebra')) };
    expect(before.tag).toBe('1');
    expect(before.search).toBe('1');
    expect(await guest.page(`/works/${id}`)).toContain('Hidden Spam Work'); // cached for guests before hiding

    expect((await reader.post(`/admin/works/${id}/hide`, { reason: 'x' })).status).toBe(403);
    expect((await admin.post(`/admin/works/${id}/hide`, { reason: 'Spam' })).status).toBe(303);
    expect(await lastLog()).toMatchObject({ action: 'hide work', target: `work ${id}`, reason: 'Spam' });
    const mail = sent.at(-1)!;
    expect(mail.to).toBe('mod_writer@example.com');
    expect(mail.text).toContain('Reason: Spam');

    for (const client of [guest, reader]) {
      expect((await client.get(`/works/${id}`)).status).toBe(404);
      expect((await client.get(`/works/${id}/navigate`)).status).toBe(404);
      expect(await client.page('/works')).not.toContain('Hidden Spam Work');
      expect(await client.page('/users/mod_writer/works')).not.toContain('Hidden Spam Work');
      expect(await client.page('/works/search?q=zebra')).not.toContain('Hidden Spam Work');
    }
    // Counts, tag pages and search agree: the work is gone from all of them.
    expect(total(await guest.page('/works'))).toBe(String(Number(before.works) - 1));
    expect(total(await guest.page('/works/search?q=zebra'))).toBe('0');
    expect((await guest.get('/tags/Zebra%20Tag/works')).status).toBe(404);

    const own = await writer.page(`/works/${id}`);
    expect(own).toContain('An archive admin has hidden this work');
    expect((await admin.get(`/works/${id}`)).status).toBe(200);
    expect(await admin.page(`/admin/works/${id}`)).toContain('hidden by an admin');

    expect((await admin.post(`/admin/works/${id}/hide`, { reason: 'again' })).status).toBe(422);
    expect((await admin.post(`/admin/works/${id}/unhide`, { reason: 'Appeal upheld' })).status).toBe(303);
    expect(await lastLog()).toMatchObject({ action: 'unhide work', reason: 'Appeal upheld' });
    expect((await guest.get(`/works/${id}`)).status).toBe(200);
    expect(total(await guest.page('/works/search?q=zebra'))).toBe('1');
    expect(total(await guest.page('/tags/Hiding%20Fandom/works'))).toBe('1');
  });

  it('says so for a work that does not exist', async () => {
    expect((await admin.get('/admin/works/999999')).status).toBe(404);
    expect((await admin.post('/admin/works/999999/hide', { reason: 'x' })).status).toBe(404);
  });
});

describe('suspensions and bans', () => {
  it('lets a suspended user sign in and read, but not post, until the date', async () => {
    const victim = await signUp('mod_suspended', 'suspended pw');
    const id = await post(victim, { title: 'Before Suspension' });
    expect((await admin.post('/admin/users/mod_suspended/suspend', { until: '2001-01-01', reason: 'x' })).status).toBe(422);
    expect(admin.lastHtml).toContain('in the future');
    expect((await admin.post('/admin/users/mod_suspended/suspend', { until: '2999-01-01', reason: 'Spamming' })).status).toBe(303);
    expect(await lastLog()).toMatchObject({ action: 'suspend user', target: 'user mod_suspended until 2999-01-01', reason: 'Spamming' });
    expect((await victim.get(`/works/${id}`)).status).toBe(200);
    expect((await victim.get('/works/new')).status).toBe(403);
    expect(victim.lastHtml).toContain('You can post again after 2999-01-01');
    const res = await victim.post('/works', await fieldsFor(victim, { title: 'During Suspension' }));
    expect(res.status).toBe(403);
    expect(victim.lastHtml).toContain('suspended your account until 2999-01-01');
    expect((await victim.post(`/works/${id}/delete`)).status).toBe(403);
    expect((await victim.post('/reports', { url: '/works/1', reason: 'still may report' })).status).toBe(200);
    const again = new TestClient(archive.app);
    expect((await again.signIn('mod_suspended', 'suspended pw')).status).toBe(303);
    expect((await admin.post('/admin/users/mod_suspended/unsuspend', { reason: 'Served' })).status).toBe(303);
    expect((await victim.post('/works', await fieldsFor(victim, { title: 'After Suspension' }))).status).toBe(303);
  });

  it('bans: signed out everywhere and cannot sign in; admins cannot ban themselves', async () => {
    const victim = await signUp('mod_banned', 'banned pw');
    expect((await reader.post('/admin/users/mod_banned/ban', { reason: 'x' })).status).toBe(403);
    expect((await admin.post('/admin/users/mod_banned/ban', { reason: 'Abuse' })).status).toBe(303);
    expect(await lastLog()).toMatchObject({ action: 'ban user', target: 'user mod_banned' });
    expect(await victim.page('/')).not.toContain('Sign out');
    expect((await new TestClient(archive.app).signIn('mod_banned', 'banned pw')).status).toBe(403);
    expect((await admin.post('/admin/users/mod_boss/ban', { reason: 'oops' })).status).toBe(422);
    expect((await admin.post('/admin/users/ghost_user/ban', { reason: 'x' })).status).toBe(404);
    expect((await admin.get('/admin/users/ghost_user')).status).toBe(404);
    expect((await admin.post('/admin/users/mod_banned/unban', { reason: 'Appeal' })).status).toBe(303);
    expect((await new TestClient(archive.app).signIn('mod_banned', 'banned pw')).status).toBe(303);
  });

  it('logs every admin action, including the wrangler role, for admins only', async () => {
    await admin.post('/admin/users/mod_reader/wrangler', { wrangler: '1' });
    expect(await lastLog()).toMatchObject({ action: 'grant wrangler role', target: 'user mod_reader' });
    const log = await admin.page('/admin/log');
    for (const action of ['grant wrangler role', 'ban user', 'suspend user', 'hide work', 'resolve report']) expect(log).toContain(action);
    expect(log).toMatch(/<a href="\/admin\/works\/\d+">work \d+<\/a>/);
    expect(log).toContain('<a href="/admin/users/mod_banned">user mod_banned</a>');
    expect((await reader.get('/admin/log')).status).toBe(403);
    await admin.post('/admin/users/mod_reader/wrangler', { wrangler: '0' });
  });
});

describe('news', () => {
  it('puts admin news on the front page until taken down', async () => {
    expect((await admin.post('/admin/news', { title: '', body: 'x' })).status).toBe(422);
    expect((await reader.post('/admin/news', { title: 'Fake', body: 'x' })).status).toBe(403);
    expect((await admin.post('/admin/news', { title: 'Scheduled downtime', body: 'Saturday, one hour.\n\nThanks!' })).status).toBe(303);
    const home = await guest.page('/');
    expect(home).toContain('Scheduled downtime');
    expect(home).toContain('<p>Thanks!</p>');
    const { id } = await db().selectFrom('news').select('id').executeTakeFirstOrThrow();
    // A reader may dismiss it for their browser; others still see it.
    const dismisser = new TestClient(archive.app);
    await dismisser.page('/');
    expect((await dismisser.post(`/news/${id}/dismiss`)).status).toBe(303);
    expect(await dismisser.page('/')).not.toContain('Scheduled downtime');
    expect(await guest.page('/')).toContain('Scheduled downtime');
    expect((await admin.post(`/admin/news/${id}/retire`)).status).toBe(303);
    expect(await guest.page('/')).not.toContain('Scheduled downtime');
    expect((await admin.post(`/admin/news/${id}/retire`)).status).toBe(404);
  });
});

describe('AI training crawlers', () => {
  it('keeps AI crawlers off restricted works always, and off everything when the setting is on', async () => {
    const robots = await (await guest.get('/robots.txt')).text();
    for (const bot of ['GPTBot', 'CCBot', 'Google-Extended', 'ClaudeBot']) expect(robots).toContain(`User-agent: ${bot}`);
    expect(robots).not.toMatch(/User-agent: GPTBot[\s\S]*?Disallow: \/\n/);
    const restricted = await post(writer, { title: 'Members Only', restricted: 'on' });
    const open = await post(writer, { title: 'For Everyone' });
    const page = await reader.get(`/works/${restricted}`);
    expect(page.headers.get('x-robots-tag')).toBe('noai, noimageai');
    expect(reader.lastHtml).toContain('<meta name="robots" content="noai, noimageai">');
    const publicPage = await guest.get(`/works/${open}`);
    expect(publicPage.headers.get('x-robots-tag')).toBeNull();

    expect((await reader.post('/admin/settings', { ai_blocked: '1' })).status).toBe(403);
    expect((await admin.post('/admin/settings', { ai_blocked: '1' })).status).toBe(303);
    expect(await lastLog()).toMatchObject({ action: 'block AI crawlers site-wide' });
    expect(await (await guest.get('/robots.txt')).text()).toMatch(/User-agent: GPTBot[\s\S]*?Disallow: \/\n/);
    expect((await guest.get(`/works/${open}`)).headers.get('x-robots-tag')).toBe('noai, noimageai');
    expect(guest.lastHtml).toContain('<meta name="robots" content="noai, noimageai">');
    await admin.post('/admin/settings', { ai_blocked: '0' });
  });

  it('keeps AI crawlers off every work of a writer who asks, pages and downloads, and off no one else’s', async () => {
    const asker = await signUp('mod_noai');
    const mine = await post(asker, { title: 'Not For Training' });
    const theirs = await post(writer, { title: 'Someone Else' });
    expect((await guest.get(`/works/${mine}`)).headers.get('x-robots-tag')).toBeNull();
    expect((await guest.get('/settings/ai')).status).toBe(302);
    expect(await asker.page('/settings/ai')).toMatch(/value="0" checked=""\/> Follow the archive’s setting/);
    expect((await asker.post('/settings/ai', { asks_noai: 'maybe' })).status).toBe(422);
    expect((await asker.post('/settings/ai', { asks_noai: '1' })).status).toBe(303);
    expect(await asker.page('/settings/ai')).toMatch(/value="1" checked=""\/> Ask AI crawlers not to take any of my works/);
    for (const path of [`/works/${mine}`, `/works/${mine}?view_full_work=true`]) {
      expect((await guest.get(path)).headers.get('x-robots-tag'), path).toBe('noai, noimageai');
      expect(guest.lastHtml).toContain('<meta name="robots" content="noai, noimageai">');
    }
    expect((await guest.get(`/downloads/${mine}/x.epub`)).headers.get('x-robots-tag')).toBe('noai, noimageai');
    expect((await guest.get(`/works/${theirs}`)).headers.get('x-robots-tag')).toBeNull();
    expect((await guest.get(`/downloads/${theirs}/x.epub`)).headers.get('x-robots-tag')).toBeNull();
    const robots = await (await guest.get('/robots.txt')).text();
    expect(robots).toMatch(new RegExp(`User-agent: GPTBot[\\s\\S]*Disallow: /works/${mine}\n`));
    expect(robots).not.toContain(`/works/${theirs}`);
    expect((await asker.post('/settings/ai', { asks_noai: '0' })).status).toBe(303);
    expect(await (await guest.get('/robots.txt')).text()).not.toContain(`/works/${mine}`);
    expect((await guest.get(`/works/${mine}`)).headers.get('x-robots-tag')).toBeNull();
  });

  it('keeps AI crawlers off anonymous works whatever their writer chose, so the signal names no one', async () => {
    const hidden = await signUp('mod_noai_anon');
    const anonymous = await post(hidden, { title: 'Nobody’s Letter', anonymous: 'on' });
    for (const choice of ['0', '1', '0']) {
      expect((await hidden.post('/settings/ai', { asks_noai: choice })).status).toBe(303);
      expect((await guest.get(`/works/${anonymous}`)).headers.get('x-robots-tag'), choice).toBe('noai, noimageai');
      expect((await guest.get(`/downloads/${anonymous}/x.epub`)).headers.get('x-robots-tag'), choice).toBe('noai, noimageai');
      expect(await (await guest.get('/robots.txt')).text(), choice).toContain(`Disallow: /works/${anonymous}\n`);
    }
  });
});
