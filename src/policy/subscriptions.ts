import type { Viewer } from './viewer.js';
import { canReadWork, isCreator, type WorkFacts } from './works.js';

/**
 * Who hears of a new work or chapter: a subscriber who may read it, never its creators, and
 * never about a work that is not posted.
 */
export const shouldNotify = (subscriber: Viewer, work: WorkFacts) =>
  work.status === 'posted' && subscriber.kind === 'user' && !isCreator(subscriber, work) && canReadWork(subscriber, work);
