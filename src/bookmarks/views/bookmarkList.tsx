import type { Child } from 'hono/jsx';
import { Csrf } from '../../web/fields.js';
import { Layout, type PageChrome } from '../../web/layout.js';
import { Blurb } from '../../works/views/blurb.js';
import { day, number, UserHtml } from '../../works/views/meta.js';
import type { BookmarkItem, BookmarkRow } from '../service.js';

/** What the bookmarker added: their tags, notes, rec and privacy. */
export function BookmarkerPart({ b, showLogin }: { b: BookmarkRow; showLogin: boolean }) {
  return (
    <div class="bookmarker">
      <p class="meta">
        {showLogin ? <>Bookmarked by <a href={`/users/${b.login}/bookmarks`}>{b.login}</a> · </> : null}
        <span class="datetime">{day(b.createdAt)}</span>
        {b.rec ? <> · <span class="badge rec">Rec</span></> : null}
        {b.private ? <> · <span class="badge">Private</span></> : null}
      </p>
      {b.tags.length ? (
        <ul class="tags commas bookmarker-tags" aria-label="Bookmarker's tags">
          {b.tags.map((t) => <li><a class="tag" href={`/users/${b.login}/bookmarks?tags=${encodeURIComponent(t)}`}>{t}</a></li>)}
        </ul>
      ) : null}
      <UserHtml html={b.notes} class="bookmark-notes" />
    </div>
  );
}

export function BookmarkEntry({ item, showLogin, csrf }: { item: BookmarkItem; showLogin: boolean; csrf: string | undefined }) {
  const { bookmark: b, target } = item;
  const tools = csrf ? (
    <div class="actions">
      {target.kind === 'work' ? <a href={`/works/${target.work.id}/bookmarks/new`}>Edit</a> : null}
      {target.kind === 'series' ? <a href={`/series/${target.series.id}/bookmarks/new`}>Edit</a> : null}
      <form method="post" action={`/bookmarks/${b.id}/delete`} class="inline"><Csrf token={csrf} /><button type="submit">Delete</button></form>
    </div>
  ) : null;
  if (target.kind === 'work') return <Blurb work={target.work} extra={<>{<BookmarkerPart b={b} showLogin={showLogin} />}{tools}</>} />;
  if (target.kind === 'series') {
    return (
      <li class="blurb series-blurb" id={`bookmark_${b.id}`}>
        <h3 class="heading">Series: <a href={`/series/${target.series.id}`}>{target.series.title}</a></h3>
        <BookmarkerPart b={b} showLogin={showLogin} />
        {tools}
      </li>
    );
  }
  return (
    <li class="blurb unavailable" id={`bookmark_${b.id}`}>
      <p class="heading">This has been deleted, sorry!</p>
      <BookmarkerPart b={b} showLogin={showLogin} />
      {tools}
    </li>
  );
}

function Pages({ total, page, perPage, href }: { total: number; page: number; perPage: number; href: (p: number) => string }) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages === 1) return null;
  return (
    <nav class="pagination" aria-label="Pages">
      {page > 1 ? <a rel="prev" href={href(page - 1)}>← Previous</a> : null}
      <span aria-current="page">{page} of {pages}</span>
      {page < pages ? <a rel="next" href={href(page + 1)}>Next →</a> : null}
    </nav>
  );
}

export function UserBookmarksPage(props: {
  chrome: PageChrome; login: string; ownCsrf: string | undefined; items: BookmarkItem[]; total: number; page: number; perPage: number;
  pageHref: (p: number) => string; sidebar: Child;
}) {
  const title = `Bookmarks by ${props.login}`;
  return (
    <Layout title={title} {...props.chrome}>
      <h1>{title}</h1>
      <div class="with-sidebar">
        <div class="listing">
          <p class="count">{props.total === 0 ? 'No bookmarks found.' : `${number(props.total)} ${props.total === 1 ? 'Bookmark' : 'Bookmarks'}`}</p>
          <ol class="works bookmarks">{props.items.map((item) => <BookmarkEntry item={item} showLogin={false} csrf={props.ownCsrf} />)}</ol>
          <Pages total={props.total} page={props.page} perPage={props.perPage} href={props.pageHref} />
        </div>
        <aside class="sidebar">{props.sidebar}</aside>
      </div>
    </Layout>
  );
}

export function TargetBookmarksPage(props: {
  chrome: PageChrome; title: string; href: string; bookmarks: BookmarkRow[]; total: number; page: number; perPage: number;
}) {
  return (
    <Layout title={`Bookmarks of ${props.title}`} {...props.chrome}>
      <h1>Bookmarks of “<a href={props.href}>{props.title}</a>”</h1>
      <p class="count">{props.total === 0 ? 'No public bookmarks yet.' : `${number(props.total)} public ${props.total === 1 ? 'bookmark' : 'bookmarks'}`}</p>
      <ol class="bookmarks">{props.bookmarks.map((b) => <li class="bookmark"><BookmarkerPart b={b} showLogin={true} /></li>)}</ol>
      <Pages total={props.total} page={props.page} perPage={props.perPage} href={(p) => `${props.href}/bookmarks${p > 1 ? `?page=${p}` : ''}`} />
    </Layout>
  );
}
