import type { Tag } from '../../tags/store.js';
import { TAG_TYPE_LABELS } from '../../tags/kinds.js';
import { ErrorSummary, Form, TextField, type FormState } from '../../web/fields.js';
import { Layout, type PageChrome } from '../../web/layout.js';

export function ExclusionsPage({ chrome, tags, state }: { chrome: PageChrome & { csrf: string }; tags: Tag[]; state: FormState }) {
  return (
    <Layout title="Tags you never want to see" {...chrome}>
      <h1>Tags you never want to see</h1>
      <p>Works with these tags (or their synonyms and sub-tags) are left out of every listing and search while you are signed in.
        Each listing has a link to show them for that page.</p>
      <ErrorSummary errors={state.errors} />
      {tags.length === 0 ? <p>You have not excluded any tags.</p> : (
        <ul class="exclusions">
          {tags.map((t) => (
            <li>
              {t.name} <span class="hint">({TAG_TYPE_LABELS[t.type].one})</span>{' '}
              <Form action={`/settings/filters/${t.id}/delete`} csrf={chrome.csrf} class="inline">
                <button type="submit" class="link">Remove</button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Form action="/settings/filters" csrf={chrome.csrf} class="narrow">
        <TextField name="name" label="Tag to exclude" state={state} required maxlength={150} />
        <button type="submit">Exclude</button>
      </Form>
    </Layout>
  );
}
