import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedInViewer } from '../web/session.js';
import { GUEST } from '../policy/viewer.js';
import { testArchive, type TestArchive } from '../testing/testApp.js';
import { statsService, type StatsQuery } from './service.js';
import { recordStat, recordStats } from './store.js';
import { makeUser, makeWork } from './testKit.js';

let archive: TestArchive;
let writer: SignedInViewer;
let coWriter: SignedInViewer;
let reader: SignedInViewer;
let first: number;
let second: number;
let stats: ReturnType<typeof statsService>;

const db = () => archive.services.database.db;
const row = (workId: number, day: string) => db().selectFrom('work_stats_daily').selectAll().where('work_id', '=', workId).where('day', '=', day).executeTakeFirst();
const query = (over: Partial<StatsQuery> = {}): StatsQuery => ({ range: 'all', sort: 'hits', dir: 'desc', chart: 'hits', ...over });

beforeAll(async () => {
  archive = await testArchive();
  writer = await makeUser(archive, 'statwriter');
  coWriter = await makeUser(archive, 'statcowriter');
  reader = await makeUser(archive, 'statreader');
  first = await makeWork(archive, writer, { title: 'Alpha' });
  second = await makeWork(archive, writer, { title: 'Beta' });
  // Today is 29 November 2026 for these tests.
  stats = statsService(db(), () => new Date('2026-11-29T15:00:00Z'));
  await recordStat(db(), first, 'hits', 5, '2026-11-29');
  await recordStat(db(), first, 'hits', 2, '2026-11-20');
  await recordStat(db(), first, 'kudos', 1, '2026-11-20');
  await recordStat(db(), first, 'hits', 100, '2026-03-01'); // in the last 12 months, not the last 30 days
  await recordStat(db(), first, 'hits', 1000, '2025-06-01'); // all time only
  await recordStat(db(), second, 'hits', 9, '2026-11-28');
  await recordStat(db(), second, 'bookmarks', 3, '2026-11-28');
  await recordStat(db(), second, 'subscriptions', 2, '2026-11-01');
  await recordStat(db(), second, 'comments', 4, '2026-11-10');
});
afterAll(async () => { await archive.close(); });

describe('recordStat', () => {
  it('creates the day row on first use and adds to it after', async () => {
    const work = await makeWork(archive, writer, { title: 'Counted' });
    await recordStat(db(), work, 'kudos', 1, '2026-11-02');
    expect(await row(work, '2026-11-02')).toMatchObject({ kudos: 1, hits: 0, comments: 0, bookmarks: 0, subscriptions: 0 });
    await recordStat(db(), work, 'kudos', 1, '2026-11-02');
    await recordStat(db(), work, 'comments', 3, '2026-11-02');
    await recordStat(db(), work, 'kudos', -1, '2026-11-02');
    expect(await row(work, '2026-11-02')).toMatchObject({ kudos: 1, comments: 3 });
    await db().deleteFrom('works').where('id', '=', work).execute();
  });

  it('counts today (UTC) when no day is given, and adds inside the caller\'s transaction', async () => {
    const work = await makeWork(archive, writer, { title: 'Today' });
    await db().transaction().execute(async (trx) => {
      await recordStat(trx, work, 'hits', 1);
      await recordStat(trx, work, 'hits', 1);
    });
    const today = new Date().toISOString().slice(0, 10);
    expect((await row(work, today))?.hits).toBe(2);
    await expect(db().transaction().execute(async (trx) => {
      await recordStat(trx, work, 'hits', 5);
      throw new Error('the kudos failed');
    })).rejects.toThrow('the kudos failed');
    expect((await row(work, today))?.hits).toBe(2);
    await db().deleteFrom('works').where('id', '=', work).execute();
  });

  it('adds to many works in one call, creating and updating their day rows', async () => {
    const a = await makeWork(archive, writer, { title: 'Batch A' });
    const b = await makeWork(archive, writer, { title: 'Batch B' });
    await recordStat(db(), a, 'hits', 4, '2026-11-03');
    await recordStats(db(), 'hits', new Map([[a, 1], [b, 2]]), '2026-11-03');
    expect(await row(a, '2026-11-03')).toMatchObject({ hits: 5, kudos: 0 });
    expect(await row(b, '2026-11-03')).toMatchObject({ hits: 2, kudos: 0 });
    // One bad delta refuses the whole batch before anything is written.
    await expect(recordStats(db(), 'hits', new Map([[a, 1], [b, 1.5]]), '2026-11-03')).rejects.toThrow(/integer/);
    expect((await row(a, '2026-11-03'))?.hits).toBe(5);
    await recordStats(db(), 'hits', new Map(), '2026-11-03');
    for (const w of [a, b]) await db().deleteFrom('works').where('id', '=', w).execute();
  });

  it('refuses a malformed day or a fractional delta', async () => {
    await expect(recordStat(db(), first, 'hits', 1, '29/11/2026')).rejects.toThrow(/YYYY-MM-DD/);
    await expect(recordStat(db(), first, 'hits', 0.5, '2026-11-29')).rejects.toThrow(/integer/);
  });
});

describe('a writer\'s stats', () => {
  it('sums each work and all works over the last 30 days', async () => {
    const s = (await stats.forUser(writer, writer.id, query({ range: '30d' })))!;
    expect(s.works.map((w) => [w.title, w.counts.hits])).toEqual([['Beta', 9], ['Alpha', 7]]);
    expect(s.works.find((w) => w.title === 'Alpha')!.counts).toEqual({ hits: 7, kudos: 1, comments: 0, bookmarks: 0, subscriptions: 0 });
    expect(s.totals).toEqual({ hits: 16, kudos: 1, comments: 4, bookmarks: 3, subscriptions: 2 });
    expect(s.chart).toHaveLength(30);
    expect(s.chart[0]!.label).toBe('2026-10-31');
    expect(s.chart.at(-1)).toEqual({ label: '2026-11-29', value: 5 });
    expect(s.chart.find((p) => p.label === '2026-11-28')!.value).toBe(9);
  });

  it('sums the last 12 months by month, and all time since the first count', async () => {
    const year = (await stats.forUser(writer, writer.id, query({ range: 'year' })))!;
    expect(year.totals.hits).toBe(116);
    expect(year.chart.map((p) => p.label)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(year.chart.find((p) => p.label === '2026-03')!.value).toBe(100);
    const all = (await stats.forUser(writer, writer.id, query({ range: 'all' })))!;
    expect(all.totals.hits).toBe(1116);
    expect(all.chart[0]).toEqual({ label: '2025-06', value: 1000 });
    expect(all.chart).toHaveLength(18);
  });

  it('sorts by any column, either way', async () => {
    const titles = async (q: Partial<StatsQuery>) => (await stats.forUser(writer, writer.id, query(q)))!.works.map((w) => w.title);
    expect(await titles({ sort: 'hits', dir: 'desc' })).toEqual(['Alpha', 'Beta']);
    expect(await titles({ sort: 'bookmarks', dir: 'desc' })).toEqual(['Beta', 'Alpha']);
    expect(await titles({ sort: 'title', dir: 'asc' })).toEqual(['Alpha', 'Beta']);
    expect(await titles({ sort: 'title', dir: 'desc' })).toEqual(['Beta', 'Alpha']);
    expect(await titles({ sort: 'kudos', dir: 'asc' })).toEqual(['Beta', 'Alpha']);
  });

  it('counts a co-created work once for each creator, and drafts never counted are not listed', async () => {
    const [pseud] = await archive.services.accounts.pseudsOf(coWriter.id);
    await db().insertInto('creatorships').values({ work_id: second, pseud_id: pseud!.id, position: 1 }).execute();
    await makeWork(archive, coWriter, { title: 'Unposted', action: 'draft' });
    const s = (await stats.forUser(coWriter, coWriter.id, query({ range: '30d' })))!;
    expect(s.works.map((w) => w.title)).toEqual(['Beta']);
    expect(s.totals.hits).toBe(9);
    await db().deleteFrom('creatorships').where('work_id', '=', second).where('pseud_id', '=', pseud!.id).execute();
  });

  it('is for the writer alone', async () => {
    expect(await stats.forUser(reader, writer.id, query())).toBeNull();
    expect(await stats.forUser(GUEST, writer.id, query())).toBeNull();
  });
});

describe('a work\'s stats', () => {
  it('gives its creator the totals and a chart of the chosen counter', async () => {
    const s = (await stats.forWork(writer, second, { range: '30d', chart: 'bookmarks' }))!;
    expect(s.work.title).toBe('Beta');
    expect(s.totals).toEqual({ hits: 9, kudos: 0, comments: 4, bookmarks: 3, subscriptions: 2 });
    expect(s.chart.find((p) => p.label === '2026-11-28')!.value).toBe(3);
    expect(s.chart.reduce((n, p) => n + p.value, 0)).toBe(3);
  });

  it('charts a work posted today with no counts as one month of zero', async () => {
    const work = await makeWork(archive, writer, { title: 'Fresh' });
    const s = (await statsService(db()).forWork(writer, work, { range: 'all', chart: 'hits' }))!;
    expect(s.chart).toEqual([{ label: new Date().toISOString().slice(0, 7), value: 0 }]);
    await db().deleteFrom('works').where('id', '=', work).execute();
  });

  it('is nobody else\'s business, and a missing work is simply missing', async () => {
    expect(await stats.forWork(reader, second, { range: 'all', chart: 'hits' })).toBeNull();
    expect(await stats.forWork(GUEST, second, { range: 'all', chart: 'hits' })).toBeNull();
    expect(await stats.forWork(writer, 999_999, { range: 'all', chart: 'hits' })).toBeNull();
  });
});
