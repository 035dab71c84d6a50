import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUEST } from '../policy/viewer.js';
import { testArchive, type TestArchive } from '../testing/testApp.js';
import { HitCounter } from './hits.js';
import { readerKeys } from './readerKeys.js';
import { siteSecret } from '../db/settings.js';
import { count, postWork, user, workRow, type User } from './testKit.js';

let archive: TestArchive;
let author: Awaited<ReturnType<typeof user>>;
let alec: Awaited<ReturnType<typeof user>>;
let magnus: Awaited<ReturnType<typeof user>>;
const r = () => archive.services.responses;

beforeAll(async () => {
  archive = await testArchive();
  author = await user(archive, 'author');
  alec = await user(archive, 'alec');
  magnus = await user(archive, 'magnus');
});
afterAll(async () => { await archive.close(); });

const say = (body: string) => ({ body });
const asGuest = (body: string) => ({ body, guest_name: 'Izzy', guest_email: 'izzy@example.com' });
async function commentId(p: Promise<{ ok: boolean }>) {
  const res = (await p) as { ok: true; value: { id: number } };
  expect(res.ok, JSON.stringify(res)).toBe(true);
  return res.value.id;
}
const threadsOf = async (viewer: typeof GUEST | User, workId: number) => (await r().section(viewer, workId, { kind: 'all' }))!.threads;

describe('kudos', () => {
  it('counts once per signed-in reader and once per guest address, and names the givers', async () => {
    const id = await postWork(archive, author);
    const before = await workRow(archive, id);
    const changesBefore = await count(archive, 'work_changes', id);
    expect(await r().leaveKudos(alec.viewer, id, '10.0.0.1')).toEqual({ ok: true, value: 'given' });
    expect(await r().leaveKudos(alec.viewer, id, '10.0.0.2')).toEqual({ ok: true, value: 'already' });
    expect(await r().leaveKudos(magnus.viewer, id, '10.0.0.1')).toEqual({ ok: true, value: 'given' });
    expect(await r().leaveKudos(GUEST, id, '192.0.2.7')).toEqual({ ok: true, value: 'given' });
    expect(await r().leaveKudos(GUEST, id, '192.0.2.7')).toEqual({ ok: true, value: 'already' });
    expect(await r().leaveKudos(GUEST, id, '192.0.2.8')).toEqual({ ok: true, value: 'given' });
    const after = await workRow(archive, id);
    expect(after.kudos_count).toBe(4);
    // Counts move without re-rendering the work; the listing index hears of each change.
    expect(after.version).toBe(before.version);
    expect(await count(archive, 'work_changes', id)).toBe(changesBefore + 4);
    expect((await r().section(GUEST, id, { kind: 'all' }))!.kudos).toEqual({ logins: ['alec', 'magnus'], users: 2, guests: 2 });
    const stored = await archive.services.database.db.selectFrom('kudos').select('guest_key').where('work_id', '=', id).where('guest_key', 'is not', null).execute();
    expect(stored.map((k) => k.guest_key).join()).not.toContain('192.0.2');
  });

  it('moves listings sorted by kudos and by comments when the index next follows the change log', async () => {
    const solo = await user(archive, 'sortwriter');
    const older = await postWork(archive, solo, { title: 'Older' });
    await postWork(archive, solo, { title: 'Newer' });
    const order = async (sort: 'kudos_count' | 'comments_count') =>
      (await archive.services.reading.list(GUEST, { scope: { kind: 'user', userId: solo.viewer.id }, sort, page: 1 })).works.map((w) => w.title);
    // On a tie the newer work comes first, so the older one leads only by its count.
    expect(await order('kudos_count')).toEqual(['Newer', 'Older']);
    // A kudos does not wait for the index: its follower (each second) reads just the new counts.
    const follow = () => archive.services.index.sync();
    await r().leaveKudos(alec.viewer, older, '1.1.1.1');
    await follow();
    expect(await order('kudos_count')).toEqual(['Older', 'Newer']);
    await commentId(r().comment(alec.viewer, older, null, say('First!')));
    await follow();
    expect(await order('comments_count')).toEqual(['Older', 'Newer']);
    // Only counts were read again: the work still lists under its tags.
    const tag = await archive.services.database.db.selectFrom('work_tags').select('tag_id').where('work_id', '=', older).executeTakeFirstOrThrow();
    const tagged = await archive.services.reading.list(GUEST, { scope: { kind: 'tag', tagId: tag.tag_id }, sort: 'kudos_count', page: 1 });
    expect(tagged.works.map((w) => w.title)).toContain('Older');
  });

  it('refuses a creator’s kudos on their own work, and a guest’s on a restricted work', async () => {
    const id = await postWork(archive, author, { restricted: 'on' });
    expect(await r().leaveKudos(author.viewer, id, '1.1.1.1')).toMatchObject({ ok: false, refused: expect.stringContaining('your own work') });
    expect(await r().leaveKudos(GUEST, id, '1.1.1.1')).toEqual({ ok: false, denied: 'not-found' });
    const draft = await postWork(archive, author, { action: 'draft' });
    expect(await r().leaveKudos(alec.viewer, draft, '1.1.1.1')).toEqual({ ok: false, denied: 'not-found' });
    expect(await count(archive, 'kudos', id) + await count(archive, 'kudos', draft)).toBe(0);
  });
});

describe('hits', () => {
  it('counts one hit per reader per work per day, even across two processes, without a new version', async () => {
    const id = await postWork(archive, author);
    const db = archive.services.database.db;
    const keys = async () => readerKeys(await siteSecret(db));
    const counts = { changed: (trx: any, ids: readonly number[]) => archive.services.index.countsChanged(trx, ids), committed: () => archive.services.index.sync() };
    const one = new HitCounter(db, counts, keys, { flushEveryMs: 0, maxPending: 1000 });
    const two = new HitCounter(db, counts, keys, { flushEveryMs: 0, maxPending: 1000 });
    const day = new Date('2026-11-29T10:00:00Z');
    const version = (await workRow(archive, id)).version;
    for (const counter of [one, two]) {
      counter.record(id, { kind: 'user', id: alec.viewer.id }, day);
      counter.record(id, { kind: 'user', id: alec.viewer.id }, day);
      counter.record(id, { kind: 'guest', address: '198.51.100.1' }, day);
    }
    await Promise.all([one.flush(), two.flush()]);
    expect((await workRow(archive, id)).hits_count).toBe(2);
    one.record(id, { kind: 'user', id: alec.viewer.id }, new Date('2026-11-30T01:00:00Z'));
    await one.close();
    await two.close();
    const row = await workRow(archive, id);
    expect(row.hits_count).toBe(3);
    expect(row.version).toBe(version);
    const stored = await db.selectFrom('work_hits').select('reader_key').where('work_id', '=', id).execute();
    expect(stored.map((h) => h.reader_key).join()).not.toContain('198.51');
  });

  it('writes a batch over many works in one flush: counts, daily stats and the change log of each', async () => {
    const many = await user(archive, 'hitbatch');
    const works = [];
    for (let i = 0; i < 4; i++) works.push(await postWork(archive, many, { title: `Batch ${i}` }));
    const [once, twice, thrice, gone] = works as [number, number, number, number];
    const logged = await Promise.all(works.map((w) => count(archive, 'work_changes', w)));
    const hits = archive.services.hits;
    let address = 0;
    for (const [work, n] of [[once, 1], [twice, 2], [thrice, 3], [gone, 1]] as const) {
      for (let i = 0; i < n; i++) hits.record(work, { kind: 'guest', address: `198.51.100.${++address}` });
    }
    // A work deleted while its hit waits in the buffer is not counted, and nothing fails.
    await archive.services.posting.deleteWork(many.viewer, gone);
    await hits.flush();
    const today = new Date().toISOString().slice(0, 10);
    const db = archive.services.database.db;
    for (const [work, n] of [[once, 1], [twice, 2], [thrice, 3]] as const) {
      expect((await workRow(archive, work)).hits_count).toBe(n);
      const stat = await db.selectFrom('work_stats_daily').select('hits').where('work_id', '=', work).where('day', '=', today).executeTakeFirst();
      expect(stat?.hits).toBe(n);
    }
    expect(await count(archive, 'work_hits', gone)).toBe(0);
    const after = await Promise.all(works.slice(0, 3).map((w) => count(archive, 'work_changes', w)));
    expect(after).toEqual(logged.slice(0, 3).map((n) => n + 1));
    await archive.services.index.sync();
    const listed = await archive.services.reading.list(GUEST, { scope: { kind: 'user', userId: many.viewer.id }, sort: 'hits_count', page: 1 });
    expect(listed.works.map((w) => w.title)).toEqual(['Batch 2', 'Batch 1', 'Batch 0']);
  });

  it('writes what is buffered on flush, and listings sorted by hits follow the change log', async () => {
    const solo = await user(archive, 'hitwriter');
    const id = await postWork(archive, solo, { title: 'Older' });
    await postWork(archive, solo, { title: 'Newer' });
    archive.services.hits.record(id, { kind: 'guest', address: '203.0.113.9' });
    await archive.services.hits.flush();
    expect((await workRow(archive, id)).hits_count).toBe(1);
    await archive.services.index.sync();
    const listed = await archive.services.reading.list(GUEST, { scope: { kind: 'user', userId: solo.viewer.id }, sort: 'hits_count', page: 1 });
    expect(listed.works.map((w) => w.title)).toEqual(['Older', 'Newer']);
  });
});

describe('comments', () => {
  it('threads replies five levels deep and refuses a sixth with a clear message', async () => {
    const id = await postWork(archive, author);
    let parent = await commentId(r().comment(alec.viewer, id, null, say('Level one')));
    for (let level = 2; level <= 5; level++) parent = await commentId(r().reply(level % 2 ? alec.viewer : author.viewer, parent, say(`Level ${level}`)));
    const sixth = await r().reply(alec.viewer, parent, say('Level six'));
    expect(sixth).toMatchObject({ ok: false, refused: expect.stringContaining('5 levels deep') });
    expect(await count(archive, 'comments', id)).toBe(5);
    let node = (await threadsOf(GUEST, id))[0]!;
    for (let level = 2; level <= 5; level++) node = node.replies[0]!;
    expect(node.kind === 'comment' && node.comment.body).toBe('<p>Level 5</p>');
    expect((await workRow(archive, id)).comments_count).toBe(5);
  });

  it('sanitizes comment HTML and signs guests’ comments with their name', async () => {
    const id = await postWork(archive, author);
    const cid = await commentId(r().comment(GUEST, id, null, asGuest('<p onclick="x()">Hi <script>alert(1)</script><em>there</em></p>')));
    const [c] = await threadsOf(GUEST, id);
    expect(c?.kind === 'comment' && c.comment).toMatchObject({ id: cid, body: '<p>Hi <em>there</em></p>', guestName: 'Izzy', userId: null });
    expect(await r().comment(GUEST, id, null, { body: 'no name' })).toMatchObject({ ok: false, errors: { guest_name: expect.any(String) } });
    expect(await r().comment(alec.viewer, id, null, say('<script>only</script>'))).toMatchObject({ ok: false, errors: { body: 'Write a comment.' } });
  });

  it('lets commenters edit and delete their own; a deleted comment with replies keeps the thread', async () => {
    const id = await postWork(archive, author);
    const first = await commentId(r().comment(alec.viewer, id, null, say('First')));
    const reply = await commentId(r().reply(magnus.viewer, first, say('Answer')));
    expect(await r().edit(magnus.viewer, first, 'Hijacked')).toMatchObject({ ok: false, refused: expect.any(String) });
    expect(await r().remove(magnus.viewer, first)).toMatchObject({ ok: false, refused: expect.any(String) });
    expect((await r().edit(alec.viewer, first, 'First, edited')).ok).toBe(true);
    expect((await r().remove(alec.viewer, first)).ok).toBe(true);
    const [top] = await threadsOf(GUEST, id);
    expect(top).toMatchObject({ kind: 'placeholder', reason: 'deleted', id: first });
    expect(top!.replies[0]).toMatchObject({ kind: 'comment', comment: { id: reply, body: '<p>Answer</p>' } });
    expect((await workRow(archive, id)).comments_count).toBe(1);
    // A deleted comment without replies leaves nothing behind.
    expect((await r().remove(magnus.viewer, reply)).ok).toBe(true);
    expect(await threadsOf(GUEST, id)).toEqual([]);
    expect((await workRow(archive, id)).comments_count).toBe(0);
  });

  it('lets the work’s creators delete any comment and freeze a thread', async () => {
    const id = await postWork(archive, author);
    const root = await commentId(r().comment(alec.viewer, id, null, say('Root')));
    const child = await commentId(r().reply(magnus.viewer, root, say('Child')));
    expect(await r().setFrozen(alec.viewer, root, true)).toMatchObject({ ok: false, refused: expect.any(String) });
    expect((await r().setFrozen(author.viewer, root, true)).ok).toBe(true);
    expect(await r().reply(magnus.viewer, root, say('More'))).toMatchObject({ ok: false, refused: expect.stringContaining('frozen') });
    expect(await r().reply(alec.viewer, child, say('Deeper'))).toMatchObject({ ok: false, refused: expect.stringContaining('frozen') });
    expect((await r().setFrozen(author.viewer, root, false)).ok).toBe(true);
    expect((await r().reply(alec.viewer, child, say('Deeper'))).ok).toBe(true);
    expect((await r().remove(author.viewer, child)).ok).toBe(true);
    expect((await workRow(archive, id)).comments_count).toBe(2);
  });

  it('follows the creator’s choice of who may comment', async () => {
    const id = await postWork(archive, author);
    expect((await r().updateSettings(alec.viewer, id, { comment_permission: 'none', moderate_comments: false }))).toMatchObject({ ok: false, refused: expect.any(String) });
    expect((await r().updateSettings(author.viewer, id, { comment_permission: 'users', moderate_comments: false })).ok).toBe(true);
    expect(await r().comment(GUEST, id, null, asGuest('Hello'))).toMatchObject({ ok: false, refused: expect.stringContaining('signed-in') });
    expect((await r().comment(alec.viewer, id, null, say('Hello'))).ok).toBe(true);
    expect((await r().updateSettings(author.viewer, id, { comment_permission: 'none', moderate_comments: false })).ok).toBe(true);
    expect(await r().comment(alec.viewer, id, null, say('Again'))).toMatchObject({ ok: false, refused: expect.stringContaining('turned off') });
    expect(await count(archive, 'comments', id)).toBe(1);
  });

  it('holds comments for approval: seen by the creator and the commenter only, counted once approved', async () => {
    const id = await postWork(archive, author);
    await r().updateSettings(author.viewer, id, { comment_permission: 'everyone', moderate_comments: true });
    const held = await r().comment(alec.viewer, id, null, say('Waiting'));
    expect(held).toMatchObject({ ok: true, value: { held: true } });
    const cid = (held as { value: { id: number } }).value.id;
    expect(await threadsOf(GUEST, id)).toEqual([]);
    expect(await threadsOf(magnus.viewer, id)).toEqual([]);
    expect(await threadsOf(alec.viewer, id)).toHaveLength(1);
    expect(await threadsOf(author.viewer, id)).toHaveLength(1);
    expect(await r().reply(magnus.viewer, cid, say('sneaky'))).toEqual({ ok: false, denied: 'not-found' });
    expect((await workRow(archive, id)).comments_count).toBe(0);
    expect(await r().approve(alec.viewer, cid)).toMatchObject({ ok: false, refused: expect.any(String) });
    expect((await r().approve(author.viewer, cid)).ok).toBe(true);
    expect(await threadsOf(GUEST, id)).toHaveLength(1);
    expect((await workRow(archive, id)).comments_count).toBe(1);
    // The creator's own comments are never held.
    expect(await r().comment(author.viewer, id, null, say('Thanks'))).toMatchObject({ ok: true, value: { held: false } });
  });

  it('keeps comments on a chapter with that chapter', async () => {
    const id = await postWork(archive, author);
    const chapter = await archive.services.posting.addChapter(author.viewer, id, { chapter_title: 'Two', text_format: 'plain', text: 'More of the story.' }, 'post');
    if (!chapter.ok || 'denied' in chapter) throw new Error('no chapter');
    await commentId(r().comment(alec.viewer, id, chapter.value, say('On two')));
    await commentId(r().comment(alec.viewer, id, null, say('On the work')));
    expect((await r().section(GUEST, id, { kind: 'chapter', chapterId: chapter.value }))!.threads).toHaveLength(1);
    expect(await threadsOf(GUEST, id)).toHaveLength(2);
    expect(await r().comment(alec.viewer, id, 999_999, say('Nowhere'))).toEqual({ ok: false, denied: 'not-found' });
  });

  it('lets no guest comment on a restricted work', async () => {
    const id = await postWork(archive, author, { restricted: 'on' });
    expect(await r().comment(GUEST, id, null, asGuest('Hi'))).toEqual({ ok: false, denied: 'not-found' });
    expect(await r().section(GUEST, id, { kind: 'all' })).toBeNull();
    expect(await count(archive, 'comments', id)).toBe(0);
  });
});

describe('inbox', () => {
  it('brings comments on my works and replies to my comments, unread first, and marks them read', async () => {
    const author = await user(archive, 'inboxauthor');
    const alec = await user(archive, 'inboxreader');
    const id = await postWork(archive, author, { title: 'Inbox work' });
    const first = await r().comment(alec.viewer, id, null, say('Lovely'));
    expect(first.ok && first.value.notice?.to.map((u) => u.login)).toEqual(['inboxauthor']);
    const c1 = await commentId(Promise.resolve(first));
    const c2 = await commentId(r().comment(GUEST, id, null, asGuest('Me too')));
    const answer = await commentId(r().reply(author.viewer, c1, say('Thank you!')));
    const mine = await r().inbox(author.viewer);
    expect(mine.items.map((i) => i.comment.id)).toEqual([c2, c1]);
    expect(mine.unread).toBe(2);
    expect(await r().unreadCount(author.viewer)).toBe(2);
    const alecs = await r().inbox(alec.viewer);
    expect(alecs.items.map((i) => [i.comment.id, i.workTitle])).toEqual([[answer, 'Inbox work']]);
    await r().markRead(author.viewer, [c2]);
    const later = await r().inbox(author.viewer);
    expect(later.items.map((i) => [i.comment.id, i.read])).toEqual([[c1, false], [c2, true]]);
    await r().markRead(author.viewer, 'all');
    expect((await r().inbox(author.viewer)).unread).toBe(0);
    expect(await r().unreadCount(author.viewer)).toBe(0);
  });

  it('shows nothing about a work the reader may no longer read', async () => {
    const magnus = await user(archive, 'formerreader');
    const id = await postWork(archive, author);
    const c1 = await commentId(r().comment(magnus.viewer, id, null, say('Hi')));
    await commentId(r().reply(author.viewer, c1, say('Hello back')));
    expect((await r().inbox(magnus.viewer)).items).toHaveLength(1);
    expect(await r().unreadCount(magnus.viewer)).toBe(1);
    // As if the work were taken back to a draft.
    await archive.services.database.db.updateTable('works').set({ status: 'draft' }).where('id', '=', id).execute();
    expect((await r().inbox(magnus.viewer)).items).toEqual([]);
    expect(await r().unreadCount(magnus.viewer)).toBe(0);
  });
});

describe('blocking and muting', () => {
  it('stops a blocked user commenting on my works and replying to my comments, storing nothing', async () => {
    const troll = await user(archive, 'troll');
    const id = await postWork(archive, author);
    const elsewhere = await postWork(archive, magnus);
    const mine = await commentId(r().comment(alec.viewer, elsewhere, null, say('My comment')));
    await r().relate(author.viewer, 'blocks', troll.viewer, true);
    await r().relate(alec.viewer, 'blocks', troll.viewer, true);
    const before = await count(archive, 'comments');
    expect(await r().comment(troll.viewer, id, null, say('Hey'))).toMatchObject({ ok: false, refused: expect.stringContaining('blocked') });
    expect(await r().reply(troll.viewer, mine, say('Hey'))).toMatchObject({ ok: false, refused: expect.stringContaining('blocked') });
    expect(await count(archive, 'comments')).toBe(before);
    // Elsewhere they may still comment; unblocked, they may comment again.
    expect((await r().comment(troll.viewer, elsewhere, null, say('Fine'))).ok).toBe(true);
    await r().relate(author.viewer, 'blocks', troll.viewer, false);
    expect((await r().comment(troll.viewer, id, null, say('Sorry'))).ok).toBe(true);
    expect(await r().relate(author.viewer, 'blocks', author.viewer, true)).toMatchObject({ ok: false, refused: expect.any(String) });
  });

  it('hides a muted user’s works from every listing and total, and their comments from threads and the inbox', async () => {
    const noisy = await user(archive, 'noisy');
    const reader = await user(archive, 'quietreader');
    const theirs = await postWork(archive, noisy, { title: 'Noisy work' });
    const readersWork = await postWork(archive, reader, { title: 'Reader work' });
    const cid = await commentId(r().comment(noisy.viewer, readersWork, null, say('Loud')));
    await commentId(r().reply(alec.viewer, cid, say('Reply to loud')));
    const list = async () => archive.services.reading.list(reader.viewer, { scope: { kind: 'all' }, page: 1, facets: true });
    const before = await list();
    expect(before.works.map((w) => w.id)).toContain(theirs);
    await r().relate(reader.viewer, 'mutes', noisy.viewer, true);
    const after = await list();
    expect(after.works.map((w) => w.id)).not.toContain(theirs);
    expect(after.total).toBe(before.total - 1);
    expect((await archive.services.reading.list(reader.viewer, { scope: { kind: 'user', userId: noisy.viewer.id }, page: 1 })).total).toBe(0);
    const searchFor = async (viewer: User) => {
      const found = await archive.services.search.search(viewer, 'Noisy', { filter: { include: [], exclude: [], ratings: [] }, sort: 'best_match', page: 1, savedExclusions: true });
      if (!found.ok) throw new Error(found.message);
      return found.listing;
    };
    expect((await searchFor(reader.viewer)).total).toBe(0);
    expect((await searchFor(alec.viewer)).works.map((w) => w.id)).toContain(theirs);
    // Others still see it.
    expect((await archive.services.reading.list(alec.viewer, { scope: { kind: 'all' }, page: 1 })).works.map((w) => w.id)).toContain(theirs);
    const [top] = await threadsOf(reader.viewer, readersWork);
    expect(top).toMatchObject({ kind: 'placeholder', reason: 'muted' });
    // No email about them either.
    const again = await r().comment(noisy.viewer, readersWork, null, say('Louder'));
    expect(again.ok && again.value.notice).toBeNull();
    expect((await r().inbox(reader.viewer)).items.map((i) => i.comment.body)).toEqual(['<p>Reply to loud</p>']);
    expect(await r().unreadCount(reader.viewer)).toBe(1);
  });
});

describe('deleting a work', () => {
  it('deletes its kudos, comments, hits and inbox items with it', async () => {
    const id = await postWork(archive, author);
    await r().leaveKudos(alec.viewer, id, '1.2.3.4');
    await commentId(r().comment(alec.viewer, id, null, say('Bye')));
    archive.services.hits.record(id, { kind: 'user', id: alec.viewer.id });
    await archive.services.hits.flush();
    const inboxBefore = await count(archive, 'inbox_items');
    expect((await archive.services.posting.deleteWork(author.viewer, id)).ok).toBe(true);
    for (const t of ['kudos', 'comments', 'work_hits'] as const) expect(await count(archive, t, id)).toBe(0);
    expect(await count(archive, 'inbox_items')).toBe(inboxBefore - 1);
  });
});
