import { clauseTerms, type ParsedQuery } from './query.js';
import { tokenSpans, type TokenSpan } from './text/tokenize.js';

/** A run of snippet text; `hit` runs are what the query looked for (shown in <mark>). */
export type SnippetPart = { text: string; hit: boolean };

/**
 * A short passage of a work's text around the first place the query matches, as plain text
 * runs: a view renders `hit` parts in <mark> and the rest as text, so JSX escapes everything.
 * When the passage is cut, the first or last part starts or ends with "…".
 */
export type Snippet = {
  parts: SnippetPart[];
  /** The passage does not start at the start of the text. */
  cutStart: boolean;
  /** The passage does not reach the end of the text. */
  cutEnd: boolean;
};

const ELLIPSIS = '…';

type Range = { start: number; end: number };

/** Where the query's wanted words and phrases (field 'any') occur, in text order. */
function findHits(spans: TokenSpan[], query: ParsedQuery): Range[] {
  const patterns = query.clauses.filter((c) => !c.negated && c.field === 'any').map(clauseTerms);
  const hits: Range[] = [];
  for (let i = 0; i < spans.length; i++) {
    let longest = 0;
    for (const p of patterns) {
      if (p.length <= longest || i + p.length > spans.length) continue;
      if (p.every((term, k) => spans[i + k]!.token === term)) longest = p.length;
    }
    if (longest > 0) hits.push({ start: spans[i]!.start, end: spans[i + longest - 1]!.end });
  }
  return hits;
}

/** Moves a window edge to a word boundary, never across `limit`. */
function cutStartAt(text: string, at: number, limit: number): number {
  if (at <= 0) return 0;
  if (text[at - 1] === ' ') return at;
  const space = text.indexOf(' ', at);
  return space === -1 || space + 1 > limit ? at : space + 1;
}

function cutEndAt(text: string, at: number, limit: number): number {
  if (at >= text.length) return text.length;
  if (text[at] === ' ') return at;
  const space = text.lastIndexOf(' ', at);
  return space === -1 || space < limit ? at : space;
}

/**
 * The passage of `text` (plain text, see htmlToText) to show under a search result: up to
 * about `maxChars` characters around the first place a wanted word or phrase of the query
 * occurs, cut at word boundaries, with every occurrence in it marked. White space is made single
 * spaces. When nothing matches in the text (the work matched by title or tags), the start of it.
 */
export function snippet(text: string, query: ParsedQuery, maxChars = 240): Snippet {
  const flat = text.replace(/\s+/g, ' ').trim();
  const limit = Math.max(1, Math.floor(maxChars));
  const hits = findHits(tokenSpans(flat), query);
  const first = hits[0];

  let start = 0;
  let end = flat.length;
  if (flat.length > limit) {
    if (first) {
      const room = Math.max(0, limit - (first.end - first.start));
      start = Math.max(0, first.start - Math.floor(room / 4));
      end = Math.min(flat.length, start + limit);
      if (end === flat.length) start = Math.max(0, end - limit);
      start = cutStartAt(flat, start, first.start);
      end = cutEndAt(flat, end, first.end);
    } else {
      end = cutEndAt(flat, limit, 1);
    }
  }
  const cutStart = start > 0;
  const cutEnd = end < flat.length;

  // Marked runs inside the window, overlapping hits merged.
  const marks: Range[] = [];
  for (const h of hits) {
    if (h.start < start || h.end > end) continue;
    const last = marks[marks.length - 1];
    if (last && h.start < last.end) last.end = Math.max(last.end, h.end);
    else marks.push({ ...h });
  }

  const parts: SnippetPart[] = [];
  let at = start;
  for (const m of marks) {
    if (m.start > at) parts.push({ text: flat.slice(at, m.start), hit: false });
    parts.push({ text: flat.slice(m.start, m.end), hit: true });
    at = m.end;
  }
  if (end > at) parts.push({ text: flat.slice(at, end), hit: false });

  if (cutStart) {
    const head = parts[0];
    if (head && !head.hit) head.text = ELLIPSIS + head.text;
    else parts.unshift({ text: ELLIPSIS, hit: false });
  }
  if (cutEnd) {
    const tail = parts[parts.length - 1];
    if (tail && !tail.hit) tail.text += ELLIPSIS;
    else parts.push({ text: ELLIPSIS, hit: false });
  }
  return { parts, cutStart, cutEnd };
}
