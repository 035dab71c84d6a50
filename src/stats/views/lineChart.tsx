import { chartGeometry, type ChartPoint } from '../chart.js';

const fmt = (n: number) => n.toLocaleString('en');
const round = (n: number) => Math.round(n * 10) / 10;

/**
 * A line chart drawn on the server as inline SVG: readable without JavaScript, named by its
 * <title> and <desc>, and followed by the same numbers as a table for screen readers.
 */
export function LineChart({ id, title, desc, points, valueLabel, periodLabel }: {
  id: string; title: string; desc: string; points: readonly ChartPoint[]; valueLabel: string; periodLabel: string;
}) {
  const g = chartGeometry(points);
  const { plot } = g;
  return (
    <figure class="stats-chart">
      <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${g.width} ${g.height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} class="chart">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        <g class="grid">
          {g.yTicks.map((t) => (
            <>
              <line x1={plot.left} x2={plot.right} y1={round(t.y)} y2={round(t.y)} />
              <text x={plot.left - 6} y={round(t.y)} text-anchor="end" dominant-baseline="middle">{fmt(t.value)}</text>
            </>
          ))}
        </g>
        <g class="axes">
          <line x1={plot.left} x2={plot.left} y1={plot.top} y2={plot.bottom} />
          <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
          {g.xTicks.map((t) => <text x={round(t.x)} y={plot.bottom + 18} text-anchor="middle">{t.label}</text>)}
          <text x={(plot.left + plot.right) / 2} y={g.height - 4} text-anchor="middle" class="axis-label">{periodLabel}</text>
          <text x={12} y={(plot.top + plot.bottom) / 2} text-anchor="middle" class="axis-label" transform={`rotate(-90 12 ${(plot.top + plot.bottom) / 2})`}>{valueLabel}</text>
        </g>
        {g.points.length > 1 ? <polyline class="series" fill="none" points={g.points.map((p) => `${round(p.x)},${round(p.y)}`).join(' ')} /> : null}
        <g class="points">
          {g.points.map((p) => <circle cx={round(p.x)} cy={round(p.y)} r={g.points.length > 62 ? 1.5 : 3}><title>{`${p.label}: ${fmt(p.value)}`}</title></circle>)}
        </g>
        {g.points.length === 0 ? <text x={(plot.left + plot.right) / 2} y={(plot.top + plot.bottom) / 2} text-anchor="middle">No data yet</text> : null}
      </svg>
      <table class="visually-hidden">
        <caption>{title}</caption>
        <thead><tr><th scope="col">{periodLabel}</th><th scope="col">{valueLabel}</th></tr></thead>
        <tbody>
          {points.map((p) => <tr><th scope="row">{p.label}</th><td>{fmt(p.value)}</td></tr>)}
        </tbody>
      </table>
    </figure>
  );
}
