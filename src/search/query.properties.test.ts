import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatQuery, parseQuery } from './query.js';

const query = fc.array(fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.constantFrom('"', '“', '”', '-', ' ', 'title:', 'creator:', 'tag:', 'TAG:', 'Chairman', 'Meow’s', 'bed', '-bed', ':', '\u0000', 'ß', '東京'),
), { maxLength: 25 }).map((p) => p.join(''));

describe('the search box language, on generated queries', () => {
  it('answers every input with a query or a message, never an exception', () => {
    fc.assert(fc.property(query, (input) => {
      const parsed = parseQuery(input);
      if (parsed.ok) expect(parsed.query.clauses.length).toBeGreaterThan(0);
      else expect(parsed.message.length).toBeGreaterThan(0);
    }), { numRuns: 1000 });
  });

  it('writes a parsed query back in a form that parses to the same query', () => {
    fc.assert(fc.property(query, (input) => {
      const parsed = parseQuery(input);
      if (!parsed.ok) return;
      const again = parseQuery(formatQuery(parsed.query));
      expect(again.ok && formatQuery(again.query)).toBe(formatQuery(parsed.query));
    }), { numRuns: 1000 });
  });
});
