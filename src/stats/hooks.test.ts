import { describe, expect, it } from 'vitest';
import { useResponsesArchive } from '../series/responsesTestKit.js';
import { totalsByWork } from './store.js';
import { GUEST } from '../policy/viewer.js';

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

  it('counts kudos, visible comments and hits, and takes a deleted comment back', async () => {
    const reader = await viewerOf('reader');
    const w = await postWork();
    const { responses, hits } = ctx.archive.services;
    expect((await responses.leaveKudos(reader, w, '192.0.2.1')).ok).toBe(true);
    expect((await responses.leaveKudos(GUEST, w, '192.0.2.2')).ok).toBe(true);
    await responses.leaveKudos(reader, w, '192.0.2.1');
    const posted = await responses.comment(reader, w, null, { body: 'The key in the cat bed!' });
    await responses.comment(reader, w, null, { body: 'And the letter.' });
    hits.record(w, { kind: 'guest', address: '192.0.2.3' });
    hits.record(w, { kind: 'guest', address: '192.0.2.3' });
    hits.record(w, { kind: 'guest', address: '192.0.2.4' });
    await hits.flush();
    expect(await counts(w)).toMatchObject({ kudos: 2, comments: 2, hits: 2 });
    if (posted.ok) await responses.remove(reader, posted.value.id);
    expect((await counts(w))?.comments).toBe(1);
  });

  it('shows the counts on the work’s blurb in listings', async () => {
    const reader = await viewerOf('reader');
    const w = await postWork();
    await ctx.archive.services.responses.leaveKudos(reader, w, '192.0.2.9');
    await ctx.archive.services.responses.comment(reader, w, null, { body: 'Counted.' });
    const html = await ctx.guest.page('/works');
    const blurb = html.slice(html.indexOf(`href="/works/${w}"`));
    expect(blurb.slice(0, blurb.indexOf('</dl>'))).toMatch(/<dt>Comments:<\/dt><dd>1<\/dd><dt>Kudos:<\/dt><dd>1<\/dd>/);
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
