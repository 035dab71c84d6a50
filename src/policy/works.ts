import type { WorkStatus } from '../db/schema.js';
import type { Viewer } from './viewer.js';

/** The facts about a work that decide who may see it and act on it. */
export type WorkFacts = { status: WorkStatus; restricted: boolean; creatorUserIds: readonly number[] };

export const isCreator = (viewer: Viewer, work: WorkFacts) =>
  viewer.kind === 'user' && work.creatorUserIds.includes(viewer.id);

/** Drafts are for their creators alone; restricted works for signed-in readers. */
export function canReadWork(viewer: Viewer, work: WorkFacts): boolean {
  if (isCreator(viewer, work)) return true;
  if (work.status !== 'posted') return false;
  return !work.restricted || viewer.kind === 'user';
}

export const canEditWork = (viewer: Viewer, work: WorkFacts) => isCreator(viewer, work);

/**
 * Listings, counts and search ask this instead of re-deriving the rule: which posted works a
 * viewer may see in lists. Drafts never appear in public lists, not even to their creators.
 */
export type ListingVisibility = { includeRestricted: boolean };
export const listingVisibility = (viewer: Viewer): ListingVisibility => ({ includeRestricted: viewer.kind === 'user' });

export const canPostWorks = (viewer: Viewer) => viewer.kind === 'user';
