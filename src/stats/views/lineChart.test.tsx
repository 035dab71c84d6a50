import { describe, expect, it } from 'vitest';
import { LineChart } from './lineChart.js';

const render = (points: { label: string; value: number }[]) =>
  (<LineChart id="c" title="Hits per day" desc="Hits from 1 to 3 November" points={points} valueLabel="Hits" periodLabel="Day" />).toString() as string;

describe('the SVG line chart', () => {
  it('is an image named by its title and description, with one marker per day and the numbers as a table', () => {
    const html = render([{ label: '2026-11-01', value: 2 }, { label: '2026-11-02', value: 5 }, { label: '2026-11-03', value: 1 }]);
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="c-title c-desc"/);
    expect(html).toContain('<title id="c-title">Hits per day</title>');
    expect(html).toContain('<desc id="c-desc">Hits from 1 to 3 November</desc>');
    expect(html.match(/<circle /g)).toHaveLength(3);
    expect(/<polyline[^>]*points="([^"]+)"/.exec(html)![1]!.split(' ')).toHaveLength(3);
    expect(html).toContain('<th scope="row">2026-11-02</th><td>5</td>');
    expect(html).not.toMatch(/<script|on[a-z]+=/i);
  });

  it('says there is no data rather than drawing nothing', () => {
    const html = render([]);
    expect(html).toContain('No data yet');
    expect(html).not.toContain('<polyline');
  });

  it('draws a single day as one marker with its label', () => {
    const html = render([{ label: '2026-11-01', value: 4 }]);
    expect(html.match(/<circle /g)).toHaveLength(1);
    expect(html).not.toContain('<polyline');
    expect(html).toContain('>2026-11-01</text>');
  });

  it('escapes labels', () => {
    expect(render([{ label: '<b>x</b>', value: 1 }])).not.toContain('<b>x</b>');
  });
});
