import type { Viewer } from './viewer.js';

export type BookmarkFacts = { userId: number; private: boolean };

export const isBookmarkOwner = (viewer: Viewer, b: Pick<BookmarkFacts, 'userId'>) => viewer.kind === 'user' && viewer.id === b.userId;

/** Private bookmarks are for their owner alone; public ones for whoever may see what they point at. */
export const canSeeBookmark = (viewer: Viewer, b: BookmarkFacts) => !b.private || isBookmarkOwner(viewer, b);

/** Only signed-in readers keep bookmarks and subscriptions (their lists are theirs). */
export const canKeepResponses = (viewer: Viewer): viewer is Extract<Viewer, { kind: 'user' }> => viewer.kind === 'user';

/** A user's subscription list and update inbox are theirs alone. */
export const canSeeOwnList = (viewer: Viewer, ownerId: number) => viewer.kind === 'user' && viewer.id === ownerId;
