import { describe, expect, it } from 'vitest';
import { workFields } from '../testing/testApp.js';
import { useResponsesArchive } from './responsesTestKit.js';

const kit = useResponsesArchive('se');
const { ctx, db, postWork, version } = kit;

async function createSeries(fields: Record<string, string> = {}) {
  const res = await ctx.writer.post('/series', { title: 'Letters Home', summary: 'Three letters.', ...fields });
  expect(res.status, ctx.writer.lastHtml.slice(0, 800)).toBe(303);
  return Number(/\/series\/(\d+)/.exec(res.headers.get('location')!)![1]);
}
const addPart = (seriesId: number, workId: number) => ctx.writer.post(`/series/${seriesId}/parts`, { work_id: String(workId) });
const partOrder = async (seriesId: number) =>
  (await db().selectFrom('series_parts').select('work_id').where('series_id', '=', seriesId).orderBy('position').execute()).map((r) => r.work_id);

describe('making a series', () => {
  it('sends guests to sign in and stores nothing', async () => {
    const before = await db().selectFrom('series').select('id').execute();
    const res = await ctx.guest.post('/series', { title: 'Nope' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/login\?return_to=/);
    expect((await ctx.guest.get('/series/new')).headers.get('location')).toBe('/login?return_to=%2Fseries%2Fnew');
    expect(await db().selectFrom('series').select('id').execute()).toEqual(before);
  });

  it('creates a series with sanitized description and notes', async () => {
    const id = await createSeries({ summary: '<p onclick="x()">Three <script>alert(1)</script><em>letters</em></p>', notes: 'Read in order.', complete: 'on' });
    const row = await db().selectFrom('series').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.summary).toBe('<p>Three <em>letters</em></p>');
    expect(row.notes).toBe('<p>Read in order.</p>');
    expect(row.complete).toBe(1);
    expect(row.user_id).toBe((await ctx.archive.services.accounts.findUser(kit.login('writer')))!.id);
  });

  it('says what is wrong with a blank or overlong title', async () => {
    const res = await ctx.writer.post('/series', { title: '   ' });
    expect(res.status).toBe(422);
    expect(ctx.writer.lastHtml).toContain('Title must not be blank.');
    expect((await ctx.writer.post('/series', { title: 'x'.repeat(241) })).status).toBe(422);
    expect(ctx.writer.lastHtml).toContain('at most 240 characters');
  });
});

describe('parts of a series', () => {
  it('adds the creator’s works in order and shows “Part 2 of” with neighbours', async () => {
    const seriesId = await createSeries();
    const [a, b, c] = [await postWork({ title: 'First Letter' }), await postWork({ title: 'Second Letter' }), await postWork({ title: 'Third Letter' })];
    for (const w of [a, b, c]) expect((await addPart(seriesId, w)).status).toBe(303);
    expect(await partOrder(seriesId)).toEqual([a, b, c]);
    const page = await ctx.guest.page(`/works/${b}`);
    expect(page).toMatch(new RegExp(`Part 2 of <a href="/series/${seriesId}">Letters Home</a>`));
    expect(page).toContain(`href="/works/${a}" rel="prev"`);
    expect(page).toContain(`href="/works/${c}" rel="next"`);
    const seriesPage = await ctx.guest.page(`/series/${seriesId}`);
    expect(seriesPage.indexOf('First Letter')).toBeLessThan(seriesPage.indexOf('Second Letter'));
    expect(seriesPage).toContain('Works:</dt><dd>3');
  });

  it('refuses to add a work twice, or someone else’s work, or to someone else’s series', async () => {
    const seriesId = await createSeries();
    const own = await postWork();
    await addPart(seriesId, own);
    expect((await addPart(seriesId, own)).status).toBe(422);
    expect(ctx.writer.lastHtml).toContain('already in this series');
    const readerSeries = Number(/\/series\/(\d+)/.exec((await ctx.reader.post('/series', { title: 'Mine' })).headers.get('location')!)![1]);
    expect((await ctx.reader.post(`/series/${readerSeries}/parts`, { work_id: String(own) })).status).toBe(422);
    expect(ctx.reader.lastHtml).toContain('You can only add works you created.');
    expect((await ctx.reader.post(`/series/${seriesId}/parts`, { work_id: String(own) })).status).toBe(403);
    expect((await ctx.writer.post(`/series/${seriesId}/parts`, { work_id: 'abc' })).status).toBe(422);
    expect(await partOrder(seriesId)).toEqual([own]);
    expect(await partOrder(readerSeries)).toEqual([]);
  });

  it('moves, removes and renumbers parts, bumping every part’s version', async () => {
    const seriesId = await createSeries();
    const [a, b, c] = [await postWork(), await postWork(), await postWork()];
    for (const w of [a, b, c]) await addPart(seriesId, w);
    const before = await Promise.all([a, b, c].map(version));
    expect((await ctx.writer.post(`/series/${seriesId}/parts/${c}/move`, { direction: 'up' })).status).toBe(303);
    expect(await partOrder(seriesId)).toEqual([a, c, b]);
    const after = await Promise.all([a, b, c].map(version));
    after.forEach((v, i) => expect(v).toBeGreaterThan(before[i]!));
    expect((await ctx.writer.post(`/series/${seriesId}/parts/${c}/move`, { direction: 'sideways' })).status).toBe(400);
    expect((await ctx.reader.post(`/series/${seriesId}/parts/${c}/move`, { direction: 'up' })).status).toBe(403);
    expect((await ctx.guest.post(`/series/${seriesId}/parts/${c}/move`, { direction: 'up' })).status).toBe(302);
    expect((await ctx.writer.post(`/series/${seriesId}/parts/${a}/delete`)).status).toBe(303);
    expect(await partOrder(seriesId)).toEqual([c, b]);
    const positions = await db().selectFrom('series_parts').select('position').where('series_id', '=', seriesId).orderBy('position').execute();
    expect(positions.map((p) => p.position)).toEqual([1, 2]);
    expect(await ctx.guest.page(`/works/${a}`)).not.toContain(`/series/${seriesId}"`);
    expect((await ctx.reader.post(`/series/${seriesId}/parts/${b}/delete`)).status).toBe(403);
    expect(await partOrder(seriesId)).toEqual([c, b]);
  });

  it('renaming the series changes the cached guest page of each part', async () => {
    const seriesId = await createSeries({ title: 'Old Name' });
    const w = await postWork();
    await addPart(seriesId, w);
    expect(await ctx.guest.page(`/works/${w}`)).toContain('Old Name');
    expect((await ctx.writer.post(`/series/${seriesId}`, { title: 'New Name' })).status).toBe(303);
    const html = await ctx.guest.page(`/works/${w}`);
    expect(html).toContain('New Name');
    expect(html).not.toContain('Old Name');
    expect((await ctx.reader.post(`/series/${seriesId}`, { title: 'Hijacked' })).status).toBe(403);
    expect((await ctx.writer.post(`/series/${seriesId}`, { title: '' })).status).toBe(422);
  });

  it('deleting a work takes it out of its series and renumbers the rest', async () => {
    const seriesId = await createSeries();
    const [a, b] = [await postWork({ title: 'Doomed Letter' }), await postWork({ title: 'Surviving Letter' })];
    await addPart(seriesId, a);
    await addPart(seriesId, b);
    const vb = await version(b);
    expect((await ctx.writer.post(`/works/${a}/delete`)).status).toBe(303);
    expect(await partOrder(seriesId)).toEqual([b]);
    expect(await version(b)).toBeGreaterThan(vb);
    expect(await ctx.guest.page(`/works/${b}`)).toContain('Part 1 of');
  });

  it('deleting a series keeps its works', async () => {
    const seriesId = await createSeries();
    const w = await postWork();
    await addPart(seriesId, w);
    expect((await ctx.reader.post(`/series/${seriesId}/delete`)).status).toBe(403);
    expect((await ctx.writer.post(`/series/${seriesId}/delete`)).status).toBe(303);
    expect((await ctx.guest.get(`/series/${seriesId}`)).status).toBe(404);
    expect((await ctx.guest.get(`/works/${w}`)).status).toBe(200);
    expect(await ctx.guest.page(`/works/${w}`)).not.toContain('Part 1 of');
  });
});

describe('who sees which parts', () => {
  it('hides restricted parts from guests and drafts from everyone; renumbers what each sees', async () => {
    const seriesId = await createSeries({ title: 'Mixed Series' });
    const open = await postWork({ title: 'Open Letter' });
    const locked = await postWork({ title: 'Locked Letter', restricted: 'on' });
    const draft = await postWork({ title: 'Unsent Letter', action: 'draft' });
    const last = await postWork({ title: 'Last Letter' });
    for (const w of [open, locked, draft, last]) await addPart(seriesId, w);

    const guestPage = await ctx.guest.page(`/series/${seriesId}`);
    expect(guestPage).toContain('Open Letter');
    expect(guestPage).not.toContain('Locked Letter');
    expect(guestPage).not.toContain('Unsent Letter');
    const readerPage = await ctx.reader.page(`/series/${seriesId}`);
    expect(readerPage).toContain('Locked Letter');
    expect(readerPage).not.toContain('Unsent Letter');
    // The owner manages the draft, but the parts list never shows it.
    const ownerPage = await ctx.writer.page(`/series/${seriesId}`);
    expect(ownerPage).toContain('Manage this series');
    expect(ownerPage).toMatch(/Unsent Letter<span class="badge">Draft/);

    const guestWork = await ctx.guest.page(`/works/${last}`);
    expect(guestWork).toContain('Part 2 of');
    expect(guestWork).toContain(`href="/works/${open}" rel="prev"`);
    expect(guestWork).not.toContain(`/works/${locked}"`);
    const readerWork = await ctx.reader.page(`/works/${last}`);
    expect(readerWork).toContain('Part 3 of');
    expect(readerWork).toContain(`href="/works/${locked}" rel="prev"`);
  });

  it('is a 404 for a viewer who may read none of its parts', async () => {
    const seriesId = await createSeries({ title: 'Members Series' });
    await addPart(seriesId, await postWork({ title: 'Members Letter', restricted: 'on' }));
    await addPart(seriesId, await postWork({ title: 'Draft Letter', action: 'draft' }));
    expect((await ctx.guest.get(`/series/${seriesId}`)).status).toBe(404);
    expect(ctx.guest.lastHtml).not.toContain('Members Series');
    expect((await ctx.reader.get(`/series/${seriesId}`)).status).toBe(200);
    const empty = await createSeries({ title: 'Empty Series' });
    expect((await ctx.reader.get(`/series/${empty}`)).status).toBe(404);
    expect((await ctx.writer.get(`/series/${empty}`)).status).toBe(200);
    expect((await ctx.guest.get('/series/999999')).status).toBe(404);
    const list = await ctx.guest.page(`/users/${kit.login('writer')}/series`);
    expect(list).not.toContain('Members Series');
    expect(list).not.toContain('Empty Series');
  });

  it('a part going restricted changes the other parts’ cached guest pages', async () => {
    const seriesId = await createSeries();
    const [a, b] = [await postWork({ title: 'Will Lock' }), await postWork()];
    await addPart(seriesId, a);
    await addPart(seriesId, b);
    expect(await ctx.guest.page(`/works/${b}`)).toContain(`href="/works/${a}" rel="prev"`);
    const form = workFields({ title: 'Will Lock', restricted: 'on' });
    const user = (await ctx.archive.services.accounts.findUser(kit.login('writer')))!;
    const pseud = (await ctx.archive.services.accounts.pseudsOf(user.id))[0]!.id;
    expect((await ctx.writer.post(`/works/${a}`, { ...form, pseud_ids: String(pseud) })).status).toBe(303);
    const html = await ctx.guest.page(`/works/${b}`);
    expect(html).not.toContain(`/works/${a}"`);
    expect(html).toContain('Part 1 of');
  });
});
