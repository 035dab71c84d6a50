import { describe, expect, it } from 'vitest';
import { parseQuery, type ParsedQuery } from './query.js';
import { snippet, type Snippet } from './snippet.js';

function q(input: string): ParsedQuery {
  const r = parseQuery(input);
  if (!r.ok) throw new Error(r.message);
  return r.query;
}

/** The snippet as text with [brackets] around hits. */
const show = (s: Snippet) => s.parts.map((p) => (p.hit ? `[${p.text}]` : p.text)).join('');

const LONG = `${'Pushing away the past few months that had been a blur of horror and chaos. '.repeat(6)}`
  + 'The key, by the way, is in Chairman Meow\'s bed. Whilst I was writing this, he started to play with it. '
  + `${'He saw Alec as he had left him, his face so open, so honest. '.repeat(6)}`;

describe('snippet', () => {
  it('shows a short text whole, with every occurrence marked', () => {
    const s = snippet('The key is in the bed; the KEY.', q('key'));
    expect(show(s)).toBe('The [key] is in the bed; the [KEY].');
    expect(s.cutStart).toBe(false);
    expect(s.cutEnd).toBe(false);
  });

  it('marks a phrase as one run, and words of it on their own too', () => {
    expect(show(snippet('Meow. In Chairman Meow’s bed, Meow’s toy.', q('"in Chairman Meow\'s bed"')))).toBe('Meow. [In Chairman Meow’s bed], Meow’s toy.');
    expect(show(snippet('Meow. In Chairman Meow’s bed, Meow’s toy.', q("Meow's")))).toBe('Meow. In Chairman [Meow’s] bed, [Meow’s] toy.');
    expect(show(snippet('Meow. In Chairman Meow’s bed.', q('meow bed')))).toBe('[Meow]. In Chairman [Meow]’s [bed].');
  });

  it('cuts a window around the first match at word boundaries, with ellipses', () => {
    const s = snippet(LONG, q('"chairman meow\'s bed"'), 120);
    const text = show(s);
    expect(s.cutStart).toBe(true);
    expect(s.cutEnd).toBe(true);
    expect(text).toContain('[Chairman Meow\'s bed]');
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    const inner = text.slice(1, -1).replace(/[[\]]/g, '');
    expect(inner.length).toBeLessThanOrEqual(120);
    expect(LONG).toContain(inner);
    // Whole words at both ends.
    const at = LONG.indexOf(inner);
    expect(LONG[at - 1]).toBe(' ');
    expect(LONG[at + inner.length]).toBe(' ');
  });

  it('ignores excluded and field-restricted words', () => {
    expect(show(snippet('The key and the bed.', q('key -bed title:the')))).toBe('The [key] and the bed.');
  });

  it('gives the start of the text when nothing matches there', () => {
    const s = snippet(LONG, q('title:dragon'), 50);
    expect(s.cutStart).toBe(false);
    expect(s.cutEnd).toBe(true);
    expect(show(s)).toBe('Pushing away the past few months that had been a…');
    expect(s.parts.every((p) => !p.hit)).toBe(true);
  });

  it('makes white space single spaces and never loses or invents text', () => {
    const text = 'First  paragraph\n\nsecond <b>key</b> & "quote"';
    const s = snippet(text, q('key'));
    expect(s.parts.map((p) => p.text).join('')).toBe('First paragraph second <b>key</b> & "quote"');
    expect(s.parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['key']);
  });

  it('copes with empty text and a match at the very end', () => {
    expect(snippet('', q('key'))).toEqual({ parts: [], cutStart: false, cutEnd: false });
    const s = snippet(`${'word '.repeat(100)}key`, q('key'), 40);
    expect(show(s).endsWith('[key]')).toBe(true);
    expect(s.cutEnd).toBe(false);
  });
});
