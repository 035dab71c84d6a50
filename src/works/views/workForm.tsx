import type { Pseud } from '../../accounts/store.js';
import { CATEGORIES, RATINGS, WARNINGS } from '../../tags/kinds.js';
import { Choices, ErrorSummary, Form, Select, TextArea, TextField, type FormState } from '../../web/fields.js';
import { Layout, type PageChrome } from '../../web/layout.js';
import { LANGUAGES } from '../languages.js';
import type { WorkMeta } from '../store.js';

const pairs = (xs: readonly string[]) => xs.map((x) => [x, x] as const);

/** A work's saved metadata as the values of the form, for editing. */
export function workFormValues(work: WorkMeta) {
  return {
    title: work.title,
    pseud_ids: work.creators.map((c) => String(c.pseudId)),
    summary: work.summary,
    notes: work.notes,
    end_notes: work.endNotes,
    rating: work.tags.rating[0] ?? '',
    warnings: work.tags.warning,
    categories: work.tags.category,
    fandoms: work.tags.fandom.join(', '),
    relationships: work.tags.relationship.join(', '),
    characters: work.tags.character.join(', '),
    freeforms: work.tags.freeform.join(', '),
    language: work.language,
    expected_chapters: work.expectedChapters === null ? '?' : String(work.expectedChapters),
    restricted: work.restricted ? 'on' : '',
    anonymous: work.anonymous ? 'on' : '',
  };
}

export function ChapterFields({ state, withChapterMeta }: { state: FormState; withChapterMeta: boolean }) {
  return (
    <fieldset class="chapter-fields">
      <legend>Chapter</legend>
      <TextField name="chapter_title" label="Chapter title" state={state} maxlength={255} />
      {withChapterMeta ? (
        <>
          <TextArea name="chapter_summary" label="Chapter summary" state={state} rows={3} />
          <TextArea name="chapter_notes" label="Chapter notes" state={state} rows={3} />
        </>
      ) : null}
      <Choices name="text_format" legend="Text format" multiple={false} state={state}
        options={[['html', 'Rich text (HTML: <p>, <em>, <strong>, links…)'], ['plain', 'Plain text (each line becomes a paragraph)']]} />
      <TextArea name="text" label="Work text" state={state} rows={20} required
        hint="10 to 510,000 characters. Scripts, styles and frames are removed." />
      {withChapterMeta ? <TextArea name="chapter_end_notes" label="Chapter end notes" state={state} rows={3} /> : null}
    </fieldset>
  );
}

type Props = {
  chrome: PageChrome & { csrf: string };
  state: FormState;
  pseuds: Pseud[];
  /** Absent for a new work (its form carries the first chapter too). */
  work?: WorkMeta;
};

export function WorkFormPage({ chrome, state, pseuds, work }: Props) {
  const title = work ? `Edit “${work.title}”` : 'Post New Work';
  const s = state;
  return (
    <Layout title={title} {...chrome} head={<script src="/static/tags.js" defer></script>}>
      <h1>{title}</h1>
      <ErrorSummary errors={s.errors} />
      <Form action={work ? `/works/${work.id}` : '/works'} csrf={chrome.csrf} class="work-form">
        <fieldset>
          <legend>Tags</legend>
          <Select name="rating" label="Rating" options={pairs(RATINGS)} state={s} required blank="Choose a rating" />
          <Choices name="warnings" legend="Archive Warnings" options={pairs(WARNINGS)} state={s} multiple required />
          <Choices name="categories" legend="Categories" options={pairs(CATEGORIES)} state={s} multiple />
          <TextField name="fandoms" label="Fandoms" state={s} required hint="Separate tags with commas." />
          <TextField name="relationships" label="Relationships" state={s} hint="For example: Magnus Bane/Alec Lightwood" />
          <TextField name="characters" label="Characters" state={s} />
          <TextField name="freeforms" label="Additional Tags" state={s} />
        </fieldset>
        <fieldset>
          <legend>Preface</legend>
          <TextField name="title" label="Work title" state={s} required maxlength={255} />
          <Choices name="pseud_ids" legend="Creators" options={pseuds.map((p) => [String(p.id), p.name] as const)} state={s} multiple required />
          <TextArea name="summary" label="Summary" state={s} rows={5} hint="Up to 1,250 characters." />
          <TextArea name="notes" label="Notes" state={s} rows={5} hint="Shown before the work; up to 5,000 characters." />
          <TextArea name="end_notes" label="End notes" state={s} rows={5} hint="Shown after the work; up to 5,000 characters." />
        </fieldset>
        <fieldset>
          <legend>Associations and privacy</legend>
          <Select name="language" label="Language" options={LANGUAGES} state={s} required blank="Choose a language" />
          <TextField name="expected_chapters" label={`Chapters: ${work ? work.postedChapters : 1} of`} state={s}
            hint='How many chapters you plan: a number, or "?" if you do not know yet.' />
          <Choices name="restricted" legend="Who can read it" multiple state={s}
            options={[['on', 'Only show this work to signed-in users']]} />
          <Choices name="anonymous" legend="Who is shown as its creator" multiple state={s}
            options={[['on', 'Post anonymously: your name is shown to no one but you (and the archive’s admins)']]} />
        </fieldset>
        {work ? null : <ChapterFields state={s} withChapterMeta={false} />}
        <div class="actions">
          {work ? (
            <button type="submit" name="action" value="update">Save</button>
          ) : (
            <>
              <button type="submit" name="action" value="post">Post</button>
              <button type="submit" name="action" value="draft">Save As Draft</button>
              <button type="submit" name="action" value="preview">Preview</button>
            </>
          )}
        </div>
      </Form>
    </Layout>
  );
}
