import { describe, expect, it } from 'vitest';
import { canAddToSeries, canSeeSeries, isVisiblePart } from './series.js';
import { canSeeBookmark } from './bookmarks.js';
import { shouldNotify } from './subscriptions.js';
import { GUEST, type Viewer } from './viewer.js';
import type { WorkFacts } from './works.js';

const user = (id: number): Viewer => ({ kind: 'user', id, login: `u${id}`, isAdmin: false, isWrangler: false });
const part = (over: Partial<WorkFacts> = {}): WorkFacts => ({ status: 'posted', restricted: false, hidden: false, creatorUserIds: [1], ...over });
const series = { userId: 1 };

describe('series policy', () => {
  it.each([
    ['guest, posted', GUEST, part(), true],
    ['guest, restricted', GUEST, part({ restricted: true }), false],
    ['reader, restricted', user(2), part({ restricted: true }), true],
    ['reader, draft', user(2), part({ status: 'draft' }), false],
    ['creator, own draft', user(1), part({ status: 'draft' }), false],
  ])('%s: part listed %s', (_n, viewer, facts, expected) => {
    expect(isVisiblePart(viewer, facts)).toBe(expected);
  });

  it('hides a series whose every part is hidden, except from its owner', () => {
    const hidden = [part({ restricted: true }), part({ status: 'draft' })];
    expect(canSeeSeries(GUEST, series, hidden)).toBe(false);
    expect(canSeeSeries(user(2), series, hidden)).toBe(true);
    expect(canSeeSeries(user(2), series, [part({ status: 'draft' })])).toBe(false);
    expect(canSeeSeries(user(2), series, [])).toBe(false);
    expect(canSeeSeries(user(1), series, [])).toBe(true);
  });

  it('lets only the owner add, and only works they created', () => {
    expect(canAddToSeries(user(1), series, part())).toBe(true);
    expect(canAddToSeries(user(1), series, part({ creatorUserIds: [2] }))).toBe(false);
    expect(canAddToSeries(user(2), series, part({ creatorUserIds: [2] }))).toBe(false);
    expect(canAddToSeries(GUEST, series, part())).toBe(false);
  });
});

describe('bookmark and notification policy', () => {
  it('shows private bookmarks to their owner alone', () => {
    expect(canSeeBookmark(user(2), { userId: 2, private: true })).toBe(true);
    expect(canSeeBookmark(user(3), { userId: 2, private: true })).toBe(false);
    expect(canSeeBookmark(GUEST, { userId: 2, private: false })).toBe(true);
  });

  it('tells subscribers of posted works they may read, never the creators', () => {
    expect(shouldNotify(user(2), part())).toBe(true);
    expect(shouldNotify(user(2), part({ restricted: true }))).toBe(true);
    expect(shouldNotify(user(1), part())).toBe(false);
    expect(shouldNotify(user(2), part({ status: 'draft' }))).toBe(false);
    expect(shouldNotify(GUEST, part())).toBe(false);
  });
});
