import { Csrf } from '../../web/fields.js';
import type { Target } from '../store.js';

/** Subscribe or unsubscribe, returning to the page it sits on. */
export function SubscribeButton({ target, current, csrf, back }: { target: Target; current: number | null; csrf: string; back: string }) {
  return current === null ? (
    <form method="post" action="/subscriptions" class="inline subscribe">
      <Csrf token={csrf} />
      <input type="hidden" name="kind" value={target.kind} />
      <input type="hidden" name="id" value={String(target.id)} />
      <input type="hidden" name="return_to" value={back} />
      <button type="submit">Subscribe</button>
    </form>
  ) : (
    <form method="post" action={`/subscriptions/${current}/delete`} class="inline subscribe">
      <Csrf token={csrf} />
      <input type="hidden" name="return_to" value={back} />
      <button type="submit">Unsubscribe</button>
    </form>
  );
}
