import type { Viewer } from './viewer.js';
import { canAdmin } from './tags.js';

/** Admins (and no one else) hide comments and show them again. */
export const mayHideComments = (viewer: Viewer) => canAdmin(viewer);

/** A comment an admin hid is seen by its author and the admins alone, not even by the work's creators. */
export const seesHiddenComment = (viewer: Viewer, comment: { userId: number | null }) =>
  canAdmin(viewer) || (viewer.kind === 'user' && comment.userId === viewer.id);
