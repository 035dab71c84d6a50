import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, type TestArchive } from '../testing/testApp.js';
import type { SignedInViewer } from '../web/session.js';
import { recordStat, statDay } from './store.js';
import { makeWork } from './testKit.js';

let archive: TestArchive;
let guest: TestClient;
let writer: TestClient;
let reader: TestClient;
let popular: number;
let quiet: number;
let draft: number;

const db = () => archive.services.database.db;
const rowTitles = (html: string) => [...html.matchAll(/<tr><th scope="row"><a href="\/works\/\d+">([^<]+)<\/a><\/th>/g)].map((m) => m[1]);

beforeAll(async () => {
  archive = await testArchive();
  guest = new TestClient(archive.app);
  writer = await new TestClient(archive.app).signUp('swriter');
  reader = await new TestClient(archive.app).signUp('sreader');
  const user = await archive.services.accounts.findUser('swriter');
  const viewer: SignedInViewer = { kind: 'user', id: user!.id, login: 'swriter', isAdmin: false, isWrangler: false };
  popular = await makeWork(archive, viewer, { title: 'Popular One' });
  quiet = await makeWork(archive, viewer, { title: 'Quiet One', restricted: 'on' });
  draft = await makeWork(archive, viewer, { title: 'Draft One', action: 'draft' });
  const today = statDay();
  await recordStat(db(), popular, 'hits', 40, today);
  await recordStat(db(), popular, 'kudos', 3, today);
  await recordStat(db(), quiet, 'hits', 2, today);
  await recordStat(db(), quiet, 'bookmarks', 5, today);
});
afterAll(async () => { await archive.close(); });

describe('a writer\'s stats page', () => {
  it('shows the writer each work\'s totals, the overall totals and an SVG chart', async () => {
    const res = await writer.get('/users/swriter/stats');
    expect(res.status).toBe(200);
    const html = writer.lastHtml;
    expect(rowTitles(html)).toEqual(['Popular One', 'Quiet One']);
    expect(html).toMatch(/<tfoot><tr><th scope="row">All works<\/th><td class="number">42<\/td><td class="number">3<\/td><td class="number">0<\/td><td class="number">5<\/td>/);
    expect(html).toMatch(/<svg [^>]*role="img"/);
    expect(html).toContain('<title id="stats-chart-title">Hits per month, all time</title>');
    expect(html).not.toContain('Draft One');
    expect(html).not.toMatch(/<script>/);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('sorts by a column, and turns the order round on a second click', async () => {
    const byBookmarks = await writer.page('/users/swriter/stats?sort=bookmarks');
    expect(rowTitles(byBookmarks)).toEqual(['Quiet One', 'Popular One']);
    expect(byBookmarks).toContain('aria-sort="descending"');
    expect(byBookmarks).toContain('href="/users/swriter/stats?range=all&amp;sort=bookmarks&amp;dir=asc&amp;chart=hits"');
    expect(rowTitles(await writer.page('/users/swriter/stats?sort=bookmarks&dir=asc'))).toEqual(['Popular One', 'Quiet One']);
    expect(rowTitles(await writer.page('/users/swriter/stats?sort=title&dir=desc'))).toEqual(['Quiet One', 'Popular One']);
  });

  it('charts the last 30 days day by day, for the counter asked', async () => {
    const html = await writer.page('/users/swriter/stats?range=30d&chart=bookmarks');
    expect(html).toContain('Bookmarks per day, last 30 days');
    expect(html.match(/<circle /g)).toHaveLength(30);
    expect(html).toContain(`<th scope="row">${statDay()}</th><td>5</td>`);
  });

  it('is the writer\'s alone', async () => {
    expect((await reader.get('/users/swriter/stats')).status).toBe(404);
    expect(reader.lastHtml).not.toContain('Popular One');
    expect((await guest.get('/users/swriter/stats')).status).toBe(404);
    expect((await writer.get('/users/nobody-at-all/stats')).status).toBe(404);
  });

  it('answers an unknown range, column or chart with a message', async () => {
    for (const q of ['range=week', 'sort=words', 'chart=likes', 'dir=up']) {
      expect((await writer.get(`/users/swriter/stats?${q}`)).status).toBe(400);
      expect(writer.lastHtml).toContain('These statistics could not be shown');
    }
  });
});

describe('a work\'s stats page', () => {
  it('shows its creators the totals and a chart', async () => {
    const html = await writer.page(`/works/${popular}/stats?range=year`);
    expect(html).toContain('Statistics for <a href="/works/');
    expect(html).toContain('<dt>Hits:</dt><dd>40</dd>');
    expect(html).toContain('<dt>Kudos:</dt><dd>3</dd>');
    expect(html).toContain('Hits per month, last 12 months');
    expect(html.match(/<circle /g)).toHaveLength(12);
  });

  it('is linked from the work page its creators see, not from the readers\' page', async () => {
    expect(await writer.page(`/works/${popular}`)).toContain(`href="/works/${popular}/stats"`);
    expect(await reader.page(`/works/${popular}`)).not.toContain(`/works/${popular}/stats`);
  });

  it('is 404 to readers and guests, even for restricted works they may read, and for drafts', async () => {
    for (const id of [popular, quiet, draft]) {
      expect((await reader.get(`/works/${id}/stats`)).status).toBe(404);
      expect((await guest.get(`/works/${id}/stats`)).status).toBe(404);
    }
    expect(reader.lastHtml).not.toContain('Draft One');
    expect((await writer.get('/works/999999/stats')).status).toBe(404);
    expect((await writer.get(`/works/${draft}/stats`)).status).toBe(200);
  });
});
