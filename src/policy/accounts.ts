import type { Viewer } from './viewer.js';

/** Suspended: may sign in and read, but not post, comment, leave kudos or change works. */
export const isSuspended = (viewer: Viewer, now = new Date()) =>
  viewer.kind === 'user' && !!viewer.suspendedUntil && viewer.suspendedUntil > now.toISOString();

/** Comments, kudos, bookmarks and any other response to a work. */
export const canRespond = (viewer: Viewer) => viewer.kind === 'user' && !isSuspended(viewer);

/**
 * What a suspended user may still send: signing in and out, their account's settings (password,
 * sessions, two-factor), abuse reports and dismissing news. Every other unsafe request is refused before any
 * route runs, so a route added later is covered without knowing of suspensions.
 */
export function suspendedMaySend(path: string): boolean {
  return path === '/login' || path === '/login/code' || path === '/logout' || path.startsWith('/settings/') || path === '/reports' || path.startsWith('/news/');
}
