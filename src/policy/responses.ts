import type { CommentPermission } from '../db/schema.js';
import { seesHiddenComment } from './commentHiding.js';
import type { Viewer } from './viewer.js';
import { canReadWork, isCreator, type WorkFacts } from './works.js';

/** A work's facts plus its creators' choices about comments. */
export type ResponseFacts = WorkFacts & { commentPermission: CommentPermission; moderateComments: boolean };

/** Why a response is refused, in words shown to the person refused. */
export type Refusal = { refused: string };

export const MAX_COMMENT_DEPTH = 5;

/** Anyone who may read a posted work may leave kudos on it, except its creators and those they blocked (as on AO3). */
export function mayLeaveKudos(viewer: Viewer, work: WorkFacts, blocked: boolean): 'ok' | 'not-found' | Refusal {
  if (!canReadWork(viewer, work) || work.status !== 'posted') return 'not-found';
  if (isCreator(viewer, work)) return { refused: 'You can’t leave kudos on your own work.' };
  if (blocked) return { refused: 'You can’t leave kudos here: the creator has blocked you.' };
  return 'ok';
}

/**
 * May this viewer comment on a work (or reply in it)? `blocked` says whether a creator of the work,
 * or the author of the comment replied to, has blocked the viewer.
 */
export function mayComment(viewer: Viewer, work: ResponseFacts, blocked: boolean): 'ok' | 'not-found' | Refusal {
  if (!canReadWork(viewer, work) || work.status !== 'posted') return 'not-found';
  if (isCreator(viewer, work)) return 'ok';
  if (blocked) return { refused: 'You can’t comment here: the creator has blocked you.' };
  if (work.commentPermission === 'none') return { refused: 'The creator has turned off comments on this work.' };
  if (work.commentPermission === 'users' && viewer.kind !== 'user') return { refused: 'Only signed-in users can comment on this work. Sign in to comment.' };
  return 'ok';
}

/** Creators of a work moderate every comment on it: delete, freeze, approve. */
export const mayModerateComments = (viewer: Viewer, work: WorkFacts) => isCreator(viewer, work);

/**
 * Held comments are seen by the work's creators and the commenter alone; deleted text by nobody;
 * comments an admin hid by the commenter and the admins.
 */
export function maySeeComment(viewer: Viewer, work: WorkFacts, comment: { status: 'visible' | 'held'; userId: number | null; hidden: boolean }) {
  if (comment.hidden && !seesHiddenComment(viewer, comment)) return false;
  if (comment.status === 'visible') return true;
  return isCreator(viewer, work) || (viewer.kind === 'user' && comment.userId === viewer.id);
}

export const mayEditComment = (viewer: Viewer, comment: { userId: number | null }) => viewer.kind === 'user' && comment.userId === viewer.id;

export const mayDeleteComment = (viewer: Viewer, work: WorkFacts, comment: { userId: number | null }) =>
  mayEditComment(viewer, comment) || mayModerateComments(viewer, work);
