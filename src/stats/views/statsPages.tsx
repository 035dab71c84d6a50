import { Layout, type PageChrome } from '../../web/layout.js';
import { number } from '../../works/views/meta.js';
import { RANGE_LABELS, RANGES, type Period } from '../period.js';
import type { StatsQuery, UserStats, WorkStats, StatsSort } from '../service.js';
import { STAT_KINDS, type StatCounts, type StatKind } from '../store.js';
import { LineChart } from './lineChart.js';

export const KIND_LABELS: Record<StatKind, string> = { hits: 'Hits', kudos: 'Kudos', comments: 'Comments', bookmarks: 'Bookmarks', subscriptions: 'Subscriptions' };
const SORT_LABELS: Record<StatsSort, string> = { title: 'Work', ...KIND_LABELS };

/** The page's address with some of its choices changed. */
function href(path: string, q: Partial<StatsQuery>, change: Partial<StatsQuery>) {
  const next = { ...q, ...change };
  const params = new URLSearchParams();
  for (const key of ['range', 'sort', 'dir', 'chart'] as const) if (next[key]) params.set(key, next[key]);
  return `${path}?${params}`;
}

function Choices<T extends string>({ label, options, labels, current, link }: { label: string; options: readonly T[]; labels: Record<T, string>; current: T; link: (o: T) => string }) {
  return (
    <nav class="actions stats-choices" aria-label={label}>
      <span>{label}:</span>
      {options.map((o) => (o === current ? <span aria-current="page"><strong>{labels[o]}</strong></span> : <a href={link(o)}>{labels[o]}</a>))}
    </nav>
  );
}

function Chart({ id, period, chart, kind, what }: { id: string; period: Period; chart: UserStats['chart']; kind: StatKind; what: string }) {
  const unit = period.unit === 'day' ? 'day' : 'month';
  const total = chart.reduce((n, p) => n + p.value, 0);
  const best = chart.reduce<(typeof chart)[number] | undefined>((b, p) => (!b || p.value > b.value ? p : b), undefined);
  const span = chart.length ? `from ${chart[0]!.label} to ${chart[chart.length - 1]!.label}` : 'with no days yet';
  const desc = `${KIND_LABELS[kind]} on ${what} per ${unit}, ${span}: ${number(total)} in all` + (best && best.value > 0 ? `, most (${number(best.value)}) in ${best.label}.` : '.');
  return <LineChart id={id} title={`${KIND_LABELS[kind]} per ${unit}, ${RANGE_LABELS[period.range].toLowerCase()}`} desc={desc}
    points={chart} valueLabel={KIND_LABELS[kind]} periodLabel={unit === 'day' ? 'Day' : 'Month'} />;
}

/** Range and chart links; `q` holds the choices the links keep. */
function Header({ path, q, period }: { path: string; q: Partial<StatsQuery> & Pick<StatsQuery, 'chart'>; period: Period }) {
  return (
    <>
      <Choices label="Range" options={RANGES} labels={RANGE_LABELS} current={period.range} link={(range) => href(path, q, { range })} />
      <Choices label="Chart" options={STAT_KINDS} labels={KIND_LABELS} current={q.chart} link={(chart) => href(path, q, { chart })} />
    </>
  );
}

const Counts = ({ counts }: { counts: StatCounts }) => <>{STAT_KINDS.map((k) => <td class="number">{number(counts[k])}</td>)}</>;

export function UserStatsPage({ chrome, login, q, stats }: { chrome: PageChrome; login: string; q: StatsQuery; stats: UserStats }) {
  const path = `/users/${login}/stats`;
  const column = (sort: StatsSort) => {
    const current = q.sort === sort;
    // The first click sorts words A to Z and numbers largest first; a second click turns it round.
    const dir = current ? (q.dir === 'asc' ? 'desc' : 'asc') : sort === 'title' ? 'asc' : 'desc';
    return (
      <th scope="col" class={sort === 'title' ? '' : 'number'} aria-sort={current ? (q.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
        <a href={href(path, q, { sort, dir })}>{SORT_LABELS[sort]}{current ? (q.dir === 'asc' ? ' ▲' : ' ▼') : ''}</a>
      </th>
    );
  };
  return (
    <Layout title="Statistics" {...chrome}>
      <h1>Statistics</h1>
      <Header path={path} q={q} period={stats.period} />
      <Chart id="stats-chart" period={stats.period} chart={stats.chart} kind={q.chart} what="all your works" />
      {stats.works.length === 0 ? <p>You have no posted works yet. Their statistics will appear here.</p> : (
        <table class="stats">
          <caption>Your works, {RANGE_LABELS[stats.period.range].toLowerCase()}</caption>
          <thead><tr>{(['title', ...STAT_KINDS] as const).map(column)}<th scope="col"><span class="visually-hidden">Details</span></th></tr></thead>
          <tbody>
            {stats.works.map((w) => (
              <tr>
                <th scope="row"><a href={`/works/${w.id}`}>{w.title}</a></th>
                <Counts counts={w.counts} />
                <td><a href={`/works/${w.id}/stats?range=${stats.period.range}`}>Chart<span class="visually-hidden"> for {w.title}</span></a></td>
              </tr>
            ))}
          </tbody>
          <tfoot><tr><th scope="row">All works</th><Counts counts={stats.totals} /><td></td></tr></tfoot>
        </table>
      )}
    </Layout>
  );
}

export function WorkStatsPage({ chrome, q, stats }: { chrome: PageChrome; q: Pick<StatsQuery, 'range' | 'chart'>; stats: WorkStats }) {
  const path = `/works/${stats.work.id}/stats`;
  return (
    <Layout title={`Statistics for ${stats.work.title}`} {...chrome}>
      <h1>Statistics for <a href={`/works/${stats.work.id}`}>{stats.work.title}</a></h1>
      <Header path={path} q={{ range: q.range, chart: q.chart }} period={stats.period} />
      <dl class="stats">
        {STAT_KINDS.map((k) => <><dt>{KIND_LABELS[k]}:</dt><dd>{number(stats.totals[k])}</dd></>)}
      </dl>
      <Chart id="work-chart" period={stats.period} chart={stats.chart} kind={q.chart} what="this work" />
      {chrome.viewer.kind === 'user' ? <p><a href={`/users/${chrome.viewer.login}/stats`}>All your works’ statistics</a></p> : null}
    </Layout>
  );
}
