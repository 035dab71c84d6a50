import { describe, expect, it } from 'vitest';
import { useResponsesArchive } from '../series/responsesTestKit.js';

const kit = useResponsesArchive('bm');
const { ctx, db, postWork, version } = kit;

const bookmarksOf = async (workId: number) => db().selectFrom('bookmarks').selectAll().where('work_id', '=', workId).execute();
const count = async (workId: number) => (await db().selectFrom('works').select('bookmarks_count').where('id', '=', workId).executeTakeFirstOrThrow()).bookmarks_count;
const lastChange = async () => (await db().selectFrom('work_changes').select(['id', 'work_id']).orderBy('id', 'desc').executeTakeFirstOrThrow());
const bookmark = (who: 'reader' | 'writer', workId: number, fields: Record<string, string> = {}) =>
  ctx[who].post(`/works/${workId}/bookmarks`, { notes: '', tags: '', ...fields });

describe('bookmarking a work', () => {
  it('sends guests to sign in and stores nothing', async () => {
    const w = await postWork();
    const res = await ctx.guest.post(`/works/${w}/bookmarks`, { notes: 'x' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/login/);
    expect((await ctx.guest.get(`/works/${w}/bookmarks/new`)).headers.get('location')).toBe(`/login?return_to=${encodeURIComponent(`/works/${w}/bookmarks/new`)}`);
    expect(await bookmarksOf(w)).toEqual([]);
  });

  it('stores sanitized notes, the reader’s own tags and rec; counts it on the work in the same write', async () => {
    const w = await postWork();
    const v = await version(w);
    const res = await bookmark('reader', w, { notes: 'So <b>good</b><script>alert(1)</script>', tags: 'comfort read,  Letters , comfort READ', rec: 'on' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/works/${w}`);
    const [row] = await bookmarksOf(w);
    expect(row).toMatchObject({ notes: '<p>So <b>good</b></p>', rec: 1, private: 0, target_kind: 'work' });
    const tags = await db().selectFrom('bookmark_tags').select('name').where('bookmark_id', '=', row!.id).orderBy('position').execute();
    expect(tags.map((t) => t.name)).toEqual(['comfort read', 'Letters']);
    expect(await count(w)).toBe(1);
    expect(await version(w)).toBeGreaterThan(v);
    expect((await lastChange()).work_id).toBe(w);
    // The guest's page shows the new count: its version moved on.
    expect(await ctx.guest.page(`/works/${w}`)).toContain(`<a href="/works/${w}/bookmarks">1</a>`);
  });

  it('keeps one bookmark per reader: saving again updates it, and private ones are not counted', async () => {
    const w = await postWork();
    await bookmark('reader', w, { notes: 'first' });
    expect((await bookmark('reader', w, { notes: 'second', private: 'on' })).status).toBe(303);
    const rows = await bookmarksOf(w);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ notes: '<p>second</p>', private: 1 });
    expect(await count(w)).toBe(0);
    await bookmark('writer', w, { notes: 'my own' });
    expect(await count(w)).toBe(1);
  });

  it('says what is wrong with overlong notes and keeps what was typed', async () => {
    const w = await postWork();
    const res = await bookmark('reader', w, { notes: 'x'.repeat(5001), tags: 'kept tag' });
    expect(res.status).toBe(422);
    expect(ctx.reader.lastHtml).toContain('Notes must be at most 5,000 characters.');
    expect(ctx.reader.lastHtml).toContain('value="kept tag"');
    expect(await bookmarksOf(w)).toEqual([]);
  });

  it('is a 404 for works the reader may not read', async () => {
    const draft = await postWork({ action: 'draft', title: 'Secret Draft' });
    expect((await bookmark('reader', draft)).status).toBe(404);
    expect((await ctx.reader.get(`/works/${draft}/bookmarks/new`)).status).toBe(404);
    expect(ctx.reader.lastHtml).not.toContain('Secret Draft');
    expect((await bookmark('reader', 999999)).status).toBe(404);
    expect(await bookmarksOf(draft)).toEqual([]);
  });

  it('deletes only the owner’s bookmark, and the count follows', async () => {
    const w = await postWork();
    await bookmark('reader', w);
    const [row] = await bookmarksOf(w);
    expect((await ctx.writer.post(`/bookmarks/${row!.id}/delete`)).status).toBe(404);
    expect((await ctx.guest.post(`/bookmarks/${row!.id}/delete`)).status).toBe(302);
    expect(await count(w)).toBe(1);
    expect((await ctx.reader.post(`/bookmarks/${row!.id}/delete`)).status).toBe(303);
    expect(await bookmarksOf(w)).toEqual([]);
    expect(await count(w)).toBe(0);
  });

  it('listings sorted by bookmarks follow the count', async () => {
    const w = await postWork({ title: 'Most Bookmarked Letter', fandoms: 'Bookmark Sort Fandom' });
    await postWork({ title: 'Unbookmarked Letter', fandoms: 'Bookmark Sort Fandom' });
    await bookmark('reader', w);
    const html = await ctx.guest.page('/tags/Bookmark%20Sort%20Fandom/works?sort=bookmarks_count');
    expect(html.indexOf('Most Bookmarked Letter')).toBeGreaterThan(0);
    expect(html.indexOf('Most Bookmarked Letter')).toBeLessThan(html.indexOf('Unbookmarked Letter'));
  });
});

describe('who sees bookmarks', () => {
  it('lists a work’s public bookmarks, never private ones; 404 where the work is hidden', async () => {
    const w = await postWork();
    await bookmark('reader', w, { notes: 'Public note', tags: 'shown tag' });
    await bookmark('writer', w, { notes: 'Private note', private: 'on' });
    const html = await ctx.guest.page(`/works/${w}/bookmarks`);
    expect(html).toContain('Public note');
    expect(html).toContain('shown tag');
    expect(html).not.toContain('Private note');
    const locked = await postWork({ restricted: 'on', title: 'Locked Bookmarked' });
    await bookmark('reader', locked, { notes: 'locked note' });
    expect((await ctx.guest.get(`/works/${locked}/bookmarks`)).status).toBe(404);
    expect(ctx.guest.lastHtml).not.toContain('locked note');
    expect(await ctx.reader.page(`/works/${locked}/bookmarks`)).toContain('locked note');
    expect((await ctx.guest.get(`/works/${w}/bookmarks?page=x`)).status).toBe(400);
  });

  it('shows private bookmarks on a user’s page to the owner alone, and never titles of works a viewer may not read', async () => {
    const open = await postWork({ title: 'Openly Bookmarked' });
    const hidden = await postWork({ title: 'Privately Bookmarked' });
    const locked = await postWork({ title: 'Restricted Bookmarked', restricted: 'on' });
    const doomed = await postWork({ title: 'Deleted Bookmarked' });
    await bookmark('reader', open, { notes: 'open note' });
    await bookmark('reader', hidden, { private: 'on', notes: 'hidden note' });
    await bookmark('reader', locked, { notes: 'locked note' });
    await bookmark('reader', doomed, { notes: 'doomed note' });
    expect((await ctx.writer.post(`/works/${doomed}/delete`)).status).toBe(303);
    const path = `/users/${kit.login('reader')}/bookmarks`;

    const guest = await ctx.guest.page(path);
    expect(guest).toContain('Openly Bookmarked');
    for (const hiddenText of ['Privately Bookmarked', 'hidden note', 'Restricted Bookmarked', 'Deleted Bookmarked', 'doomed note']) expect(guest).not.toContain(hiddenText);

    const other = await ctx.writer.page(path);
    expect(other).toContain('Restricted Bookmarked');
    expect(other).not.toContain('Privately Bookmarked');
    expect(other).not.toContain('doomed note');

    const own = await ctx.reader.page(path);
    expect(own).toContain('Privately Bookmarked');
    expect(own).toContain('This has been deleted, sorry!');
    expect(own).toContain('doomed note');
    expect(own).not.toContain('Deleted Bookmarked');
    const kept = await db().selectFrom('bookmarks').select(['work_id', 'notes']).where('notes', '=', '<p>doomed note</p>').executeTakeFirstOrThrow();
    expect(kept.work_id).toBeNull();
  });

  it('filters a user’s bookmarks by the works’ tags, rating, completion and words, and by the bookmarker’s tags and recs', async () => {
    const w1 = await postWork({ title: 'Filter One', fandoms: 'Filter Fandom', rating: 'Explicit', expected_chapters: '1' });
    const w2 = await postWork({ title: 'Filter Two', fandoms: 'Other Filter Fandom', rating: 'General Audiences' });
    await bookmark('writer', w1, { tags: 'favourites', rec: 'on' });
    await bookmark('writer', w2, { tags: 'later' });
    const path = `/users/${kit.login('writer')}/bookmarks`;
    const tagId = async (name: string) => (await db().selectFrom('tags').select('id').where('name_key', '=', name.toLowerCase()).executeTakeFirstOrThrow()).id;
    const titles = async (query: string) => {
      const html = await ctx.guest.page(`${path}?${query}`);
      return ['Filter One', 'Filter Two'].filter((t) => html.includes(t));
    };
    expect(await titles('')).toEqual(['Filter One', 'Filter Two']);
    expect(await titles(`include=${await tagId('Filter Fandom')}`)).toEqual(['Filter One']);
    expect(await titles(`exclude=${await tagId('Filter Fandom')}`)).toEqual(['Filter Two']);
    expect(await titles(`rating=${await tagId('General Audiences')}`)).toEqual(['Filter Two']);
    expect(await titles('complete=complete')).toEqual(['Filter One']);
    expect(await titles('words_from=1000')).toEqual([]);
    expect(await titles('tags=Favourites')).toEqual(['Filter One']);
    expect(await titles('rec=1')).toEqual(['Filter One']);
    // Date bookmarked (newest first) is the default; date updated sorts by the works.
    const byBookmark = await ctx.guest.page(path);
    expect(byBookmark.indexOf('Filter Two')).toBeLessThan(byBookmark.indexOf('Filter One'));
    await db().updateTable('works').set({ revised_at: '2099-01-01T00:00:00.000Z' }).where('id', '=', w1).execute();
    await ctx.archive.services.index.workChanged(db(), w1);
    await ctx.archive.services.index.sync();
    const byUpdate = await ctx.guest.page(`${path}?sort=revised_at`);
    expect(byUpdate.indexOf('Filter One')).toBeLessThan(byUpdate.indexOf('Filter Two'));
    expect((await ctx.guest.get(`${path}?sort=kudos_count`)).status).toBe(400);
    expect((await ctx.guest.get(`${path}?words_from=lots`)).status).toBe(400);
    expect((await ctx.guest.get(`${path}?include_names=No%20Such%20Tag`)).status).toBe(400);
    expect((await ctx.guest.get('/users/nobody-here/bookmarks')).status).toBe(404);
  });

  it('hides the title of a bookmarked work that went back to draft, even from the bookmarker', async () => {
    const w = await postWork({ title: 'Unposted Again' });
    await bookmark('reader', w, { notes: 'before it vanished' });
    await db().updateTable('works').set({ status: 'draft' }).where('id', '=', w).execute();
    await ctx.archive.services.index.workChanged(db(), w);
    await ctx.archive.services.index.sync();
    const own = await ctx.reader.page(`/users/${kit.login('reader')}/bookmarks`);
    expect(own).toContain('before it vanished');
    expect(own).not.toContain('Unposted Again');
    expect(await ctx.guest.page(`/users/${kit.login('reader')}/bookmarks`)).not.toContain('before it vanished');
    expect((await ctx.reader.get(`/works/${w}/bookmarks`)).status).toBe(404);
  });
});

describe('bookmarking a series', () => {
  it('bookmarks a visible series and lists it; 404 for a series the reader cannot see', async () => {
    const res = await ctx.writer.post('/series', { title: 'Bookmarked Series' });
    const seriesId = Number(/\/series\/(\d+)/.exec(res.headers.get('location')!)![1]);
    expect((await ctx.reader.post(`/series/${seriesId}/bookmarks`, { notes: 'n' })).status).toBe(404);
    const w = await postWork();
    await ctx.writer.post(`/series/${seriesId}/parts`, { work_id: String(w) });
    expect((await ctx.guest.post(`/series/${seriesId}/bookmarks`, { notes: 'n' })).status).toBe(302);
    expect((await ctx.reader.post(`/series/${seriesId}/bookmarks`, { notes: 'Series note', tags: 'series tag' })).status).toBe(303);
    expect(await ctx.guest.page(`/users/${kit.login('reader')}/bookmarks`)).toContain('Bookmarked Series');
    expect(await ctx.guest.page(`/series/${seriesId}/bookmarks`)).toContain('Series note');
    expect(await ctx.guest.page(`/series/${seriesId}`)).toContain(`<a href="/series/${seriesId}/bookmarks">1</a>`);
    expect(await ctx.reader.page(`/series/${seriesId}`)).toContain('Edit Bookmark');
  });
});
