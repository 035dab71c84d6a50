import type { Ctx } from '../web/env.js';
import { SubscribeButton } from './views/subscribeButton.js';

/** A user's page: their bookmarks and series; the owner's subscriptions and updates; a subscribe button for others. */
export async function userPageExtras(c: Ctx, user: { id: number; login: string }) {
  const viewer = c.get('viewer');
  const own = viewer.kind === 'user' && viewer.id === user.id;
  const { subscriptions } = c.get('services');
  const unread = own ? await subscriptions.unreadCount(viewer) : 0;
  const target = { kind: 'user' as const, id: user.id };
  return (
    <nav class="user-nav responses" aria-label={`${user.login}’s bookmarks and series`}>
      <a href={`/users/${user.login}/bookmarks`}>Bookmarks</a>
      <a href={`/users/${user.login}/series`}>Series</a>
      {own ? <a href={`/users/${user.login}/subscriptions`}>Subscriptions</a> : null}
      {own ? <a href="/inbox/updates">Updates{unread > 0 ? ` (${unread})` : ''}</a> : null}
      {viewer.kind === 'user' && !own
        ? <SubscribeButton target={target} current={await subscriptions.current(viewer, target)} csrf={c.get('csrf')()} back={`/users/${user.login}`} />
        : null}
    </nav>
  );
}
