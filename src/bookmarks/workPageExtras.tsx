import type { Child } from 'hono/jsx';
import type { Ctx } from '../web/env.js';
import { number } from '../works/views/meta.js';
import { SeriesNavs } from '../series/views/seriesNav.js';
import { SubscribeButton } from '../subscriptions/views/subscribeButton.js';
import { BookmarkForm, bookmarkFormValues } from './views/bookmarkForm.js';

/**
 * What series, bookmarks and subscriptions add around a work's page. A guest's part depends
 * only on the work's version (series changes and public bookmark counts bump it), so it may sit
 * in the cached page; the signed-in part (forms with a CSRF token) is drawn per request.
 */
export async function workPageExtras(c: Ctx, workId: number, isCreator = false): Promise<{ top: Child; bottom: Child }> {
  const { series, bookmarks, subscriptions } = c.get('services');
  const viewer = c.get('viewer');
  const target = { kind: 'work' as const, id: workId };
  const [navs, count] = await Promise.all([series.navFor(viewer, workId), bookmarks.publicCount(target)]);
  const stats = (
    <p class="work-responses">
      Bookmarks: {count > 0 ? <a href={`/works/${workId}/bookmarks`}>{number(count)}</a> : '0'}
    </p>
  );
  if (viewer.kind !== 'user') {
    return { top: <SeriesNavs navs={navs} position="top" />, bottom: <><SeriesNavs navs={navs} position="bottom" />{stats}</> };
  }
  const csrf = c.get('csrf')();
  const [mine, subscribed] = await Promise.all([bookmarks.mine(viewer, target), subscriptions.current(viewer, target)]);
  return {
    top: (
      <>
        <SeriesNavs navs={navs} position="top" />
        <div class="actions reader-actions">
          <SubscribeButton target={target} current={subscribed} csrf={csrf} back={`/works/${workId}`} />
          {isCreator ? <>{' '}<a href={`/users/${viewer.login}/series`}>Add to Series</a></> : null}
        </div>
      </>
    ),
    bottom: (
      <>
        <SeriesNavs navs={navs} position="bottom" />
        {stats}
        <details class="bookmark" id="bookmark">
          <summary>{mine ? 'Edit Bookmark' : 'Bookmark'}</summary>
          <BookmarkForm base={`/works/${workId}`} state={{ values: bookmarkFormValues(mine), errors: {} }} existing={mine} csrf={csrf} />
        </details>
      </>
    ),
  };
}
