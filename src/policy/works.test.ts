import { describe, expect, it } from 'vitest';
import { canRespond, isSuspended, suspendedMaySend } from './accounts.js';
import { canAdmin, canWrangle } from './tags.js';
import { GUEST, type Viewer } from './viewer.js';
import { canEditWork, canPostWorks, canReadWork, listingVisibility, showsCreators, type WorkFacts } from './works.js';

const user = (id: number, over: Partial<Extract<Viewer, { kind: 'user' }>> = {}): Viewer =>
  ({ kind: 'user', id, login: `u${id}`, isAdmin: false, isWrangler: false, ...over });
const admin = user(99, { isAdmin: true });
const wrangler = user(98, { isWrangler: true });
const future = new Date(Date.now() + 86_400_000).toISOString();
const past = new Date(Date.now() - 86_400_000).toISOString();
const suspended = user(3, { suspendedUntil: future });
const work = (over: Partial<WorkFacts> = {}): WorkFacts => ({ status: 'posted', restricted: false, hidden: false, creatorUserIds: [1, 2], ...over });

describe('work policy', () => {
  it.each([
    ['guest, posted', GUEST, work(), true],
    ['guest, restricted', GUEST, work({ restricted: true }), false],
    ['guest, draft', GUEST, work({ status: 'draft' }), false],
    ['guest, hidden', GUEST, work({ hidden: true }), false],
    ['reader, restricted', user(3), work({ restricted: true }), true],
    ['reader, draft', user(3), work({ status: 'draft' }), false],
    ['reader, hidden', user(3), work({ hidden: true }), false],
    ['wrangler, hidden', wrangler, work({ hidden: true }), false],
    ['suspended reader, posted', suspended, work(), true],
    ['suspended reader, restricted', suspended, work({ restricted: true }), true],
    ['admin, draft', admin, work({ status: 'draft' }), false],
    ['admin, hidden', admin, work({ hidden: true }), true],
    ['admin, hidden restricted', admin, work({ hidden: true, restricted: true }), true],
    ['creator, draft', user(1), work({ status: 'draft' }), true],
    ['creator, hidden', user(1), work({ hidden: true }), true],
    ['co-creator, restricted draft', user(2), work({ status: 'draft', restricted: true }), true],
    ['co-creator, hidden', user(2), work({ hidden: true }), true],
  ])('%s: read %s', (_name, viewer, facts, expected) => {
    expect(canReadWork(viewer, facts)).toBe(expected);
  });

  it('lets only creators edit, and not while suspended', () => {
    expect(canEditWork(user(1), work())).toBe(true);
    expect(canEditWork(user(1), work({ hidden: true }))).toBe(true);
    expect(canEditWork(user(1, { suspendedUntil: future }), work())).toBe(false);
    expect(canEditWork(user(1, { suspendedUntil: past }), work())).toBe(true);
    expect(canEditWork(user(3), work())).toBe(false);
    expect(canEditWork(GUEST, work())).toBe(false);
    expect(canEditWork(admin, work())).toBe(false);
  });

  it('lists restricted works for signed-in viewers only', () => {
    expect(listingVisibility(GUEST).includeRestricted).toBe(false);
    expect(listingVisibility(user(3)).includeRestricted).toBe(true);
  });

  it('shows an anonymous work’s creators to its creators only', () => {
    const anon = { anonymous: true, creatorUserIds: [1] };
    expect(showsCreators(user(1), anon)).toBe(true);
    expect(showsCreators(user(3), anon)).toBe(false);
    expect(showsCreators(GUEST, anon)).toBe(false);
    expect(showsCreators(admin, anon)).toBe(false);
    expect(showsCreators(GUEST, { anonymous: false, creatorUserIds: [1] })).toBe(true);
  });
});

describe('account policy', () => {
  it('lets a suspended user read and sign in but not post or respond, until the date', () => {
    expect(isSuspended(suspended)).toBe(true);
    expect(canPostWorks(suspended)).toBe(false);
    expect(canRespond(suspended)).toBe(false);
    expect(canPostWorks(user(3, { suspendedUntil: past }))).toBe(true);
    expect(canRespond(user(3))).toBe(true);
    expect(canRespond(GUEST)).toBe(false);
    expect(suspendedMaySend('/logout')).toBe(true);
    expect(suspendedMaySend('/settings/password')).toBe(true);
    expect(suspendedMaySend('/news/1/dismiss')).toBe(true);
    expect(suspendedMaySend('/works')).toBe(false);
    expect(suspendedMaySend('/works/1/kudos')).toBe(false);
  });

  it('keeps roles apart', () => {
    expect(canAdmin(admin)).toBe(true);
    expect(canAdmin(wrangler)).toBe(false);
    expect(canWrangle(admin)).toBe(true);
    expect(canWrangle(user(3))).toBe(false);
  });
});
