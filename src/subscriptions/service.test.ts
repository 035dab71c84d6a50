import { describe, expect, it } from 'vitest';
import { GUEST } from '../policy/viewer.js';
import { useResponsesArchive } from '../series/responsesTestKit.js';

/** The subscriptions service's rules, called directly. */
const kit = useResponsesArchive('sv');
const { ctx, db, postWork, addChapter, viewerOf } = kit;
const subs = () => ctx.archive.services.subscriptions;

describe('subscriptions service', () => {
  it('tells no one about a draft, a draft chapter, or a work that is gone', async () => {
    const reader = await viewerOf('reader');
    const w = await postWork();
    await subs().subscribe(reader, { kind: 'work', id: w });
    const draftChapter = await addChapter(w, 'draft');
    expect(await subs().afterPost({ kind: 'chapter', workId: w, chapterId: draftChapter })).toBe(0);
    const draft = await postWork({ action: 'draft' });
    expect(await subs().afterPost({ kind: 'work', workId: draft })).toBe(0);
    expect(await subs().afterPost({ kind: 'work', workId: 999999 })).toBe(0);
    const posted = await addChapter(w, 'post');
    // Posting already told the reader once; asked again, it tells them again (one row each time).
    expect(await subs().afterPost({ kind: 'chapter', workId: w, chapterId: posted })).toBe(1);
  });

  it('keeps lists and inboxes to their owners', async () => {
    const reader = await viewerOf('reader');
    const writer = await viewerOf('writer');
    expect(await subs().list(writer, reader.kind === 'user' ? reader.id : 0)).toBeNull();
    expect(await subs().list(GUEST, reader.kind === 'user' ? reader.id : 0)).toBeNull();
    expect(await subs().updates(GUEST)).toBeNull();
    expect(await subs().subscribe(GUEST, { kind: 'user', id: writer.kind === 'user' ? writer.id : 0 })).toEqual({ ok: false, denied: 'not-found' });
    // Marking "all" read touches only the one asking.
    const before = await subs().unreadCount(reader);
    expect(before).toBeGreaterThan(0);
    await subs().markRead(writer, 'all');
    expect(await subs().unreadCount(reader)).toBe(before);
  });

  it('shows a subscription to a work no longer readable without its title', async () => {
    const reader = await viewerOf('reader');
    const w = await postWork({ title: 'Soon a Draft Again' });
    await subs().subscribe(reader, { kind: 'work', id: w });
    await db().updateTable('works').set({ status: 'draft' }).where('id', '=', w).execute();
    const list = (await subs().list(reader, reader.kind === 'user' ? reader.id : 0))!;
    expect(list.find((s) => s.kind === 'work' && s.href === null)).toBeTruthy();
    expect(list.some((s) => s.label === 'Soon a Draft Again')).toBe(false);
  });
});
