import { Csrf, ErrorSummary, TextField, type FormState } from '../../web/fields.js';
import { Layout, type PageChrome } from '../../web/layout.js';

/** Upload an EPUB or AO3 download; it becomes a draft for the writer to review. */
export function UploadPage({ chrome, state }: { chrome: PageChrome & { csrf: string }; state: FormState }) {
  return (
    <Layout title="Import a work" {...chrome}>
      <h1>Import a work</h1>
      <p>Upload an EPUB, or a work downloaded from AO3 as HTML. Its chapters, title, summary, notes and tags
        become a draft that only you can see: review it, then post it.</p>
      <form method="post" action="/works/import" enctype="multipart/form-data" novalidate>
        <Csrf token={chrome.csrf} />
        <ErrorSummary errors={state.errors} />
        <div class={`field ${state.errors.file ? 'has-error' : ''}`}>
          <label for="file">File (.epub, .html or .txt, up to 4 MB)<span class="required-mark"> *</span></label>
          <input id="file" name="file" type="file" accept=".epub,.html,.htm,.txt,application/epub+zip,text/html,text/plain" required
            aria-describedby={state.errors.file ? 'file-error' : undefined} />
          {state.errors.file ? <p class="field-error" id="file-error">{state.errors.file}</p> : null}
        </div>
        <TextField name="fandoms" label="Fandom" state={state} maxlength={1000}
          hint="Only needed when the file does not name its fandoms; separate several with commas." />
        <button type="submit">Import as a draft</button>
      </form>
    </Layout>
  );
}
