import { tokenize } from './text/tokenize.js';

/**
 * The search box language:
 *
 *   dragon key              both words, anywhere in the work (words are ANDed)
 *   "in Chairman Meow's bed" these words, next to each other, in this order
 *   -angst  -"happy ending" leave out works with this word or phrase
 *   title:key  title:"the key"            in the title
 *   creator:alec  creator:"Alec L"        in a creator's pseud or login
 *   tag:angst  tag:"Hurt/Comfort"         in a tag's name
 *
 * Field names are case-insensitive and `author:` and `tags:` are accepted too; a field or a
 * phrase can be excluded (`-tag:"Major Character Death"`). Straight and curly double quotes both
 * work. Words are split as the indexes split them (see ./text/tokenize.ts): case and accents
 * do not matter, and punctuation separates words, so an unquoted `Meow's` or `Hurt/Comfort`
 * is looked for as the phrase of its words.
 */

export const SEARCH_FIELDS = ['any', 'title', 'creator', 'tag'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

type ClauseBase = {
  /** Where the words must be: 'any' is every field (title, creators, tags, summary and notes, text). */
  readonly field: SearchField;
  /** Leave out works that match. */
  readonly negated: boolean;
  /** What the person typed for this clause (without the field name, quotes or minus). */
  readonly source: string;
};

/** One normalised word. */
export type WordClause = ClauseBase & { readonly kind: 'word'; readonly term: string };

/** Two or more normalised words that must be next to each other, in order, within one field. */
export type PhraseClause = ClauseBase & { readonly kind: 'phrase'; readonly terms: readonly [string, string, ...string[]] };

export type Clause = WordClause | PhraseClause;

/** A valid query: at least one clause that is not negated. */
export type ParsedQuery = { readonly clauses: readonly Clause[] };

export type ParseResult = { ok: true; query: ParsedQuery } | { ok: false; message: string };

export const MAX_QUERY_LENGTH = 1000;

export const QUERY_MESSAGES = {
  empty: 'Type a word or phrase to search for.',
  tooLong: `That search is too long: please keep it under ${MAX_QUERY_LENGTH.toLocaleString('en')} characters.`,
  unbalanced: 'A quotation mark is not closed: add the closing " or remove the opening one.',
  onlyExclusions: 'Add at least one word to look for: a search cannot be made only of words to leave out (the ones starting with -).',
  noWords: 'Search for words made of letters or numbers: punctuation on its own cannot be searched.',
  emptyField: (name: string) => `Put what to look for right after "${name}:", for example ${name}:dragon or ${name}:"the dragon".`,
} as const;

const FIELD_NAMES: Record<string, SearchField> = {
  title: 'title',
  creator: 'creator',
  creators: 'creator',
  author: 'creator',
  tag: 'tag',
  tags: 'tag',
};

const QUOTES = new Set(['"', '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\uFF02']);
const SPACE = /\s/;
const FIELD_PREFIX = /^([A-Za-z]+):/;

/** The words of a clause, in order. */
export function clauseTerms(clause: Clause): readonly string[] {
  return clause.kind === 'word' ? [clause.term] : clause.terms;
}

function makeClause(field: SearchField, negated: boolean, source: string): Clause | null {
  const tokens = tokenize(source);
  const [first, second, ...rest] = tokens;
  if (first === undefined) return null;
  if (second === undefined) return { kind: 'word', field, negated, source, term: first };
  return { kind: 'phrase', field, negated, source, terms: [first, second, ...rest] };
}

/** Reads the search box. Never throws: bad input comes back as a message for the person. */
export function parseQuery(input: string): ParseResult {
  if (input.length > MAX_QUERY_LENGTH) return { ok: false, message: QUERY_MESSAGES.tooLong };
  if (input.trim() === '') return { ok: false, message: QUERY_MESSAGES.empty };

  const clauses: Clause[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    if (SPACE.test(input[i]!)) {
      i++;
      continue;
    }
    let negated = false;
    if (input[i] === '-' && i + 1 < n && !SPACE.test(input[i + 1]!)) {
      negated = true;
      i++;
    }
    let field: SearchField = 'any';
    const prefix = FIELD_PREFIX.exec(input.slice(i, i + 10));
    const named = prefix ? FIELD_NAMES[prefix[1]!.toLowerCase()] : undefined;
    if (prefix && named) {
      const after = i + prefix[0].length;
      if (after >= n || SPACE.test(input[after]!)) return { ok: false, message: QUERY_MESSAGES.emptyField(prefix[1]!.toLowerCase()) };
      field = named;
      i = after;
    }
    let source: string;
    if (QUOTES.has(input[i]!)) {
      let close = i + 1;
      while (close < n && !QUOTES.has(input[close]!)) close++;
      if (close >= n) return { ok: false, message: QUERY_MESSAGES.unbalanced };
      source = input.slice(i + 1, close);
      i = close + 1;
    } else {
      const start = i;
      while (i < n && !SPACE.test(input[i]!) && !QUOTES.has(input[i]!)) i++;
      source = input.slice(start, i);
    }
    const clause = makeClause(field, negated, source);
    if (clause) clauses.push(clause);
  }

  if (clauses.length === 0) return { ok: false, message: QUERY_MESSAGES.noWords };
  if (clauses.every((c) => c.negated)) return { ok: false, message: QUERY_MESSAGES.onlyExclusions };
  return { ok: true, query: { clauses } };
}

/** The query written back in the search box language, from its normalised words. */
export function formatQuery(query: ParsedQuery): string {
  return query.clauses.map((c) => {
    const words = clauseTerms(c).join(' ');
    const value = c.kind === 'phrase' ? `"${words}"` : words;
    return `${c.negated ? '-' : ''}${c.field === 'any' ? '' : `${c.field}:`}${value}`;
  }).join(' ');
}
