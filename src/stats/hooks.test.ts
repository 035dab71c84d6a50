import { describe, expect, it } from 'vitest';
import { useResponsesArchive } from '../series/responsesTestKit.js';
import { totalsByWork } from './store.js';

/** Each response a writer counts lands in the day's stats in the transaction that makes it. */
const kit = useResponsesArchive('sh');
const { ctx, db, postWork, viewerOf } = kit;
const counts = async (workId: number) => (await totalsByWork(db(), [workId], { from: null, to: '9999-12-31' })).get(workId);

describe('stats follow responses', () => {
  it('counts public bookmarks, and takes one back when it is deleted or made private', async () => {
    const reader = await viewerOf('reader');
    const w = await postWork();
    const { bookmarks } = ctx.archive.services;
    const saved = await bookmarks.save(reader, { kind: 'work', id: w }, { notes: '', tags: '' });
    expect(saved.ok).toBe(true);
    expect((await counts(w))?.bookmarks).toBe(1);
    await bookmarks.save(reader, { kind: 'work', id: w }, { notes: '', tags: '', private: 'on' });
    expect((await counts(w))?.bookmarks).toBe(0);
    await bookmarks.save(reader, { kind: 'work', id: w }, { notes: 'Again', tags: '' });
    expect((await counts(w))?.bookmarks).toBe(1);
    if (saved.ok) await bookmarks.remove(reader, saved.value);
    expect((await counts(w))?.bookmarks).toBe(0);
  });

  it('counts subscriptions to a work once each, and unsubscribing takes one back', async () => {
    const reader = await viewerOf('reader');
    const w = await postWork();
    const { subscriptions } = ctx.archive.services;
    await subscriptions.subscribe(reader, { kind: 'work', id: w });
    await subscriptions.subscribe(reader, { kind: 'work', id: w });
    expect((await counts(w))?.subscriptions).toBe(1);
    const id = await subscriptions.current(reader, { kind: 'work', id: w });
    await subscriptions.unsubscribe(reader, id!);
    expect((await counts(w))?.subscriptions).toBe(0);
  });
});
