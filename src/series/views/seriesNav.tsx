import type { SeriesNav } from '../service.js';

/** AO3's series line on a work: "Part 2 of <series>", with the neighbouring works. */
export function SeriesNavs({ navs, position }: { navs: SeriesNav[]; position: 'top' | 'bottom' }) {
  if (navs.length === 0) return null;
  return (
    <nav class={`series-nav ${position}`} aria-label={position === 'top' ? 'Series' : 'Series (end of work)'}>
      <ul>
        {navs.map((n) => (
          <li>
            {n.prevId !== null ? <><a href={`/works/${n.prevId}`} rel={position === 'bottom' ? undefined : 'prev'}>← Previous Work</a>{' '}</> : null}
            Part {n.part} of <a href={`/series/${n.seriesId}`}>{n.title}</a>
            {n.nextId !== null ? <>{' '}<a href={`/works/${n.nextId}`} rel={position === 'bottom' ? undefined : 'next'}>Next Work →</a></> : null}
          </li>
        ))}
      </ul>
    </nav>
  );
}
