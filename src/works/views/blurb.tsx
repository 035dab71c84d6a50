import type { Child } from 'hono/jsx';
import { Layout, type PageChrome } from '../../web/layout.js';
import { languageName } from '../languages.js';
import type { Listing } from '../reading.js';
import type { WorkMeta } from '../store.js';
import { Byline, chapterCount, day, isComplete, number, TagLinks, UserHtml } from './meta.js';

/** One work in a list, as AO3 shows it: enough to decide whether to open it. */
export function Blurb({ work, extra }: { work: WorkMeta; extra?: Child }) {
  const t = work.tags;
  return (
    <li class="blurb" id={`work_${work.id}`}>
      <div class="blurb-head">
        <h3 class="heading">
          <a href={`/works/${work.id}`}>{work.title}</a> by <Byline creators={work.creators} anonymous={work.anonymous} />
        </h3>
        <p class="fandoms"><TagLinks names={t.fandom} tagClass="fandom" /></p>
        <p class="required">
          <span class="rating" title="Rating">{t.rating.join(', ')}</span>
          {' · '}
          <span class="warnings" title="Archive Warnings">{t.warning.join(', ')}</span>
          {t.category.length ? <>{' · '}<span class="categories" title="Categories">{t.category.join(', ')}</span></> : null}
          {' · '}
          <span class="complete">{isComplete(work) ? 'Complete Work' : 'Work in Progress'}</span>
          {work.restricted ? <>{' · '}<span class="badge">Restricted</span></> : null}
        </p>
        <p class="datetime">{day(work.revisedAt)}</p>
      </div>
      <TagLinks names={[...t.relationship, ...t.character, ...t.freeform]} tagClass="blurb-tags" />
      <UserHtml html={work.summary} class="summary" />
      {extra}
      <dl class="stats">
        <dt>Language:</dt><dd>{languageName(work.language)}</dd>
        <dt>Words:</dt><dd>{number(work.wordCount)}</dd>
        <dt>Chapters:</dt><dd>{chapterCount(work)}</dd>
        {work.counts.comments > 0 ? <><dt>Comments:</dt><dd>{number(work.counts.comments)}</dd></> : null}
        {work.counts.kudos > 0 ? <><dt>Kudos:</dt><dd>{number(work.counts.kudos)}</dd></> : null}
        {work.counts.bookmarks > 0 ? <><dt>Bookmarks:</dt><dd><a href={`/works/${work.id}/bookmarks`}>{number(work.counts.bookmarks)}</a></dd></> : null}
        {work.counts.hits > 0 ? <><dt>Hits:</dt><dd>{number(work.counts.hits)}</dd></> : null}
      </dl>
    </li>
  );
}

/** Page links that keep the listing's filters (`query`, without page). */
export function Pagination({ listing, path, query = '' }: { listing: Listing; path: string; query?: string }) {
  const pages = Math.max(1, Math.ceil(listing.total / listing.perPage));
  if (pages === 1) return null;
  const href = (p: number) => {
    const q = [query, p === 1 ? '' : `page=${p}`].filter(Boolean).join('&');
    return q ? `${path}?${q}` : path;
  };
  const around = [...new Set([1, 2, listing.page - 2, listing.page - 1, listing.page, listing.page + 1, listing.page + 2, pages - 1, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label="Pages">
      {listing.page > 1 ? <a rel="prev" href={href(listing.page - 1)}>← Previous</a> : null}
      {around.map((p, i) => (
        <>
          {i > 0 && p - (around[i - 1] ?? p) > 1 ? <span class="gap">…</span> : null}
          {p === listing.page ? <span aria-current="page">{p}</span> : <a href={href(p)}>{p}</a>}
        </>
      ))}
      {listing.page < pages ? <a rel="next" href={href(listing.page + 1)}>Next →</a> : null}
    </nav>
  );
}

export function WorkListPage(props: {
  title: string; listing: Listing; path: string; query?: string; chrome: PageChrome; intro?: Child; sidebar?: Child;
  /** Extra head elements (the listing's feed link). */
  head?: Child;
  /** Shown inside a work's blurb (a search snippet). */
  extras?: Map<number, Child>;
}) {
  const { listing } = props;
  const from = (listing.page - 1) * listing.perPage + 1;
  const to = from + listing.works.length - 1;
  return (
    <Layout title={props.title} {...props.chrome} head={props.head}>
      <h1>{props.title}</h1>
      {props.intro}
      <div class={props.sidebar ? 'with-sidebar' : ''}>
        <div class="listing">
          <p class="count">
            {listing.total === 0 ? 'No works found.' : `${number(from)} – ${number(to)} of ${number(listing.total)} Works`}
          </p>
          <ol class="works">{listing.works.map((w) => <Blurb work={w} extra={props.extras?.get(w.id)} />)}</ol>
          <Pagination listing={listing} path={props.path} query={props.query ?? ''} />
        </div>
        {props.sidebar ? <aside class="sidebar">{props.sidebar}</aside> : null}
      </div>
    </Layout>
  );
}
