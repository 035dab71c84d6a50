import type { WorkStatus } from '../db/schema.js';
import { isSuspended } from './accounts.js';
import type { Viewer } from './viewer.js';

/** The facts about a work that decide who may see it and act on it. */
export type WorkFacts = {
  status: WorkStatus;
  restricted: boolean;
  /** Hidden by an admin: for its creators and admins only. */
  hidden: boolean;
  creatorUserIds: readonly number[];
};

export const isCreator = (viewer: Viewer, work: Pick<WorkFacts, 'creatorUserIds'>) =>
  viewer.kind === 'user' && work.creatorUserIds.includes(viewer.id);

const isAdmin = (viewer: Viewer) => viewer.kind === 'user' && viewer.isAdmin;

/**
 * Drafts are for their creators alone; restricted works for signed-in readers; a work an admin
 * hid, for its creators (who are told) and admins.
 */
export function canReadWork(viewer: Viewer, work: WorkFacts): boolean {
  if (isCreator(viewer, work)) return true;
  if (work.status !== 'posted') return false;
  if (work.hidden) return isAdmin(viewer);
  return !work.restricted || viewer.kind === 'user';
}

/** Creators edit their works, unless suspended. */
export const canEditWork = (viewer: Viewer, work: WorkFacts) => isCreator(viewer, work) && !isSuspended(viewer);

/**
 * Listings, counts and search ask this instead of re-deriving the rule: which posted works a
 * viewer may see in lists. Drafts and hidden works never appear in lists, not even to their
 * creators or admins (the listing index leaves them out for everyone).
 */
export type ListingVisibility = { includeRestricted: boolean };
export const listingVisibility = (viewer: Viewer): ListingVisibility => ({ includeRestricted: viewer.kind === 'user' });

export const canPostWorks = (viewer: Viewer) => viewer.kind === 'user' && !isSuspended(viewer);

/**
 * Whether crawlers of AI training sets are asked to keep off a work's pages and files: always
 * for restricted works, for every work of a writer who asked, and for all when the site says so.
 * Anonymous works always ask: a signal that came and went with one writer's choice would tell
 * who wrote them.
 */
export const asksAiCrawlersOff = (siteWide: boolean, work: { restricted: boolean; anonymous: boolean; creatorAsked: boolean }) =>
  siteWide || work.restricted || work.anonymous || work.creatorAsked;

/**
 * An anonymous work's creators are shown to its creators only. Work pages are cached for every
 * reader who is not a creator (admins included), so admins see them on admin pages instead.
 */
export const showsCreators = (viewer: Viewer, work: { anonymous: boolean; creatorUserIds: readonly number[] }) =>
  !work.anonymous || isCreator(viewer, work);
