import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { canSeeUserStats, canSeeWorkStats } from '../policy/history.js';
import type { Viewer } from '../policy/viewer.js';
import { workAccess } from '../works/store.js';
import type { ChartPoint } from './chart.js';
import { periodFor, seriesOf, type Period, type StatsRange } from './period.js';
import * as store from './store.js';
import { STAT_KINDS, statDay, zeroCounts, type StatCounts, type StatKind } from './store.js';

export const SORTS = ['title', ...STAT_KINDS] as const;
export type StatsSort = (typeof SORTS)[number];
export type SortDir = 'asc' | 'desc';

export type StatsQuery = { range: StatsRange; sort: StatsSort; dir: SortDir; chart: StatKind };
export type WorkStatsRow = { id: number; title: string; counts: StatCounts };
export type UserStats = { period: Period; works: WorkStatsRow[]; totals: StatCounts; chart: ChartPoint[] };
export type WorkStats = { period: Period; work: { id: number; title: string }; totals: StatCounts; chart: ChartPoint[] };

const sum = (rows: readonly StatCounts[]) => {
  const t = zeroCounts();
  for (const r of rows) for (const k of STAT_KINDS) t[k] += r[k];
  return t;
};

function sortRows(rows: WorkStatsRow[], sort: StatsSort, dir: SortDir) {
  const byTitle = (a: WorkStatsRow, b: WorkStatsRow) => a.title.localeCompare(b.title) || a.id - b.id;
  const compare = sort === 'title' ? byTitle : (a: WorkStatsRow, b: WorkStatsRow) => a.counts[sort] - b.counts[sort] || byTitle(a, b);
  return rows.sort((a, b) => (dir === 'asc' ? compare(a, b) : compare(b, a)));
}

/** Writers' statistics, summed from the per-day counters over a range; only for their own works. */
export function statsService(db: Kysely<DB>, now: () => Date = () => new Date()) {
  return {
    async forUser(viewer: Viewer, ownerId: number, q: StatsQuery): Promise<UserStats | null> {
      if (!canSeeUserStats(viewer, ownerId)) return null;
      const period = periodFor(q.range, statDay(now()));
      const works = await store.worksOfUser(db, ownerId);
      const ids = works.map((w) => w.id);
      const [totals, byDay] = await Promise.all([store.totalsByWork(db, ids, period.days), store.totalsByDay(db, ids, period.days)]);
      // Drafts that never counted anything are not worth a row.
      const rows = works.filter((w) => w.status === 'posted' || totals.has(w.id))
        .map((w) => ({ id: w.id, title: w.title, counts: totals.get(w.id) ?? zeroCounts() }));
      const since = works.map((w) => w.published_at?.slice(0, 10)).filter((d): d is string => !!d).sort()[0] ?? null;
      return { period, works: sortRows(rows, q.sort, q.dir), totals: sum(rows.map((r) => r.counts)), chart: seriesOf(period, byDay, q.chart, since) };
    },

    async forWork(viewer: Viewer, workId: number, q: Pick<StatsQuery, 'range' | 'chart'>): Promise<WorkStats | null> {
      const access = await workAccess(db, workId);
      if (!access || !canSeeWorkStats(viewer, access)) return null;
      const work = await store.workTitle(db, workId);
      if (!work) return null;
      const period = periodFor(q.range, statDay(now()));
      const [totals, byDay] = await Promise.all([store.totalsByWork(db, [workId], period.days), store.totalsByDay(db, [workId], period.days)]);
      return {
        period,
        work: { id: work.id, title: work.title },
        totals: totals.get(workId) ?? zeroCounts(),
        chart: seriesOf(period, byDay, q.chart, work.published_at?.slice(0, 10) ?? null),
      };
    },
  };
}

export type StatsService = ReturnType<typeof statsService>;
