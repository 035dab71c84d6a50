/**
 * The one word splitter of full-text search. The indexes of both dialects are fed its tokens
 * (SQLite's FTS5 re-splits them and finds nothing left to change; PostgreSQL gets them as
 * ready-made lexemes), and the search box query and the snippets use it too, so a word means the
 * same thing everywhere.
 *
 * - A word is a run of Unicode letters, digits and combining marks. Everything else separates
 *   words, apostrophes included (' ’ ʼ): "Meow's" is the two words "meow" "s", so `Meow` finds
 *   "Meow's", and the search `Meow's` looks for "meow" followed by "s".
 * - Words are lower-cased and lose their accents ("Café" is "cafe"), as FTS5's
 *   `remove_diacritics 2` does; other combining marks (Indic vowel signs, say) are dropped so a
 *   word stays one token for FTS5, which would otherwise split it there.
 * - A word longer than MAX_TOKEN_LENGTH code points is cut to that length (PostgreSQL refuses
 *   lexemes over 2 KB).
 */

export type TokenSpan = {
  /** The normalised word. */
  token: string;
  /** Where the word starts and ends in the text it came from (UTF-16 offsets, end exclusive). */
  start: number;
  end: number;
};

export const MAX_TOKEN_LENGTH = 200;

// Letters, digits and marks, but not U+02BC (MODIFIER LETTER APOSTROPHE), which is an apostrophe.
const WORD = /(?:(?!\u02BC)[\p{L}\p{N}\p{M}])+/gu;
const PLAIN = /^[a-z0-9]*$/;
// Accents that FTS5's remove_diacritics folds away: the combining diacritical mark blocks.
const DIACRITICS = /[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]/g;
const MARKS = /\p{M}/gu;

/** One run of word characters, normalised; '' when nothing is left of it. */
export function normalizeToken(raw: string): string {
  let token = raw.toLowerCase();
  if (!PLAIN.test(token)) {
    token = token.normalize('NFD').replace(DIACRITICS, '').normalize('NFC').replace(MARKS, '');
  }
  if (token.length > MAX_TOKEN_LENGTH) {
    const points = Array.from(token);
    if (points.length > MAX_TOKEN_LENGTH) token = points.slice(0, MAX_TOKEN_LENGTH).join('');
  }
  return token;
}

/** Every word of the text with where it is. */
export function tokenSpans(text: string): TokenSpan[] {
  const spans: TokenSpan[] = [];
  for (const m of text.matchAll(WORD)) {
    const token = normalizeToken(m[0]);
    if (token !== '') spans.push({ token, start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

// Text of ASCII, no-break spaces and General Punctuation (curly quotes, dashes, ellipses) needs
// none of the Unicode work: its words are its runs of ASCII letters and digits, lower-cased, and
// every other character in it separates. Most prose is such text.
const NOT_PLAIN = /[^\x00-\x7F\u00A0\u2000-\u206F]/;
const PLAIN_WORD = /[a-z0-9]+/g;

/** Whether the text is plain in the sense above (so FTS5's unicode61 also splits it this way). */
export const isPlainText = (text: string) => !NOT_PLAIN.test(text);

/** The words of the text, normalised, in order. */
export function tokenize(text: string): string[] {
  if (isPlainText(text)) {
    // One lower-casing and one match for the lot: several times faster than a word at a time.
    const words = text.toLowerCase().match(PLAIN_WORD) ?? [];
    for (let i = 0; i < words.length; i++) {
      if (words[i]!.length > MAX_TOKEN_LENGTH) words[i] = words[i]!.slice(0, MAX_TOKEN_LENGTH);
    }
    return words;
  }
  const tokens: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const token = normalizeToken(m[0]);
    if (token !== '') tokens.push(token);
  }
  return tokens;
}

/** Whether the text has a word at all (cheaper than tokenize: stops at the first). */
export function hasWords(text: string): boolean {
  for (const m of text.matchAll(WORD)) if (normalizeToken(m[0]) !== '') return true;
  return false;
}
