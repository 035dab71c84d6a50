import { Layout, type PageChrome } from '../../web/layout.js';
import { Blurb } from '../../works/views/blurb.js';
import { day, number } from '../../works/views/meta.js';
import type { ReadingEntry, ReadingsPage as Readings } from '../service.js';

export const readingsPath = (login: string, shelf: Readings['shelf'] = 'history', page = 1) => {
  const q = [shelf === 'to-read' ? 'show=to-read' : '', page > 1 ? `page=${page}` : ''].filter(Boolean).join('&');
  return `/users/${login}/readings${q ? `?${q}` : ''}`;
};

const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${number(n)} times`);

function Facts({ entry, shelf }: { entry: ReadingEntry; shelf: Readings['shelf'] }) {
  return (
    <p class="reading-facts">
      {entry.lastVisitedAt ? <>Last visited: {day(entry.lastVisitedAt)}. Visited {times(entry.visitCount)}.</> : <>Not opened yet.</>}
      {entry.readable && entry.lastVisitedAt && entry.work.revisedAt > entry.lastVisitedAt ? <> <strong>Update available.</strong></> : null}
      {entry.readable && entry.chapter && entry.work.postedChapters > 1 ? <> Last read: <a href={`/works/${entry.workId}/chapters/${entry.chapter.id}`}>Chapter {entry.chapter.position}{entry.chapter.title ? `: ${entry.chapter.title}` : ''}</a>.</> : null}
      {shelf === 'history' && entry.toRead ? <> Marked for later.</> : null}
      {shelf === 'to-read' && entry.markedAt ? <> Marked for later on {day(entry.markedAt)}.</> : null}
    </p>
  );
}

function EntryActions({ entry, shelf, login, csrf, page }: { entry: ReadingEntry; shelf: Readings['shelf']; login: string; csrf: string; page: number }) {
  const what = entry.readable ? entry.work.title : 'this work';
  return shelf === 'history' ? (
    <form method="post" action={`/users/${login}/readings/${entry.workId}/delete`} class="actions">
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="page" value={String(page)} />
      <button type="submit">Delete from History<span class="visually-hidden">: {what}</span></button>
    </form>
  ) : (
    <form method="post" action={`/works/${entry.workId}/mark_as_read`} class="actions">
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="return_to" value={readingsPath(login, shelf, page)} />
      <button type="submit">Mark as Read<span class="visually-hidden">: {what}</span></button>
    </form>
  );
}

function Entry(props: { entry: ReadingEntry; shelf: Readings['shelf']; login: string; csrf: string; page: number }) {
  const extra = <><Facts entry={props.entry} shelf={props.shelf} /><EntryActions {...props} /></>;
  if (props.entry.readable) return <Blurb work={props.entry.work} extra={extra} />;
  // Restricted away, back to draft or hidden: say so, and show nothing of the work.
  return (
    <li class="blurb unavailable">
      <div class="blurb-head"><h3 class="heading">A work you can no longer read</h3></div>
      {extra}
    </li>
  );
}

export function ReadingsPage({ chrome, login, readings, csrf }: { chrome: PageChrome; login: string; readings: Readings; csrf: string }) {
  const { shelf, entries, total, page, perPage, paused } = readings;
  const title = shelf === 'history' ? 'History' : 'Marked for Later';
  const from = (page - 1) * perPage + 1;
  const pages = Math.max(1, Math.ceil(total / perPage));
  return (
    <Layout title={title} {...chrome}>
      <h1>{title}</h1>
      <nav class="actions" aria-label="Readings">
        {shelf === 'history' ? <span aria-current="page"><strong>History</strong></span> : <a href={readingsPath(login)}>History</a>}
        {shelf === 'to-read' ? <span aria-current="page"><strong>Marked for Later</strong></span> : <a href={readingsPath(login, 'to-read')}>Marked for Later</a>}
      </nav>
      {paused ? <p class="notice" role="status">Your history is paused: works you open now are not recorded.</p> : null}
      <div class="actions">
        <form method="post" action={`/users/${login}/readings/pause`} class="inline">
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="paused" value={paused ? '0' : '1'} />
          <button type="submit">{paused ? 'Resume History' : 'Pause History'}</button>
        </form>
        {shelf === 'history' && total > 0 ? <a href={`/users/${login}/readings/clear`}>Clear History</a> : null}
      </div>
      <p class="count">
        {total === 0
          ? shelf === 'history' ? 'You have no works in your history.' : 'You have not marked any works for later.'
          : `${number(from)} – ${number(from + entries.length - 1)} of ${number(total)} Works`}
      </p>
      <ol class="works">{entries.map((entry) => <Entry entry={entry} shelf={shelf} login={login} csrf={csrf} page={page} />)}</ol>
      {pages > 1 ? (
        <nav class="pagination" aria-label="Pages">
          {page > 1 ? <a rel="prev" href={readingsPath(login, shelf, page - 1)}>← Previous</a> : null}
          <span aria-current="page">Page {page} of {pages}</span>
          {page < pages ? <a rel="next" href={readingsPath(login, shelf, page + 1)}>Next →</a> : null}
        </nav>
      ) : null}
    </Layout>
  );
}

export function ClearHistoryPage({ chrome, login, csrf }: { chrome: PageChrome; login: string; csrf: string }) {
  return (
    <Layout title="Clear History" {...chrome}>
      <h1>Clear your history?</h1>
      <p>This forgets every work in your history, with its visits. It cannot be undone. Works you marked for later stay marked.</p>
      <form method="post" action={`/users/${login}/readings/clear`} class="actions">
        <input type="hidden" name="_csrf" value={csrf} />
        <button type="submit">Yes, Clear History</button>
        <a href={readingsPath(login)}>Cancel</a>
      </form>
    </Layout>
  );
}
