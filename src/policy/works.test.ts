import { describe, expect, it } from 'vitest';
import { GUEST, type Viewer } from './viewer.js';
import { canEditWork, canReadWork, listingVisibility, type WorkFacts } from './works.js';

const user = (id: number): Viewer => ({ kind: 'user', id, login: `u${id}`, isAdmin: false, isWrangler: false });
const admin: Viewer = { kind: 'user', id: 99, login: 'admin', isAdmin: true, isWrangler: false };
const work = (over: Partial<WorkFacts> = {}): WorkFacts => ({ status: 'posted', restricted: false, creatorUserIds: [1, 2], ...over });

describe('work policy', () => {
  it.each([
    ['guest, posted', GUEST, work(), true],
    ['guest, restricted', GUEST, work({ restricted: true }), false],
    ['guest, draft', GUEST, work({ status: 'draft' }), false],
    ['reader, restricted', user(3), work({ restricted: true }), true],
    ['reader, draft', user(3), work({ status: 'draft' }), false],
    ['admin, draft', admin, work({ status: 'draft' }), false],
    ['creator, draft', user(1), work({ status: 'draft' }), true],
    ['co-creator, restricted draft', user(2), work({ status: 'draft', restricted: true }), true],
  ])('%s: read %s', (_name, viewer, facts, expected) => {
    expect(canReadWork(viewer, facts)).toBe(expected);
  });

  it('lets only creators edit', () => {
    expect(canEditWork(user(1), work())).toBe(true);
    expect(canEditWork(user(3), work())).toBe(false);
    expect(canEditWork(GUEST, work())).toBe(false);
    expect(canEditWork(admin, work())).toBe(false);
  });

  it('lists restricted works for signed-in viewers only', () => {
    expect(listingVisibility(GUEST).includeRestricted).toBe(false);
    expect(listingVisibility(user(3)).includeRestricted).toBe(true);
  });
});
