import { ErrorSummary, FieldError, Form, Select, TextField, valuesOf, type FormState } from '../../web/fields.js';
import { Layout, type PageChrome } from '../../web/layout.js';
import { FREE_TAG_TYPES, TAG_TYPE_LABELS, type FreeTagType } from '../kinds.js';
import type { UnwrangledPage } from '../wrangling.js';
import { tagEditPath, tagPath } from './tagLinks.js';

export type QueueFilter = { type: FreeTagType; fandom: string };

const typeOptions = FREE_TAG_TYPES.map((t) => [t, TAG_TYPE_LABELS[t].many] as const);
const queueUrl = (f: QueueFilter, page: number) =>
  `/tags/wrangle?${new URLSearchParams({ type: f.type, ...(f.fandom ? { fandom: f.fandom } : {}), ...(page > 1 ? { page: String(page) } : {}) })}`;

function Chooser({ filter, errors }: { filter: QueueFilter; errors: Record<string, string> }) {
  const state = { values: { type: filter.type, fandom: filter.fandom }, errors };
  return (
    <form method="get" action="/tags/wrangle" class="queue-filter">
      <Select name="type" label="Type" options={typeOptions} state={state} />
      <TextField name="fandom" label="Fandom" state={state} hint="A fandom’s name; leave empty for tags with no fandom yet." />
      <button type="submit">Show Tags</button>
    </form>
  );
}

function Pages({ result, filter }: { result: UnwrangledPage; filter: QueueFilter }) {
  const last = Math.max(1, Math.ceil(result.total / result.perPage));
  if (last === 1) return null;
  return (
    <nav class="pagination" aria-label="Pages">
      {result.page > 1 ? <a rel="prev" href={queueUrl(filter, result.page - 1)}>← Previous</a> : null}
      <span aria-current="page">Page {result.page} of {last}</span>
      {result.page < last ? <a rel="next" href={queueUrl(filter, result.page + 1)}>Next →</a> : null}
    </nav>
  );
}

function BulkActions({ state }: { state: FormState }) {
  return (
    <fieldset class="bulk">
      <legend>With the chosen tags</legend>
      <Select name="action" label="Action" state={state} blank="Choose an action"
        options={[['canonical', 'Make canonical'], ['synonym', 'Make synonyms of…'], ['fandom', 'Add fandom…']]} />
      <TextField name="synonym_of" label="Canonical tag (for synonyms)" state={state} />
      <TextField name="parent_fandom" label="Fandom to add" state={state} />
      <button type="submit">Apply</button>
    </fieldset>
  );
}

/** The unwrangled queue: tags nobody has sorted yet, most used first, with bulk actions. */
export function WranglePage(props: { chrome: PageChrome & { csrf: string }; filter: QueueFilter; result: UnwrangledPage | null; state: FormState }) {
  const { filter, result, state } = props;
  const chosen = new Set(valuesOf(state.values, 'tags'));
  return (
    <Layout title="Unwrangled tags" {...props.chrome}>
      <h1>Unwrangled tags</h1>
      <Chooser filter={filter} errors={state.errors.fandom ? { fandom: state.errors.fandom } : {}} />
      {result ? (
        <>
          <p>{result.total.toLocaleString('en')} unwrangled {TAG_TYPE_LABELS[filter.type][result.total === 1 ? 'one' : 'many'].toLowerCase()} {filter.fandom ? <>in {filter.fandom}</> : 'without a fandom'}.</p>
          <ErrorSummary errors={state.errors} />
          <Form action={queueUrl(filter, result.page)} csrf={props.chrome.csrf} class="queue">
            <fieldset id="tags" class={state.errors.tags ? 'has-error' : ''}>
              <legend>Tags</legend>
              <FieldError name="tags" errors={state.errors} />
              <table>
                <thead><tr><th scope="col">Choose</th><th scope="col">Tag</th><th scope="col">Works</th><th scope="col">Edit</th></tr></thead>
                <tbody>
                  {result.tags.map((t) => (
                    <tr>
                      <td><input type="checkbox" name="tags" value={String(t.id)} id={`tag-${t.id}`} checked={chosen.has(String(t.id))} /></td>
                      <td><label for={`tag-${t.id}`}><a href={tagPath(t.name)}>{t.name}</a></label></td>
                      <td>{t.uses.toLocaleString('en')}</td>
                      <td><a href={tagEditPath(t.name)} aria-label={`Edit ${t.name}`}>Edit</a></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </fieldset>
            <BulkActions state={state} />
          </Form>
          <Pages result={result} filter={filter} />
        </>
      ) : null}
    </Layout>
  );
}
