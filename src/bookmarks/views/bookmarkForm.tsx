import type { FormData } from '../../web/env.js';
import { Csrf, ErrorSummary, Form, TextArea, TextField, type FormState } from '../../web/fields.js';
import { Layout, type PageChrome } from '../../web/layout.js';
import type { BookmarkRow } from '../store.js';

export const bookmarkFormValues = (b: BookmarkRow | undefined): FormData =>
  b ? { notes: b.notes, tags: b.tags.join(', '), private: b.private ? 'on' : '', rec: b.rec ? 'on' : '' } : {};

/** Create or edit the viewer's bookmark of a work or series (`base` is its path). */
export function BookmarkForm({ base, state, existing, csrf }: { base: string; state: FormState; existing?: BookmarkRow | undefined; csrf: string }) {
  return (
    <>
      <ErrorSummary errors={state.errors} />
      <Form action={`${base}/bookmarks`} csrf={csrf} class="bookmark-form narrow">
        <TextArea name="notes" label="Notes" state={state} rows={4} hint="Your notes: HTML or plain text, up to 5,000 characters." />
        <TextField name="tags" label="Your tags" state={state} hint="Comma separated, for your own sorting." />
        <div class="field">
          <label class="choice"><input type="checkbox" name="private" value="on" checked={state.values.private === 'on'} /> Private bookmark (only you can see it)</label>
          <label class="choice"><input type="checkbox" name="rec" value="on" checked={state.values.rec === 'on'} /> Rec (recommend it to others)</label>
        </div>
        <button type="submit">{existing ? 'Update Bookmark' : 'Create Bookmark'}</button>
      </Form>
      {existing ? (
        <form method="post" action={`/bookmarks/${existing.id}/delete`} class="inline">
          <Csrf token={csrf} />
          <button type="submit" class="danger">Delete Bookmark</button>
        </form>
      ) : null}
    </>
  );
}

export function BookmarkFormPage({ chrome, title, base, state, existing }: { chrome: PageChrome & { csrf: string }; title: string; base: string; state: FormState; existing?: BookmarkRow | undefined }) {
  return (
    <Layout title={`Bookmark “${title}”`} {...chrome}>
      <h1>{existing ? 'Edit your bookmark of' : 'Bookmark'} “<a href={base}>{title}</a>”</h1>
      <BookmarkForm base={base} state={state} existing={existing} csrf={chrome.csrf} />
    </Layout>
  );
}
