import type { Viewer } from './viewer.js';

/** Wrangling changes what every reader's filters mean, so it is a trusted role (admins hold it too). */
export const canWrangle = (viewer: Viewer) => viewer.kind === 'user' && (viewer.isWrangler || viewer.isAdmin);

export const canAdmin = (viewer: Viewer) => viewer.kind === 'user' && viewer.isAdmin;

/**
 * Tag names can give away what is in works a viewer may not read. A tag is shown when it is
 * canonical (wranglers chose it for everyone), when a work this viewer may list carries it, or
 * to those who wrangle it.
 */
export const canSeeTag = (viewer: Viewer, tag: { canonical: boolean; visibleWorks: number }) =>
  tag.canonical || tag.visibleWorks > 0 || canWrangle(viewer);
