import { describe, expect, it } from 'vitest';
import type { CommentRow } from './store.js';
import { buildThreads, countShown, subtreeIds } from './threads.js';

const row = (id: number, parentId: number | null, over: Partial<CommentRow> = {}): CommentRow => ({
  id, workId: 1, chapterId: null, parentId, depth: 1, userId: id, login: `u${id}`, pseud: null, guestName: null,
  body: `<p>${id}</p>`, status: 'visible', deleted: false, frozen: false, hidden: false, createdAt: '', editedAt: null, ...over,
});

describe('threads', () => {
  const rows = [row(1, null), row(2, 1), row(3, 2), row(4, null, { deleted: true }), row(5, 4), row(6, null, { deleted: true }), row(7, null)];

  it('nests replies under their parents and keeps a deleted comment only where it has replies', () => {
    const threads = buildThreads(rows, () => 'full');
    expect(threads.map((t) => (t.kind === 'comment' ? t.comment.id : `deleted ${t.id}`))).toEqual([1, 'deleted 4', 7]);
    expect(countShown(threads)).toBe(5);
  });

  it('leaves out what the viewer may not see, with everything under it', () => {
    const threads = buildThreads(rows, (c) => (c.id === 2 ? 'hidden' : c.id === 7 ? 'muted' : 'full'));
    expect(countShown(threads)).toBe(2);
    expect(threads[0]!.replies).toEqual([]);
    // A muted comment with no replies leaves no trace.
    expect(threads).toHaveLength(2);
  });

  it('finds a comment’s whole subtree', () => {
    expect(subtreeIds(rows, 1)).toEqual([1, 2, 3]);
    expect(subtreeIds(rows, 4)).toEqual([4, 5]);
  });
});
