/** Who is asking. Every visibility and permission decision starts from this. */
export type Viewer =
  | { kind: 'guest' }
  | { kind: 'user'; id: number; login: string; isAdmin: boolean; isWrangler: boolean };

export const GUEST: Viewer = { kind: 'guest' };
