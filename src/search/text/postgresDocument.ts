import { DOCUMENT_FIELDS, type DocumentField, type WorkDocument } from './document.js';
import { tokenize } from './tokenize.js';

/**
 * A work as PostgreSQL indexes it (read ./postgres.ts for how it is searched): tsvector literals
 * built here from the words of ./tokenize.ts (not by to_tsvector, whose parser splits words its
 * own way), every lexeme quoted.
 *
 * - `doc`: every word of the work, without positions: what a word, or the words of a phrase,
 *   are looked up in. Field searches use shadow lexemes: each word of the title is also indexed
 *   as "ti:word", of a creator as "cr:word", of a tag as "tg:word" (":" is never part of a word).
 * - `head`: the title, creators, tags, and summary and notes, with positions and weights (A title,
 *   B creators and tags, C summary and notes) and the same shadows: what phrases in those fields
 *   are checked in, and what matches are ranked by.
 * - `passages`: the chapter text cut into stretches of PASSAGE_WORDS words, each with positions,
 *   the next starting PASSAGE_OVERLAP words before this one ends, so that a phrase of up to
 *   PASSAGE_OVERLAP + 1 words is always whole in one of them; never across two chapters.
 *   Checking a phrase reads only the few passages that hold all its words, where one tsvector of
 *   the whole work (up to 1 MB, read back from TOAST storage) had to be read for every work
 *   holding them, so phrase searches grew with the archive (bench/RESULTS.md).
 * Positions run through the head's fields in order with one unused position between two values
 * and between two fields, so a phrase never spans two tags or two fields (FTS5: separate
 * columns, separator tokens).
 *
 * tsvector keeps at most 256 positions per lexeme and no position above 16,383. Where a word's
 * positions could not all be kept (a word said more than 256 times in one passage, or
 * anything past the first ~16,000 words of the head) the lexeme "~word" is added there, and a
 * phrase with such a word falls back to "all its words are there". So on PostgreSQL such a
 * phrase may find extra works (never fewer) than on SQLite, and a negated one may leave fewer
 * out. A tsvector is at most 1 MB: a work with so many different words that they would not fit
 * in `doc` loses its last new words (no real prose comes near it).
 */
export type PostgresDocument = { doc: string; head: string; passages: string[] };

const PASSAGE_WORDS = 1000;
export const PASSAGE_OVERLAP = 50;

const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;
/** tsvector's lexeme and position storage must stay below 1 MB; leave room. */
const MAX_VECTOR_BYTES = 1_000_000;

const HEAD_FIELDS = DOCUMENT_FIELDS.filter((f) => f !== 'body');
const WEIGHTS: Record<Exclude<DocumentField, 'body'>, 'A' | 'B' | 'C'> = {
  title: 'A', creators: 'B', tags: 'B', summary: 'C',
};
export const SHADOW: Partial<Record<DocumentField, string>> = { title: 'ti:', creators: 'cr:', tags: 'tg:' };
export const INEXACT = '~';

/** A lexeme in tsvector/tsquery syntax: quoted, with quotes and backslashes escaped. */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8');

type Entry = { positions: string[]; last: number; inexact: boolean };

/** A tsvector with positions in the making, within its size limit. */
class PositionedVector {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  add(lexeme: string, weight: string, position: number): void {
    let entry = this.entries.get(lexeme);
    if (!entry) {
      // lexeme, alignment, position count, and this position; a marker may follow.
      const cost = utf8Length(lexeme) + 5;
      if (this.bytes + cost > MAX_VECTOR_BYTES) return;
      this.bytes += cost;
      entry = { positions: [], last: 0, inexact: false };
      this.entries.set(lexeme, entry);
    }
    const at = Math.min(position, MAX_POSITION);
    const exact = position <= MAX_POSITION;
    if (entry.positions.length === 0 || (exact && entry.positions.length < MAX_POSITIONS_PER_LEXEME && at > entry.last)) {
      if (entry.positions.length > 0) this.bytes += 2;
      entry.positions.push(`${at}${weight}`);
      entry.last = at;
      if (!exact) entry.inexact = true;
    } else if (at > entry.last || !exact) {
      entry.inexact = true;
    }
  }

  literal(): string {
    const parts: string[] = [];
    for (const [lexeme, entry] of this.entries) {
      parts.push(`${quoteLexeme(lexeme)}:${entry.positions.join(',')}`);
      if (entry.inexact && this.bytes + utf8Length(lexeme) + 5 <= MAX_VECTOR_BYTES) {
        this.bytes += utf8Length(lexeme) + 5;
        parts.push(quoteLexeme(INEXACT + lexeme));
      }
    }
    return parts.join(' ');
  }
}

/** The tsvector literals of a work (see above). */
export function postgresDocument(work: WorkDocument): PostgresDocument {
  const words = new Set<string>();
  let wordBytes = 0;
  const word = (lexeme: string) => {
    if (words.has(lexeme)) return;
    const cost = utf8Length(lexeme) + 4;
    if (wordBytes + cost > MAX_VECTOR_BYTES) return;
    wordBytes += cost;
    words.add(lexeme);
  };

  const head = new PositionedVector();
  let position = 1;
  for (const field of HEAD_FIELDS) {
    const weight = WEIGHTS[field];
    const shadow = SHADOW[field];
    for (const value of work[field]) {
      for (const token of tokenize(value)) {
        word(token);
        head.add(token, weight, position);
        if (shadow) {
          word(shadow + token);
          head.add(shadow + token, weight, position);
        }
        position++;
      }
      position++;
    }
  }

  const passages: string[] = [];
  for (const chapter of work.body) {
    const tokens = tokenize(chapter);
    for (const token of tokens) word(token);
    for (let start = 0; ; start += PASSAGE_WORDS - PASSAGE_OVERLAP) {
      const passage = new PositionedVector();
      const end = Math.min(tokens.length, start + PASSAGE_WORDS);
      for (let i = start; i < end; i++) passage.add(tokens[i]!, '', i - start + 1);
      passages.push(passage.literal());
      if (end === tokens.length) break;
    }
  }

  return { doc: [...words].map(quoteLexeme).join(' '), head: head.literal(), passages };
}
