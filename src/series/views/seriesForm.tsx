import { ErrorSummary, Form, TextArea, TextField, type FormState } from '../../web/fields.js';
import { Layout, type PageChrome } from '../../web/layout.js';
import type { SeriesRow } from '../store.js';

export const seriesFormValues = (s: SeriesRow) => ({ title: s.title, summary: s.summary, notes: s.notes, complete: s.complete ? 'on' : '' });

export function SeriesFormPage({ chrome, state, series }: { chrome: PageChrome & { csrf: string }; state: FormState; series?: SeriesRow }) {
  const title = series ? `Edit series “${series.title}”` : 'New series';
  return (
    <Layout title={title} {...chrome}>
      <h1>{title}</h1>
      <ErrorSummary errors={state.errors} />
      <Form action={series ? `/series/${series.id}` : '/series'} csrf={chrome.csrf} class="narrow">
        <TextField name="title" label="Series title" state={state} required maxlength={240} />
        <TextArea name="summary" label="Description" state={state} rows={5} hint="HTML or plain text, up to 1,250 characters." />
        <TextArea name="notes" label="Notes" state={state} rows={5} hint="HTML or plain text, up to 5,000 characters." />
        <div class="field">
          <label class="choice"><input type="checkbox" name="complete" value="on" checked={state.values.complete === 'on'} /> This series is complete</label>
        </div>
        <button type="submit">{series ? 'Update' : 'Create Series'}</button>
        {series ? <>{' '}<a href={`/series/${series.id}`}>Cancel</a></> : null}
      </Form>
    </Layout>
  );
}
