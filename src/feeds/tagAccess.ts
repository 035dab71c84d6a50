import { canSeeTag } from '../policy/tags.js';
import type { Viewer } from '../policy/viewer.js';
import type { Services } from '../services.js';
import type { TagFacts } from '../tags/wranglingStore.js';

/**
 * The tag page's rule for feeds and the catalog: a tag seen only on works this viewer may not
 * list is no tag. Returns the tag when it may be shown, else null.
 */
export async function listableTag(services: Services, viewer: Viewer, tag: TagFacts | undefined): Promise<TagFacts | null> {
  if (!tag) return null;
  const visibleWorks = tag.canonical ? 0 : (await services.reading.list(viewer, { scope: { kind: 'tag', tagId: tag.id }, page: 1, savedExclusions: false })).total;
  return canSeeTag(viewer, { canonical: tag.canonical, visibleWorks }) ? tag : null;
}
