import { describe, expect, it } from 'vitest';
import { useResponsesArchive } from './responsesTestKit.js';

/** Every write route of series, bookmarks and subscriptions, as a guest, and the reader/creator split of the work page. */
const kit = useResponsesArchive('wr');
const { ctx, db, postWork } = kit;

const counts = async () => Promise.all((['series', 'series_parts', 'bookmarks', 'subscriptions', 'notifications'] as const)
  .map(async (t) => Number((await db().selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)));

describe('write routes', () => {
  it('send guests to sign in and change nothing', async () => {
    const w = await postWork();
    const seriesId = Number(/\/series\/(\d+)/.exec((await ctx.writer.post('/series', { title: 'Guarded' })).headers.get('location')!)![1]);
    await ctx.writer.post(`/series/${seriesId}/parts`, { work_id: String(w) });
    await ctx.reader.post(`/works/${w}/bookmarks`, { notes: 'n' });
    await ctx.reader.post('/subscriptions', { kind: 'work', id: String(w) });
    const bookmarkId = (await db().selectFrom('bookmarks').select('id').executeTakeFirstOrThrow()).id;
    const subscriptionId = (await db().selectFrom('subscriptions').select('id').executeTakeFirstOrThrow()).id;
    const before = await counts();
    const routes: [string, Record<string, string>][] = [
      ['/series', { title: 'x' }], [`/series/${seriesId}`, { title: 'x' }], [`/series/${seriesId}/delete`, {}],
      [`/series/${seriesId}/parts`, { work_id: String(w) }], [`/series/${seriesId}/parts/${w}/delete`, {}],
      [`/series/${seriesId}/parts/${w}/move`, { direction: 'down' }],
      [`/works/${w}/bookmarks`, { notes: 'x' }], [`/series/${seriesId}/bookmarks`, { notes: 'x' }], [`/bookmarks/${bookmarkId}/delete`, {}],
      ['/subscriptions', { kind: 'work', id: String(w) }], [`/subscriptions/${subscriptionId}/delete`, {}], ['/inbox/updates/read', { all: '1' }],
    ];
    for (const [path, fields] of routes) {
      const res = await ctx.guest.post(path, fields);
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location'), path).toMatch(/^\/login\?return_to=/);
    }
    expect(await counts()).toEqual(before);
    expect((await db().selectFrom('series').select('title').where('id', '=', seriesId).executeTakeFirstOrThrow()).title).toBe('Guarded');
  });

  it('refuse a form without its CSRF token', async () => {
    const w = await postWork();
    const res = await ctx.reader.post(`/works/${w}/bookmarks`, { notes: 'forged' }, { csrf: null });
    expect(res.status).toBe(403);
    expect(await db().selectFrom('bookmarks').select('id').where('work_id', '=', w).execute()).toEqual([]);
  });
});

describe('the work page', () => {
  it('keeps each reader’s own bookmark and buttons out of the page other readers and guests get', async () => {
    const w = await postWork({ title: 'Shared Page' });
    await ctx.reader.post(`/works/${w}/bookmarks`, { notes: 'Only mine to see', private: 'on' });
    const readerPage = await ctx.reader.page(`/works/${w}`);
    expect(readerPage).toContain('Only mine to see');
    expect(readerPage).toContain('Edit Bookmark');
    expect(readerPage).toContain('Subscribe');
    const guestPage = await ctx.guest.page(`/works/${w}`);
    expect(guestPage).not.toContain('Only mine to see');
    expect(guestPage).not.toContain(`action="/works/${w}/bookmarks"`);
    expect(guestPage).not.toContain('Subscribe');
    expect(guestPage).toContain('Bookmarks: 0');
    const writerPage = await ctx.writer.page(`/works/${w}`);
    expect(writerPage).not.toContain('Only mine to see');
    expect(writerPage).toContain('Add to Series');
    expect(readerPage).not.toContain('Add to Series');
  });

  it('offers subscribing on a creator’s page and a series page, to signed-in readers only', async () => {
    const writerPath = `/users/${kit.login('writer')}`;
    expect(await ctx.reader.page(writerPath)).toContain('name="kind" value="user"');
    expect(await ctx.guest.page(writerPath)).not.toContain('name="kind" value="user"');
    const own = await ctx.writer.page(writerPath);
    expect(own).not.toContain('name="kind" value="user"');
    expect(own).toContain(`href="${writerPath}/subscriptions"`);
    const seriesId = Number(/\/series\/(\d+)/.exec((await ctx.writer.post('/series', { title: 'Followable' })).headers.get('location')!)![1]);
    await ctx.writer.post(`/series/${seriesId}/parts`, { work_id: String(await postWork()) });
    expect(await ctx.reader.page(`/series/${seriesId}`)).toContain('name="kind" value="series"');
    expect(await ctx.guest.page(`/series/${seriesId}`)).not.toContain('name="kind" value="series"');
  });
});
