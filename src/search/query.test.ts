import { describe, expect, it } from 'vitest';
import { clauseTerms, formatQuery, MAX_QUERY_LENGTH, parseQuery, QUERY_MESSAGES, type Clause, type ParsedQuery } from './query.js';
import { tokenize } from './text/tokenize.js';

function parsed(input: string): ParsedQuery {
  const r = parseQuery(input);
  if (!r.ok) throw new Error(`"${input}" did not parse: ${r.message}`);
  return r.query;
}

function message(input: string): string {
  const r = parseQuery(input);
  if (r.ok) throw new Error(`"${input}" parsed, but should not have`);
  return r.message;
}

/** A clause as [field, negated, words] for compact expectations. */
const brief = (c: Clause) => [c.field, c.negated, clauseTerms(c).join(' ')];

/** A tiny seeded PRNG (mulberry32), so the random tests are the same on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('tokenize', () => {
  it('splits on anything but letters, digits and marks, lower-cases and drops accents', () => {
    expect(tokenize('The Letter & the KEY!')).toEqual(['the', 'letter', 'the', 'key']);
    expect(tokenize('Café naïve Ærø ÉCOLE')).toEqual(['cafe', 'naive', 'ærø', 'ecole']);
    expect(tokenize('cafe\u0301')).toEqual(['cafe']);
    expect(tokenize('Hurt/Comfort well-known x_y 3.14')).toEqual(['hurt', 'comfort', 'well', 'known', 'x', 'y', '3', '14']);
    expect(tokenize('東京 では')).toEqual(['東京', 'では']);
  });

  it('treats every kind of apostrophe as a word break', () => {
    for (const s of ["Meow's", 'Meow’s', 'Meowʼs', 'Meow‘s']) expect(tokenize(s)).toEqual(['meow', 's']);
  });

  it('cuts very long words', () => {
    expect(tokenize('a'.repeat(5000))[0]).toHaveLength(200);
  });
});

describe('parseQuery', () => {
  it('ANDs free words, case-insensitively', () => {
    expect(parsed('Dragon  KEY').clauses.map(brief)).toEqual([['any', false, 'dragon'], ['any', false, 'key']]);
    expect(parsed('Dragon').clauses[0]).toEqual({ kind: 'word', field: 'any', negated: false, source: 'Dragon', term: 'dragon' });
  });

  it('reads quoted phrases, straight or curly', () => {
    const q = parsed('"in Chairman Meow\'s bed" “the key”');
    expect(q.clauses.map(brief)).toEqual([['any', false, 'in chairman meow s bed'], ['any', false, 'the key']]);
    expect(q.clauses[0]).toMatchObject({ kind: 'phrase', source: "in Chairman Meow's bed" });
  });

  it('looks for a word the tokenizer splits as the phrase of its parts', () => {
    expect(parsed("Meow's").clauses[0]).toEqual({ kind: 'phrase', field: 'any', negated: false, source: "Meow's", terms: ['meow', 's'] });
    expect(parsed('Meow’s').clauses.map(brief)).toEqual([['any', false, 'meow s']]);
    expect(parsed('"key"').clauses[0]).toMatchObject({ kind: 'word', term: 'key' });
  });

  it('reads exclusions of words, phrases and fields', () => {
    expect(parsed('key -angst -"happy ending" -tag:"Major Character Death"').clauses.map(brief)).toEqual([
      ['any', false, 'key'], ['any', true, 'angst'], ['any', true, 'happy ending'], ['tag', true, 'major character death'],
    ]);
    // A dash inside a word or on its own is not an exclusion.
    expect(parsed('well-known - key').clauses.map(brief)).toEqual([['any', false, 'well known'], ['any', false, 'key']]);
  });

  it('reads field restrictions, quoted or not, with any case of field name', () => {
    expect(parsed('title:key TITLE:"the Letter" creator:alec_l author:"Magnus B" tag:"Hurt/Comfort" tags:angst').clauses.map(brief)).toEqual([
      ['title', false, 'key'], ['title', false, 'the letter'], ['creator', false, 'alec l'], ['creator', false, 'magnus b'],
      ['tag', false, 'hurt comfort'], ['tag', false, 'angst'],
    ]);
    // An unknown field name is just text.
    expect(parsed('re:zero').clauses.map(brief)).toEqual([['any', false, 're zero']]);
  });

  it('gives a sentence for bad input', () => {
    expect(message('')).toBe(QUERY_MESSAGES.empty);
    expect(message('   \n ')).toBe(QUERY_MESSAGES.empty);
    expect(message('"in Chairman')).toBe(QUERY_MESSAGES.unbalanced);
    expect(message('key tag:"Angst')).toBe(QUERY_MESSAGES.unbalanced);
    expect(message('-angst -"happy ending"')).toBe(QUERY_MESSAGES.onlyExclusions);
    expect(message('-angst')).toMatch(/^Add at least one word to look for/);
    expect(message('!!! ...')).toBe(QUERY_MESSAGES.noWords);
    expect(message('title:')).toBe(QUERY_MESSAGES.emptyField('title'));
    expect(message('x'.repeat(MAX_QUERY_LENGTH + 1))).toBe(QUERY_MESSAGES.tooLong);
    expect(message('word '.repeat(2000))).toBe(QUERY_MESSAGES.tooLong);
    for (const m of Object.values(QUERY_MESSAGES)) {
      const text = typeof m === 'function' ? m('tag') : m;
      expect(text).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('accepts a query of exactly the longest length', () => {
    expect(parsed('ab '.repeat(333)).clauses).toHaveLength(333);
  });

  it('never throws on random input, and what it reads writes back to the same query', () => {
    const random = prng(20261125);
    const alphabet = ['a', 'b', 'Z', 'é', '東', '1', ' ', ' ', '\t', '\n', '"', '“', '”', '-', '-', ':', "'", '’', '/', '\\', '(', ')', '*', '{', '}', '\u0301', '\u0000', '😀',
      'title:', 'tag:', 'creator:', 'author:', 'NOT ', 'OR ', 'AND ', 'NEAR(', '^'];
    let ok = 0;
    for (let i = 0; i < 5000; i++) {
      const length = Math.floor(random() * (i % 100 === 0 ? 1200 : 40));
      let input = '';
      for (let k = 0; k < length; k++) input += alphabet[Math.floor(random() * alphabet.length)];
      const r = parseQuery(input);
      if (r.ok) {
        ok++;
        expect(r.query.clauses.some((c) => !c.negated)).toBe(true);
        for (const c of r.query.clauses) {
          for (const t of clauseTerms(c)) expect(tokenize(t)).toEqual([t]);
        }
        const again = parseQuery(formatQuery(r.query));
        expect(again.ok && again.query.clauses.map(brief)).toEqual(r.query.clauses.map(brief));
      } else {
        expect(r.message).toMatch(/^[A-Z].*\.$/);
      }
    }
    expect(ok).toBeGreaterThan(500);
  });
});
