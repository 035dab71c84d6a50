/**
 * The geometry of a line chart, kept apart from its markup so it can be tested as numbers:
 * where each point, axis tick and label goes inside a `width` × `height` viewBox.
 */
export type ChartPoint = { label: string; value: number };
export type PlacedPoint = ChartPoint & { x: number; y: number };
export type ChartGeometry = {
  width: number;
  height: number;
  /** The plotting area inside the axes. */
  plot: { left: number; top: number; right: number; bottom: number };
  points: PlacedPoint[];
  /** Horizontal grid lines with their values, lowest first. */
  yTicks: { value: number; y: number }[];
  /** At most `maxXLabels` labels along the bottom, first and last included. */
  xTicks: { label: string; x: number }[];
};

export type ChartSize = { width?: number; height?: number; maxXLabels?: number };

// Room for the tick labels: a day label is about 60 units wide, centred on its point.
const MARGIN = { left: 56, right: 36, top: 16, bottom: 40 };

/** 1, 2 or 5 times a power of ten, at least `raw` and at least 1 (counts are whole). */
export function niceStep(raw: number): number {
  if (!(raw > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

export function chartGeometry(data: readonly ChartPoint[], size: ChartSize = {}): ChartGeometry {
  const width = size.width ?? 640;
  const height = size.height ?? 240;
  const maxXLabels = Math.max(2, size.maxXLabels ?? 6);
  const plot = { left: MARGIN.left, top: MARGIN.top, right: width - MARGIN.right, bottom: height - MARGIN.bottom };

  const values = data.map((p) => p.value);
  const step = niceStep((Math.max(0, ...values) - Math.min(0, ...values)) / 4);
  const low = Math.floor(Math.min(0, ...values) / step) * step;
  const high = Math.max(low + step, Math.ceil(Math.max(0, ...values) / step) * step);
  const yOf = (v: number) => plot.bottom - ((v - low) / (high - low)) * (plot.bottom - plot.top);
  const yTicks: ChartGeometry['yTicks'] = [];
  for (let v = low; v <= high; v += step) yTicks.push({ value: v, y: yOf(v) });

  const n = data.length;
  const xOf = (i: number) => (n === 1 ? (plot.left + plot.right) / 2 : plot.left + (i * (plot.right - plot.left)) / (n - 1));
  const points = data.map((p, i) => ({ ...p, x: xOf(i), y: yOf(p.value) }));

  const every = Math.max(1, Math.ceil((n - 1) / (maxXLabels - 1)));
  const labelled = new Set<number>();
  for (let i = 0; i < n; i += every) labelled.add(i);
  if (n > 0) {
    // The last label replaces one that would crowd it.
    const last = n - 1;
    const prev = Math.floor(last / every) * every;
    if (prev !== last && last - prev < every / 2) labelled.delete(prev);
    labelled.add(last);
  }
  const xTicks = [...labelled].sort((a, b) => a - b).map((i) => ({ label: data[i]!.label, x: xOf(i) }));
  return { width, height, plot, points, yTicks, xTicks };
}
