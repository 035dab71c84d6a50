import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { columnText, splitsAlike } from './sqlite.js';
import { generatedText } from './generatedText.js';
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

describe('text fed to FTS5 as it is', () => {
  // Queries reach FTS5 as the words of tokenize, which FTS5 splits (and folds) once more; the
  // index must hold what that gives, whichever way the text went in.
  it('gives FTS5 the same words as the words of tokenize would', () => {
    let alike = 0;
    fc.assert(fc.property(generatedText, (t) => {
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
