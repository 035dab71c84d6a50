import fc from 'fast-check';
import { MAX_TOKEN_LENGTH } from './tokenize.js';

/**
 * Text for property tests of word splitting: mostly plain prose characters (ASCII, curly quotes,
 * dashes, odd spaces), and now and then what needs Unicode work (accents, a modifier apostrophe,
 * CJK, ligatures, a word too long to keep).
 */
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: fc.constantFrom(...'aZ09 .,;:!?\'"-_()[]{}<>/\\@#$%^&*+=|~`\t\n\r\u0000\u007F'), maxLength: 12 }) },
  { weight: 3, arbitrary: fc.constantFrom('Meow’s', '“Alec”', '—', '–', '…', '\u00A0', '\u2009', '\u200B', '\u2060', '\u2028', '‰', '‽', 'X'.repeat(MAX_TOKEN_LENGTH + 3)) },
  { weight: 1, arbitrary: fc.constantFrom('é', 'e\u0301', 'ß', 'ʼ', '東京', 'İ', 'ﬁ', '²', 'µ', 'ª', '\u00AD', '«', '\u{1F600}', 'x'.repeat(MAX_TOKEN_LENGTH + 5)) },
);

export const generatedText = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));
