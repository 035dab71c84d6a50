/** Who is asking. Every visibility and permission decision starts from this. */
export type Viewer =
  | { kind: 'guest' }
  | {
    kind: 'user'; id: number; login: string; isAdmin: boolean; isWrangler: boolean;
    /** Set while an admin's suspension lasts: the user may read but not post or respond. */
    suspendedUntil?: string | null;
  };

export const GUEST: Viewer = { kind: 'guest' };
