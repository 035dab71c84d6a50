import { describe, expect, it } from 'vitest';
import { tagNameFromSlug, tagSlug } from './urls.js';

describe('tag URLs', () => {
  it.each(['Magnus Bane/Alec Lightwood', 'Rape/Non-Con', 'F/M', 'Dr. Who & Co?', 'a*s*b', '#1 Fan', 'Ünïcödé 日本'])(
    'round-trips %s',
    (name) => {
      const slug = tagSlug(name);
      expect(slug).not.toMatch(/[/.?#&]/);
      expect(tagNameFromSlug(decodeURIComponent(slug))).toBe(name);
    },
  );
});
