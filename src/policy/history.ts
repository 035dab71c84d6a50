import type { Viewer } from './viewer.js';
import { isCreator, type WorkFacts } from './works.js';

/** A reader's history and Marked for Later list are theirs alone. */
export const canSeeReadings = (viewer: Viewer, ownerId: number) => viewer.kind === 'user' && viewer.id === ownerId;

/** A writer's stats page (all their works) is theirs alone. */
export const canSeeUserStats = (viewer: Viewer, ownerId: number) => viewer.kind === 'user' && viewer.id === ownerId;

/** A work's stats are for its creators. */
export const canSeeWorkStats = (viewer: Viewer, work: WorkFacts) => isCreator(viewer, work);
