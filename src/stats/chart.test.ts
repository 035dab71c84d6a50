import { describe, expect, it } from 'vitest';
import { chartGeometry, niceStep } from './chart.js';

const days = (values: number[]) => values.map((value, i) => ({ label: `2026-11-${String(i + 1).padStart(2, '0')}`, value }));

describe('chart geometry', () => {
  it('places one point per value, left to right, inside the plot', () => {
    const g = chartGeometry(days([3, 0, 7, 2]), { width: 400, height: 200 });
    expect(g.points).toHaveLength(4);
    expect(g.points[0]!.x).toBe(g.plot.left);
    expect(g.points[3]!.x).toBe(g.plot.right);
    const xs = g.points.map((p) => p.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    for (const p of g.points) {
      expect(p.y).toBeGreaterThanOrEqual(g.plot.top);
      expect(p.y).toBeLessThanOrEqual(g.plot.bottom);
    }
  });

  it('scales values so zero sits on the axis and the top tick is a round number at least the largest value', () => {
    const g = chartGeometry(days([0, 13, 40]));
    expect(g.points[0]!.y).toBe(g.plot.bottom);
    expect(g.yTicks[0]).toEqual({ value: 0, y: g.plot.bottom });
    const top = g.yTicks[g.yTicks.length - 1]!;
    expect(top.value).toBe(40);
    expect(top.y).toBe(g.plot.top);
    expect(g.points[2]!.y).toBe(g.plot.top);
    // 13 of 40 is about a third of the way up.
    expect(g.points[1]!.y).toBeCloseTo(g.plot.bottom - (13 / 40) * (g.plot.bottom - g.plot.top));
    expect(g.yTicks.map((t) => t.value)).toEqual([0, 10, 20, 30, 40]);
  });

  it('draws an all-zero series flat along the axis with ticks 0 and 1', () => {
    const g = chartGeometry(days([0, 0, 0]));
    expect(g.points.every((p) => p.y === g.plot.bottom)).toBe(true);
    expect(g.yTicks.map((t) => t.value)).toEqual([0, 1]);
  });

  it('has no points and no x labels for empty data, but still its axes', () => {
    const g = chartGeometry([]);
    expect(g.points).toEqual([]);
    expect(g.xTicks).toEqual([]);
    expect(g.yTicks.length).toBeGreaterThan(0);
  });

  it('centres a single day and labels it', () => {
    const g = chartGeometry(days([5]), { width: 300 });
    expect(g.points).toHaveLength(1);
    expect(g.points[0]!.x).toBe((g.plot.left + g.plot.right) / 2);
    expect(g.xTicks).toEqual([{ label: '2026-11-01', x: g.points[0]!.x }]);
  });

  it('labels at most the asked number of days, always the first and the last', () => {
    const g = chartGeometry(days(Array.from({ length: 30 }, (_, i) => i)), { maxXLabels: 6 });
    expect(g.xTicks.length).toBeLessThanOrEqual(6);
    expect(g.xTicks[0]!.label).toBe('2026-11-01');
    expect(g.xTicks[g.xTicks.length - 1]!.label).toBe('2026-11-30');
  });

  it('keeps negative days (a removed kudos) below the zero line', () => {
    const g = chartGeometry(days([-2, 4]));
    expect(g.yTicks[0]!.value).toBeLessThan(0);
    const zero = g.yTicks.find((t) => t.value === 0)!;
    expect(g.points[0]!.y).toBeGreaterThan(zero.y);
  });

  it('picks round steps', () => {
    expect([0, 0.5, 1, 3, 7, 12, 26, 240].map(niceStep)).toEqual([1, 1, 1, 5, 10, 20, 50, 500]);
  });
});
