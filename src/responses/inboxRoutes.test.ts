import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, workFields, type TestArchive } from '../testing/testApp.js';
import { fromWorkPage, postWork, user } from './testKit.js';

// The inbox, and blocking and muting (./inboxRoutes.tsx), through the app.

let archive: TestArchive;
let author: Awaited<ReturnType<typeof user>>;
let reader: Awaited<ReturnType<typeof user>>;
let troll: Awaited<ReturnType<typeof user>>;
let guest: TestClient;
const db = () => archive.services.database.db;
const comments = (workId: number) => db().selectFrom('comments').selectAll().where('work_id', '=', workId).orderBy('id').execute();

beforeAll(async () => {
  archive = await testArchive();
  author = await user(archive, 'author');
  reader = await user(archive, 'reader');
  troll = await user(archive, 'troll');
  guest = new TestClient(archive.app);
});
afterAll(async () => { await archive.close(); });

describe('the inbox', () => {
  it('shows comments on my works, unread first, and marks them read', async () => {
    const id = await postWork(archive, author, { title: 'Inbox route work' });
    await fromWorkPage(reader.client, id, `/works/${id}/comments`, { body: 'Inbox comment' });
    expect((await guest.get('/inbox')).status).toBe(302);
    const html = await author.client.page('/inbox');
    expect(html).toContain('Inbox comment');
    expect(html).toMatch(/<a href="\/inbox">Inbox \(\d+\)<\/a>/);
    expect(html).toContain('Inbox route work');
    const cid = (await comments(id))[0]!.id;
    expect((await author.client.post('/inbox/read', { comment_id: String(cid) })).status).toBe(303);
    const row = await db().selectFrom('inbox_items').select('read').where('comment_id', '=', cid).executeTakeFirstOrThrow();
    expect(row.read).toBe(1);
    expect((await author.client.post('/inbox/read', {})).status).toBe(400);
    // A reply sent from the inbox comes back to the inbox, and reaches the commenter's.
    const inboxPage = await author.client.page('/inbox');
    expect(inboxPage).toContain(`<label for="reply-${cid}">Reply</label>`);
    const reply = await author.client.post(`/comments/${cid}/replies`, { body: 'Answered from the inbox', return_to: '/inbox' });
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toMatch(/^\/inbox#comment-\d+$/);
    expect(await reader.client.page('/inbox')).toContain('Answered from the inbox');
    expect((await author.client.post('/inbox/read', { all: '1' })).status).toBe(303);
    const read = await author.client.page('/inbox');
    expect(read).toContain('No unread comments.');
    expect(read).toContain('<a href="/inbox">Inbox</a>');
  });
});

describe('blocking and muting', () => {
  it('asks before blocking, lists blocked and muted users, and refuses blocking oneself', async () => {
    expect(await reader.client.page('/users/troll/block')).toContain('Block troll?');
    expect((await reader.client.post('/users/troll/mute', {})).status).toBe(303);
    expect((await reader.client.post('/users/reader/block', {})).status).toBe(400);
    const html = await reader.client.page('/settings/blocked');
    expect(html).toContain('troll');
    expect((await guest.post('/users/troll/block', {})).status).toBe(302);
    expect((await db().selectFrom('mutes').selectAll().execute()).length).toBe(1);
    expect((await reader.client.post('/users/troll/unmute', { return_to: '/settings/blocked' })).status).toBe(303);
    expect((await db().selectFrom('mutes').selectAll().execute()).length).toBe(0);
  });

  it('hides a muted user’s works from listings and totals', async () => {
    await troll.client.post('/works', workFields({ title: 'Troll Work' }, troll.pseudId));
    const total = (html: string) => Number(/of (\d+) Works?/.exec(html)?.[1] ?? 0);
    const before = await reader.client.page('/works');
    expect(before).toContain('Troll Work');
    await reader.client.post('/users/troll/mute', {});
    const after = await reader.client.page('/works');
    expect(after).not.toContain('Troll Work');
    expect(total(after)).toBe(total(before) - 1);
    expect(await author.client.page('/works')).toContain('Troll Work');
  });
});
