import type { CommentRow } from './store.js';

/** How a comment shows in a thread: in full, or as a placeholder that keeps its replies in place. */
export type ShownComment =
  | { kind: 'comment'; comment: CommentRow; replies: ShownComment[] }
  | { kind: 'placeholder'; id: number; reason: 'deleted' | 'muted' | 'removed'; replies: ShownComment[] };

/**
 * Builds threads from a work's comments (in id order, so parents come first). `show` says what
 * the viewer gets of each: 'full', a placeholder, or nothing (a held comment not for them). A
 * placeholder with nothing under it is left out, and so is anything under a comment left out.
 */
export function buildThreads(rows: readonly CommentRow[], show: (c: CommentRow) => 'full' | 'muted' | 'removed' | 'hidden'): ShownComment[] {
  const nodes = new Map<number, ShownComment>();
  const roots: ShownComment[] = [];
  for (const c of rows) {
    const parent = c.parentId === null ? null : nodes.get(c.parentId);
    if (c.parentId !== null && !parent) continue;
    const how = c.deleted ? 'deleted' : show(c);
    if (how === 'hidden') continue;
    const node: ShownComment = how === 'full' ? { kind: 'comment', comment: c, replies: [] } : { kind: 'placeholder', id: c.id, reason: how, replies: [] };
    nodes.set(c.id, node);
    (parent ? parent.replies : roots).push(node);
  }
  const prune = (list: ShownComment[]): ShownComment[] =>
    list.flatMap((n) => {
      n.replies = prune(n.replies);
      return n.kind === 'placeholder' && n.replies.length === 0 ? [] : [n];
    });
  return prune(roots);
}

/** The comment and every reply under it. */
export function subtreeIds(rows: readonly CommentRow[], rootId: number): number[] {
  const ids = [rootId];
  const inTree = new Set(ids);
  for (const c of rows) {
    if (c.parentId !== null && inTree.has(c.parentId) && !inTree.has(c.id)) {
      inTree.add(c.id);
      ids.push(c.id);
    }
  }
  return ids;
}

export const countShown = (list: readonly ShownComment[]): number =>
  list.reduce((n, c) => n + (c.kind === 'comment' ? 1 : 0) + countShown(c.replies), 0);
