import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatedText } from './generatedText.js';
import { isPlainText, tokenize, tokenSpans } from './tokenize.js';

describe('tokenize, on generated text', () => {
  // tokenSpans reads word by word with the full Unicode rules; tokenize takes a shortcut for
  // plain text. Both must give the same words.
  it('gives the words tokenSpans finds, plain text or not', () => {
    let plain = 0;
    fc.assert(fc.property(generatedText, (text) => {
      if (isPlainText(text)) plain++;
      expect(tokenize(text)).toEqual(tokenSpans(text).map((s) => s.token));
    }), { numRuns: 3000 });
    expect(plain).toBeGreaterThan(1000);
  });
});
