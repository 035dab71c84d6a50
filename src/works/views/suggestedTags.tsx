import type { Suggestion } from '../../tags/suggestions.js';
import { TAG_TYPE_LABELS } from '../../tags/kinds.js';
import { Csrf } from '../../web/fields.js';

/** Canonical tags whose names occur in the text, offered to the writer; nothing is added unasked. */
export function SuggestedTags({ workId, suggestions, csrf }: { workId: number; suggestions: Suggestion[]; csrf: string }) {
  if (suggestions.length === 0) return null;
  return (
    <section class="suggested-tags" aria-labelledby="suggested-tags-heading">
      <h2 id="suggested-tags-heading">Tags you might add</h2>
      <p class="hint">These tags' names appear in your text. Add any that fit; none are added unless you choose them.</p>
      <ul>
        {suggestions.map((s) => (
          <li>
            {s.name} <span class="hint">({TAG_TYPE_LABELS[s.type].one}, mentioned {s.count} {s.count === 1 ? 'time' : 'times'})</span>{' '}
            <form method="post" action={`/works/${workId}/tags`}>
              <Csrf token={csrf} />
              <input type="hidden" name="tag_id" value={String(s.id)} />
              <button type="submit" class="link">Add “{s.name}”</button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}
