import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { listingVisibility } from '../policy/works.js';
import { GUEST, type Viewer } from '../policy/viewer.js';
import { NO_FILTER, type FacetTag, type WorkIndex, type WorkScope } from '../search/workIndex.js';
import { worksMeta, type WorkMeta } from '../works/store.js';

export const FEED_SIZE = 25;
const FANDOMS = 100;

/**
 * Atom feeds are public documents that readers' feed apps fetch without signing in, so they
 * list what a guest may see, through the listing index (synonyms, sub-tags and visibility
 * are decided there, as for every listing).
 */
export function feedsService(db: Kysely<DB>, index: WorkIndex) {
  return {
    async newest(scope: WorkScope): Promise<WorkMeta[]> {
      const { ids } = await index.list({ scope, visibility: listingVisibility(GUEST), filter: NO_FILTER, sort: 'published_at', page: 1, perPage: FEED_SIZE });
      return worksMeta(db, GUEST, ids);
    },

    /** The fandoms with the most works this viewer may see (each as its canonical tag). */
    async fandoms(viewer: Viewer): Promise<FacetTag[]> {
      const { facets } = await index.list({ scope: { kind: 'all' }, visibility: listingVisibility(viewer), filter: NO_FILTER, sort: 'revised_at', page: 1, perPage: 1, facetSize: FANDOMS });
      return facets.fandom ?? [];
    },
  };
}

export type FeedsService = ReturnType<typeof feedsService>;
