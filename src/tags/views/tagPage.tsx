import { Layout, type PageChrome } from '../../web/layout.js';
import { TAG_TYPE_LABELS } from '../kinds.js';
import { tagWorksPath } from '../urls.js';
import type { TagPage } from '../wrangling.js';
import { tagEditPath, tagPath, TagsByType, TagSection } from './tagLinks.js';

const works = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'work' : 'works'}`;

function Status({ page }: { page: TagPage }) {
  const { tag, canonical } = page;
  if (canonical) {
    return (
      <p class="notice">
        This tag has been made a synonym of <a href={tagPath(canonical.name)}>{canonical.name}</a>.
        {' '}Its works are listed and filtered under that tag.
      </p>
    );
  }
  if (tag.canonical) {
    return (
      <p>
        This tag is canonical: it is used to filter works, and its synonyms and sub-tags count as it.
        {' '}<a href={tagWorksPath(tag.name)}>Works in this tag</a> ({works(page.workCount)})
      </p>
    );
  }
  return (
    <p>
      This tag has not been made canonical and cannot be filtered on (yet).
      {' '}<a href={tagWorksPath(tag.name)}>Works tagged “{tag.name}”</a> ({works(page.workCount)})
    </p>
  );
}

/** A tag as AO3 shows it: what it is, what it means, and how it sits among other tags. */
export function TagPageView({ chrome, page, canEdit }: { chrome: PageChrome; page: TagPage; canEdit: boolean }) {
  const { tag } = page;
  return (
    <Layout title={tag.name} {...chrome}>
      <h1>{tag.name}</h1>
      <p class="tag-kind">
        {TAG_TYPE_LABELS[tag.type].one}{tag.canonical ? <> · <span class="badge">Canonical</span></> : null}
      </p>
      <Status page={page} />
      {canEdit ? <p class="actions"><a href={tagEditPath(tag.name)}>Edit this tag</a> · <a href="/tags/wrangle">Unwrangled tags</a></p> : null}
      <TagsByType heading="Parent tags" tags={page.parents} />
      <TagSection heading="Meta tags" tags={page.metaTags} intro="Works in this tag are also found in these broader tags." />
      <TagSection heading="Synonyms" tags={page.synonyms} intro="These tags mean the same and are filtered as this one." />
      <TagSection heading="Sub-tags" tags={page.subTags} intro="Works in these narrower tags are also found here." />
      <TagsByType heading="Child tags" tags={page.children} />
    </Layout>
  );
}
