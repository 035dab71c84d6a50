import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTagList } from './parse.js';

const typed = fc.array(fc.oneof(fc.string({ maxLength: 15 }), fc.constantFrom(',', ', ', ' ,', '\t', '  ', 'Alec', 'ALEC', 'alec ')), { maxLength: 20 }).map((p) => p.join(''));

describe('tag lists as writers type them', () => {
  it('never yields an empty name, a comma, untrimmed space or a repeat in any case', () => {
    fc.assert(fc.property(typed, (input) => {
      const names = parseTagList(input);
      const keys = names.map((n) => n.toLowerCase());
      expect(new Set(keys).size).toBe(keys.length);
      for (const n of names) {
        expect(n).not.toBe('');
        expect(n).not.toContain(',');
        expect(n).toBe(n.trim());
        expect(n).not.toMatch(/\s{2}/);
      }
    }), { numRuns: 500 });
  });

  it('reads its own output back unchanged', () => {
    fc.assert(fc.property(typed, (input) => {
      const names = parseTagList(input);
      expect(parseTagList(names.join(', '))).toEqual(names);
    }), { numRuns: 500 });
  });
});
