import { Csrf } from '../../web/fields.js';
import { Layout, type PageChrome } from '../../web/layout.js';
import type { SubscriptionItem } from '../service.js';

const KIND_LABEL = { work: 'Work', user: 'User', series: 'Series' } as const;

export function SubscriptionsPage({ chrome, login, items, csrf }: { chrome: PageChrome; login: string; items: SubscriptionItem[]; csrf: string }) {
  return (
    <Layout title="My subscriptions" {...chrome}>
      <h1>My subscriptions</h1>
      <p><a href="/inbox/updates">Updates from your subscriptions</a></p>
      {items.length === 0 ? <p>You have no subscriptions. Subscribe from a work, a series or a creator’s page.</p> : (
        <ul class="subscriptions">
          {items.map((s) => (
            <li>
              <span class="kind">{KIND_LABEL[s.kind]}:</span>{' '}
              {s.href && s.label ? <a href={s.href}>{s.label}</a> : <em>no longer available</em>}
              {' '}
              <form method="post" action={`/subscriptions/${s.id}/delete`} class="inline">
                <Csrf token={csrf} />
                <input type="hidden" name="return_to" value={`/users/${login}/subscriptions`} />
                <button type="submit">Unsubscribe</button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
