import { Csrf } from '../../web/fields.js';
import { Layout, type PageChrome } from '../../web/layout.js';
import { day } from '../../works/views/meta.js';
import type { UpdateItem } from '../service.js';

/** The updates list, unread first; another inbox page can embed it. */
export function UpdatesList({ items, csrf }: { items: UpdateItem[]; csrf: string }) {
  if (items.length === 0) return <p>No updates yet. Subscribe to works, series or creators to hear of new chapters and works.</p>;
  return (
    <ol class="updates">
      {items.map((u) => (
        <li class={u.read ? 'read' : 'unread'}>
          {u.read ? null : <span class="badge">New</span>}{' '}
          {u.work ? (
            <>
              {u.work.creators.join(', ') || 'orphan_account'} posted{' '}
              {u.chapter ? <><a href={`/works/${u.work.id}/chapters/${u.chapter.id}`}>{u.chapter.heading}</a> of </> : null}
              <a href={`/works/${u.work.id}`}>{u.work.title}</a>
            </>
          ) : <em>A work you follow is no longer available.</em>}
          {' '}<span class="datetime">{day(u.createdAt)}</span>
          {u.read ? null : (
            <form method="post" action="/inbox/updates/read" class="inline">
              <Csrf token={csrf} />
              <input type="hidden" name="id" value={String(u.id)} />
              <button type="submit">Mark read</button>
            </form>
          )}
        </li>
      ))}
    </ol>
  );
}

export function UpdatesPage({ chrome, items, csrf }: { chrome: PageChrome; items: UpdateItem[]; csrf: string }) {
  const unread = items.filter((u) => !u.read).length;
  return (
    <Layout title="Updates" {...chrome}>
      <h1>Updates</h1>
      <p>{unread === 0 ? 'Nothing unread.' : `${unread} unread`} · <a href={chrome.viewer.kind === 'user' ? `/users/${chrome.viewer.login}/subscriptions` : '/'}>My subscriptions</a></p>
      {unread > 0 ? (
        <form method="post" action="/inbox/updates/read" class="inline">
          <Csrf token={csrf} />
          <input type="hidden" name="all" value="1" />
          <button type="submit">Mark all read</button>
        </form>
      ) : null}
      <UpdatesList items={items} csrf={csrf} />
    </Layout>
  );
}
