import type { ChartPoint } from './chart.js';
import type { DayRange, StatCounts, StatKind } from './store.js';

export const RANGES = ['30d', 'year', 'all'] as const;
export type StatsRange = (typeof RANGES)[number];
export const RANGE_LABELS: Record<StatsRange, string> = { '30d': 'Last 30 days', year: 'Last 12 months', all: 'All time' };

/** What a range covers, and how its chart groups days: thirty days, or whole months. */
export type Period = { range: StatsRange; days: DayRange; unit: 'day' | 'month' };

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const monthOf = (day: string) => day.slice(0, 7);
function addMonths(month: string, n: number) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

export function periodFor(range: StatsRange, today: string): Period {
  if (range === '30d') return { range, days: { from: addDays(today, -29), to: today }, unit: 'day' };
  if (range === 'year') return { range, days: { from: `${addMonths(monthOf(today), -11)}-01`, to: today }, unit: 'month' };
  return { range, days: { from: null, to: today }, unit: 'month' };
}

/**
 * One chart point per day or month of the period, zero where nothing happened. For all time
 * the chart starts at the earliest of the first counted day and `since` (when the work was posted).
 */
export function seriesOf(period: Period, byDay: readonly { day: string; counts: StatCounts }[], kind: StatKind, since: string | null): ChartPoint[] {
  const to = period.days.to;
  const key = period.unit === 'day' ? (d: string) => d : monthOf;
  const sums = new Map<string, number>();
  for (const r of byDay) sums.set(key(r.day), (sums.get(key(r.day)) ?? 0) + r.counts[kind]);
  const starts = [period.days.from, byDay[0]?.day, since ?? undefined].filter((d): d is string => !!d && d <= to);
  const from = period.days.from ?? (starts.length ? starts.sort()[0]! : to);
  const points: ChartPoint[] = [];
  if (period.unit === 'day') {
    for (let d = from; d <= to; d = addDays(d, 1)) points.push({ label: d, value: sums.get(d) ?? 0 });
  } else {
    for (let m = monthOf(from); m <= monthOf(to); m = addMonths(m, 1)) points.push({ label: m, value: sums.get(m) ?? 0 });
  }
  return points;
}
