import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWork, user, workRow } from '../responses/testKit.js';
import type { MailMessage } from '../mail/mailer.js';
import { TestClient, testArchive, type TestArchive } from '../testing/testApp.js';

/** Admins hide a comment: then its author and the admins see it, and nobody else, creators included. */

let archive: TestArchive;
let admin: TestClient;
let creator: TestClient;
let commenter: TestClient;
let replier: TestClient;
let guest: TestClient;
let workId = 0;
let commentId = 0;
const sent: MailMessage[] = [];

const RUDE = 'A needlessly cruel remark about the ending';
const REPLY = 'I thought the ending was fine, actually';
const db = () => archive.services.database.db;
const commentsCount = async () => (await workRow(archive, workId)).comments_count;

beforeAll(async () => {
  archive = await testArchive();
  archive.services.mail.send = async (m) => void sent.push(m);
  const boss = await user(archive, 'hide_boss');
  await db().updateTable('users').set({ is_admin: 1 }).where('id', '=', boss.viewer.id).execute();
  admin = boss.client;
  const writer = await user(archive, 'hide_writer');
  creator = writer.client;
  commenter = (await user(archive, 'hide_commenter')).client;
  replier = (await user(archive, 'hide_replier')).client;
  guest = new TestClient(archive.app);
  workId = await postWork(archive, writer);

  const posted = await commenter.post(`/works/${workId}/comments`, { body: RUDE });
  expect(posted.status).toBe(303);
  commentId = Number(/#comment-(\d+)/.exec(posted.headers.get('location')!)![1]);
  expect((await replier.post(`/comments/${commentId}/replies`, { body: REPLY })).status).toBe(303);
});
afterAll(async () => { await archive.close(); });

describe('hiding a comment', () => {
  it('is for admins only', async () => {
    expect((await guest.post(`/admin/comments/${commentId}/hide`)).status).toBe(302);
    for (const someone of [creator, commenter, replier]) expect((await someone.post(`/admin/comments/${commentId}/hide`)).status).toBe(403);
    expect(await commentsCount()).toBe(2);
    // The admin sees the action on the work page; no one else does.
    expect(await admin.page(`/works/${workId}`)).toContain(`action="/admin/comments/${commentId}/hide"`);
    expect(await creator.page(`/works/${workId}`)).not.toContain('/admin/comments/');
  });

  it('hides it from everyone but its author and the admins, logged, with the count following', async () => {
    await guest.page(`/works/${workId}`); // the guest page is cached now
    const res = await admin.post(`/admin/comments/${commentId}/hide`, { reason: 'Personal attack', return_to: `/works/${workId}` });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/works/${workId}#comment-${commentId}`);
    const log = await db().selectFrom('admin_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect([log.admin_login, log.action, log.target, log.reason]).toEqual(['hide_boss', 'hide comment', `comment ${commentId}`, 'Personal attack']);
    expect(await commentsCount()).toBe(1);

    for (const someone of [guest, creator, replier]) {
      const html = await someone.page(`/works/${workId}`);
      expect(html).not.toContain(RUDE);
      // Its place is kept for the reply under it.
      expect(html).toContain('(Comment hidden by an admin.)');
      expect(html).toContain(REPLY);
      expect(html).toContain('Comments (1)');
    }
    expect(await creator.page('/inbox')).not.toContain(RUDE);
    expect((await creator.get(`/comments/${commentId}/reply`)).status).toBe(404);

    const own = await commenter.page(`/works/${workId}`);
    expect(own).toContain(RUDE);
    expect(own).toContain('hidden by an admin');
    const admins = await admin.page(`/works/${workId}`);
    expect(admins).toContain(RUDE);
    expect(admins).toContain(`action="/admin/comments/${commentId}/unhide"`);

    // Its author is told by mail too, with the reason; nobody else is.
    const told = sent.filter((m) => m.subject === 'An admin has hidden your comment on Quire');
    expect(told.map((m) => m.to)).toEqual(['hide_commenter@example.com']);
    expect(told[0]!.text).toContain('Reason: Personal attack');
    expect(told[0]!.text).toContain(`/works/${workId}#comment-${commentId}`);
  });

  it('refuses to hide it twice, and answers 404 for a comment that does not exist', async () => {
    expect((await admin.post(`/admin/comments/${commentId}/hide`)).status).toBe(409);
    expect(admin.lastHtml).toContain('already hidden');
    expect((await admin.post('/admin/comments/999999/hide')).status).toBe(404);
    expect((await admin.post('/admin/comments/99999999999999/hide')).status).toBe(404);
    expect((await admin.post(`/admin/comments/${commentId}/hide`, { reason: 'x'.repeat(1001) })).status).toBe(409);
  });

  it('shows it to everyone again once unhidden', async () => {
    const res = await admin.post(`/admin/comments/${commentId}/unhide`, { reason: 'Appeal accepted' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/works/${workId}#comment-${commentId}`);
    expect((await db().selectFrom('admin_log').select('action').orderBy('id', 'desc').executeTakeFirstOrThrow()).action).toBe('unhide comment');
    expect(await commentsCount()).toBe(2);
    const html = await guest.page(`/works/${workId}`);
    expect(html).toContain(RUDE);
    expect(html).not.toContain('hidden by an admin');
    expect((await admin.post(`/admin/comments/${commentId}/unhide`)).status).toBe(409);
  });
});
