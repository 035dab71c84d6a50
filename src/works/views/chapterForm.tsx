import { ErrorSummary, Form, type FormState } from '../../web/fields.js';
import { Layout, type PageChrome } from '../../web/layout.js';
import type { Chapter, WorkMeta } from '../store.js';
import { ChapterFields } from './workForm.js';

export function chapterFormValues(ch: Chapter) {
  return {
    chapter_title: ch.title,
    chapter_summary: ch.summary,
    chapter_notes: ch.notes,
    chapter_end_notes: ch.endNotes,
    text_format: 'html',
    text: ch.body,
  };
}

export function ChapterFormPage(props: { chrome: PageChrome & { csrf: string }; state: FormState; work: WorkMeta; chapter?: Chapter }) {
  const { work, chapter, state } = props;
  const title = chapter ? `Edit Chapter ${chapter.position} of “${work.title}”` : `New Chapter of “${work.title}”`;
  const draft = !chapter || chapter.status === 'draft';
  return (
    <Layout title={title} {...props.chrome}>
      <h1>{title}</h1>
      <ErrorSummary errors={state.errors} />
      <Form action={chapter ? `/works/${work.id}/chapters/${chapter.id}` : `/works/${work.id}/chapters`} csrf={props.chrome.csrf}>
        <ChapterFields state={state} withChapterMeta />
        <div class="actions">
          {draft && work.status === 'posted' ? <button type="submit" name="action" value="post">Post</button> : null}
          <button type="submit" name="action" value="draft">{chapter && !draft ? 'Save' : 'Save As Draft'}</button>
        </div>
      </Form>
      {chapter ? (
        <Form action={`/works/${work.id}/chapters/${chapter.id}/delete`} csrf={props.chrome.csrf} class="danger">
          <button type="submit" class="danger">Delete this chapter</button>
        </Form>
      ) : null}
    </Layout>
  );
}
