import { Form } from '../../web/fields.js';
import { Layout, type PageChrome } from '../../web/layout.js';
import type { WorkMeta } from '../store.js';

export function DeleteWorkPage({ chrome, work }: { chrome: PageChrome & { csrf: string }; work: WorkMeta }) {
  return (
    <Layout title={`Delete “${work.title}”`} {...chrome}>
      <h1>Are you sure you want to delete “{work.title}”?</h1>
      <p>Deleting a work removes it and all its chapters for good. This cannot be undone.</p>
      <Form action={`/works/${work.id}/delete`} csrf={chrome.csrf} class="danger">
        <button type="submit" class="danger">Yes, Delete Work</button>
        {' '}<a href={`/works/${work.id}`}>Cancel</a>
      </Form>
    </Layout>
  );
}
