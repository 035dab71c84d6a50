import type { Viewer } from './viewer.js';
import { canReadWork, type WorkFacts } from './works.js';

/**
 * A download is the posted work as everyone who may read it sees it: never a draft (not even
 * for its creators, who preview on the page), restricted works for signed-in readers only.
 * Feeds and OPDS list works through listingVisibility, which is the same rule.
 */
export const canDownloadWork = (viewer: Viewer, work: WorkFacts) => work.status === 'posted' && canReadWork(viewer, work);
