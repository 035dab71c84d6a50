/** Who is asking. Every visibility and permission decision starts from this. */
export type Viewer =
  | { kind: 'guest' }
  | {
    kind: 'user'; id: number; login: string; isAdmin: boolean; isWrangler: boolean;
    /** Set while an admin's suspension lasts: the user may read but not post or respond. */
    suspendedUntil?: string | null;
  };

export const GUEST: Viewer = { kind: 'guest' };

/**
 * Any signed-in reader who created nothing: what is made once for every such reader (a
 * downloaded file of a restricted work) is drawn as they would all see it.
 */
export const ANY_READER: Viewer = { kind: 'user', id: 0, login: '', isAdmin: false, isWrangler: false };
