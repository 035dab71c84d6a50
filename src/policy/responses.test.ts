import { describe, expect, it } from 'vitest';
import { GUEST, type Viewer } from './viewer.js';
import { mayComment, mayDeleteComment, mayEditComment, mayLeaveKudos, maySeeComment, type ResponseFacts } from './responses.js';

const user = (id: number): Viewer => ({ kind: 'user', id, login: `u${id}`, isAdmin: false, isWrangler: false });
const work = (over: Partial<ResponseFacts> = {}): ResponseFacts =>
  ({ status: 'posted', restricted: false, hidden: false, creatorUserIds: [1], commentPermission: 'everyone', moderateComments: false, ...over });

describe('response policy', () => {
  it.each([
    ['a reader', user(3), work(), false, 'ok'],
    ['a guest', GUEST, work(), false, 'ok'],
    ['a guest, restricted', GUEST, work({ restricted: true }), false, 'not-found'],
    ['a reader, draft', user(3), work({ status: 'draft' }), false, 'not-found'],
    ['the creator', user(1), work(), false, { refused: expect.stringContaining('own work') }],
    ['a blocked reader', user(3), work(), true, { refused: expect.stringContaining('blocked') }],
  ])('kudos from %s', (_name, viewer, facts, blocked, expected) => {
    expect(mayLeaveKudos(viewer, facts, blocked)).toEqual(expected);
  });

  it.each([
    ['a guest, everyone', GUEST, work(), false, 'ok'],
    ['a guest, users only', GUEST, work({ commentPermission: 'users' }), false, { refused: expect.stringContaining('signed-in') }],
    ['a reader, users only', user(3), work({ commentPermission: 'users' }), false, 'ok'],
    ['a reader, nobody', user(3), work({ commentPermission: 'none' }), false, { refused: expect.stringContaining('turned off') }],
    ['the creator, nobody', user(1), work({ commentPermission: 'none' }), false, 'ok'],
    ['a blocked reader', user(3), work(), true, { refused: expect.stringContaining('blocked') }],
    ['a guest, restricted', GUEST, work({ restricted: true }), false, 'not-found'],
    ['a blocked reader, draft', user(3), work({ status: 'draft' }), true, 'not-found'],
  ])('comments from %s', (_name, viewer, facts, blocked, expected) => {
    expect(mayComment(viewer, facts, blocked)).toEqual(expected);
  });

  it('shows held comments to the creators and the commenter only', () => {
    const held = { status: 'held' as const, userId: 3, hidden: false };
    expect(maySeeComment(user(1), work(), held)).toBe(true);
    expect(maySeeComment(user(3), work(), held)).toBe(true);
    expect(maySeeComment(user(4), work(), held)).toBe(false);
    expect(maySeeComment(GUEST, work(), { status: 'held', userId: null, hidden: false })).toBe(false);
    expect(maySeeComment(GUEST, work(), { status: 'visible', userId: 3, hidden: false })).toBe(true);
  });

  it('shows a comment an admin hid to its author and the admins only, not the creators', () => {
    const hidden = { status: 'visible' as const, userId: 3, hidden: true };
    expect(maySeeComment(user(3), work(), hidden)).toBe(true);
    expect(maySeeComment({ kind: 'user', id: 9, login: 'u9', isAdmin: true, isWrangler: false }, work(), hidden)).toBe(true);
    expect(maySeeComment(user(1), work(), hidden)).toBe(false);
    expect(maySeeComment(user(4), work(), hidden)).toBe(false);
    expect(maySeeComment(GUEST, work(), hidden)).toBe(false);
    expect(maySeeComment(GUEST, work(), { status: 'visible', userId: null, hidden: true })).toBe(false);
  });

  it('lets commenters edit their own, and creators delete any on their work', () => {
    expect(mayEditComment(user(3), { userId: 3 })).toBe(true);
    expect(mayEditComment(user(1), { userId: 3 })).toBe(false);
    expect(mayEditComment(GUEST, { userId: null })).toBe(false);
    expect(mayDeleteComment(user(1), work(), { userId: 3 })).toBe(true);
    expect(mayDeleteComment(user(4), work(), { userId: 3 })).toBe(false);
  });
});
