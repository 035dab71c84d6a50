import { Form } from '../../web/fields.js';
import { Layout, type PageChrome } from '../../web/layout.js';
import type { ChapterMeta, WorkMeta } from '../store.js';
import { day } from './meta.js';
import { chapterHeading } from './workPage.js';

/** The chapter index; its creators also get the form to put chapters in a new order. */
export function NavigatePage(props: { chrome: PageChrome; work: WorkMeta; chapters: ChapterMeta[]; creatorCsrf?: string | undefined }) {
  const { work, chapters, creatorCsrf } = props;
  return (
    <Layout title={`Chapter Index: ${work.title}`} {...props.chrome}>
      <h1>Chapter Index for <a href={`/works/${work.id}`}>{work.title}</a></h1>
      <ol class="chapter-index">
        {chapters.map((ch) => (
          <li>
            <a href={`/works/${work.id}/chapters/${ch.id}`}>{chapterHeading(ch)}</a>{' '}
            <span class="datetime">({ch.status === 'draft' ? 'Draft' : day(ch.publishedAt)})</span>
          </li>
        ))}
      </ol>
      {creatorCsrf && chapters.length > 1 ? (
        <Form action={`/works/${work.id}/chapters/order`} csrf={creatorCsrf} class="reorder">
          <h2>Manage chapter order</h2>
          <p class="hint">Give each chapter its new position, then save.</p>
          {chapters.map((ch) => (
            <div class="field inline">
              <label for={`order-${ch.id}`}>{chapterHeading(ch)}</label>
              <input id={`order-${ch.id}`} name={`position_${ch.id}`} type="number" min="1" max={String(chapters.length)} value={String(ch.position)} />
            </div>
          ))}
          <button type="submit">Update Positions</button>
        </Form>
      ) : null}
    </Layout>
  );
}
