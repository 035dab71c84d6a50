import { Csrf, ErrorSummary, FieldError, Form, TextField, valueOf, type FormState } from '../../web/fields.js';
import { Layout, type PageChrome } from '../../web/layout.js';
import { TAG_TYPE_LABELS } from '../kinds.js';
import type { TagPage } from '../wrangling.js';
import type { TagRef } from '../wranglingStore.js';
import { tagEditPath, tagPath, TagList } from './tagLinks.js';

/** The saved tag as the edit form's values. */
export const tagEditValues = (page: TagPage) => ({
  name: page.tag.name,
  canonical: page.tag.canonical ? '1' : '',
  synonym_of: page.canonical?.name ?? '',
  parent: '',
});

function CanonicalField({ state }: { state: FormState }) {
  const err = state.errors.canonical;
  return (
    <div class={`field ${err ? 'has-error' : ''}`}>
      <label class="choice">
        <input type="checkbox" id="canonical" name="canonical" value="1" checked={valueOf(state.values, 'canonical') === '1'}
          aria-describedby={err ? 'canonical-hint canonical-error' : 'canonical-hint'} aria-invalid={err ? 'true' : undefined} />
        {' '}Canonical
      </label>
      <p class="hint" id="canonical-hint">Canonical tags are the ones filters use; synonyms and sub-tags point at them. A tag with synonyms must stay canonical.</p>
      <FieldError name="canonical" errors={state.errors} />
    </div>
  );
}

function ParentRows({ parents, action, csrf }: { parents: TagRef[]; action: string; csrf: string }) {
  if (parents.length === 0) return <p>No parent tags yet.</p>;
  return (
    <ul class="parents">
      {parents.map((p) => (
        <li>
          <a href={tagPath(p.name)}>{p.name}</a> ({TAG_TYPE_LABELS[p.type].one})
          {' '}
          <form method="post" action={action} class="inline">
            <Csrf token={csrf} />
            <input type="hidden" name="remove_parent" value={String(p.id)} />
            <button type="submit" class="link" aria-label={`Remove parent ${p.name}`}>Remove</button>
          </form>
        </li>
      ))}
    </ul>
  );
}

/** The wrangler's form for one tag: every change on it is saved together or not at all. */
export function TagEditPage({ chrome, page, state }: { chrome: PageChrome & { csrf: string }; page: TagPage; state: FormState }) {
  const { tag } = page;
  const action = tagEditPath(tag.name);
  return (
    <Layout title={`Edit ${tag.name}`} {...chrome}>
      <h1>Edit “{tag.name}”</h1>
      <p>{TAG_TYPE_LABELS[tag.type].one} tag · <a href={tagPath(tag.name)}>View tag page</a></p>
      <ErrorSummary errors={state.errors} />
      <Form action={action} csrf={chrome.csrf} class="tag-edit">
        <TextField name="name" label="Name" state={state} required maxlength={150}
          hint="Up to 150 characters, no commas; unique across all types. Works carrying the tag show the new name." />
        <CanonicalField state={state} />
        <TextField name="synonym_of" label="Synonym of" state={state}
          hint="The canonical tag of the same type this one means. Leave empty for none; untick Canonical to make a canonical tag a synonym." />
        <TextField name="parent" label="Add parent tags" state={state}
          hint="Canonical tags, comma-separated: a fandom (for characters, relationships and additional tags), characters (for a relationship), or a tag of the same type to make it a meta tag." />
        <button type="submit">Save Changes</button>
      </Form>
      <section id="remove_parent">
        <h2>Parent tags</h2>
        <FieldError name="remove_parent" errors={state.errors} />
        <ParentRows parents={[...page.parents, ...page.metaTags]} action={action} csrf={chrome.csrf} />
      </section>
      {page.synonyms.length > 0 ? <section><h2>Synonyms</h2><TagList tags={page.synonyms} /></section> : null}
      {page.subTags.length > 0 ? <section><h2>Sub-tags</h2><TagList tags={page.subTags} /></section> : null}
    </Layout>
  );
}
