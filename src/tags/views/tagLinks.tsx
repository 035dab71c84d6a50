import { TAG_TYPE_LABELS, TAG_TYPES, type TagType } from '../kinds.js';
import { tagSlug } from '../urls.js';
import type { TagRef } from '../wranglingStore.js';

export const tagPath = (name: string) => `/tags/${tagSlug(name)}`;
export const tagEditPath = (name: string) => `/tags/${tagSlug(name)}/edit`;

export function TagList({ tags }: { tags: TagRef[] }) {
  return (
    <ul class="tags commas">
      {tags.map((t) => <li><a class={`tag ${t.canonical ? 'canonical' : ''}`} href={tagPath(t.name)}>{t.name}</a></li>)}
    </ul>
  );
}

/** Tags grouped under their type's plural label ("Characters: …"), in AO3's type order. */
export function TagsByType({ tags, heading }: { tags: TagRef[]; heading: string }) {
  const groups = TAG_TYPES.map((type) => [type, tags.filter((t) => t.type === type)] as [TagType, TagRef[]]).filter(([, ts]) => ts.length > 0);
  if (groups.length === 0) return null;
  return (
    <section>
      <h2>{heading}</h2>
      <dl class="tag-groups">
        {groups.map(([type, ts]) => (
          <>
            <dt>{TAG_TYPE_LABELS[type].many}:</dt>
            <dd><TagList tags={ts} /></dd>
          </>
        ))}
      </dl>
    </section>
  );
}

export function TagSection({ heading, tags, intro }: { heading: string; tags: TagRef[]; intro?: string }) {
  if (tags.length === 0) return null;
  return (
    <section>
      <h2>{heading}</h2>
      {intro ? <p>{intro}</p> : null}
      <TagList tags={tags} />
    </section>
  );
}
