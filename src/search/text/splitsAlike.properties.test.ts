import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { columnText, splitsAlike } from './sqlite.js';
import { MAX_TOKEN_LENGTH, tokenize } from './tokenize.js';

// The FTS5 table as the migration makes it, and its words read back in order.
const fts = new Database(':memory:');
fts.exec(`create virtual table s using fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
  create virtual table v using fts5vocab(s, 'instance');`);
afterAll(() => fts.close());
const insert = fts.prepare('insert into s (rowid, body) values (1, ?)');
const words = fts.prepare<[], { term: string }>('select term from v order by offset');
const clear = fts.prepare("delete from s where rowid = 1");

function ftsWords(text: string): string[] {
  insert.run(text);
  const terms = words.all().map((r) => r.term);
  clear.run();
  return terms;
}

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: fc.constantFrom(...'aZ09 .,;:!?\'"-_()[]{}<>/\\@#$%^&*+=|~`\t\n\r\u0000\u007F') , maxLength: 12 }) },
  { weight: 3, arbitrary: fc.constantFrom('Meow’s', '“Alec”', '—', '–', '…', '\u00A0', '\u2009', '\u200B', '\u2060', '\u2028', '‰', '‽') },
  { weight: 1, arbitrary: fc.constantFrom('é', 'e\u0301', 'ß', 'ʼ', '東京', 'İ', 'ﬁ', '²', 'µ', 'ª', '\u00AD', '«', '\u{1F600}', 'x'.repeat(MAX_TOKEN_LENGTH + 5)) },
);
const text = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));

describe('text fed to FTS5 as it is', () => {
  // Queries reach FTS5 as the words of tokenize, which FTS5 splits (and folds) once more; the
  // index must hold what that gives, whichever way the text went in.
  it('gives FTS5 the same words as the words of tokenize would', () => {
    let alike = 0;
    fc.assert(fc.property(text, (t) => {
      if (splitsAlike(t)) alike++;
      expect(ftsWords(columnText([t]))).toEqual(ftsWords(tokenize(t).join(' ')));
    }), { numRuns: 3000 });
    // The property must have exercised the shortcut, not only the tokenized path.
    expect(alike).toBeGreaterThan(1000);
  });

  it('takes prose with curly quotes and dashes as it is, and anything else through tokenize', () => {
    expect(splitsAlike('“Alec,” he said — and the key… was in Chairman Meow’s bed.')).toBe(true);
    expect(splitsAlike('Café')).toBe(false);
    expect(splitsAlike(`a ${'y'.repeat(MAX_TOKEN_LENGTH + 1)}`)).toBe(false);
    expect(columnText(['Café au lait'])).toBe('cafe au lait');
    expect(ftsWords(columnText(['“Alec,” he said—Meow’s bed…']))).toEqual(tokenize('“Alec,” he said—Meow’s bed…'));
  });
});
