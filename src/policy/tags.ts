import type { Viewer } from './viewer.js';

/** Wrangling changes what every reader's filters mean, so it is a trusted role (admins hold it too). */
export const canWrangle = (viewer: Viewer) => viewer.kind === 'user' && (viewer.isWrangler || viewer.isAdmin);

export const canAdmin = (viewer: Viewer) => viewer.kind === 'user' && viewer.isAdmin;
