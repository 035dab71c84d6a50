import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';

// Blocks that stand apart as paragraphs: a blank line around each.
const PARAGRAPH = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'div', 'dl', 'fieldset', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'table', 'ul',
]);
// Blocks that start a new line: list items, table rows, captions.
const LINE = new Set(['caption', 'dd', 'dt', 'figcaption', 'li', 'summary', 'tbody', 'tfoot', 'thead', 'tr']);
const CELL = new Set(['td', 'th']);
// Elements whose content a reader never sees as text.
const HIDDEN = new Set(['head', 'iframe', 'noembed', 'noframes', 'noscript', 'script', 'style', 'template', 'textarea', 'title', 'xmp']);

const NONE = 0;
const NEWLINE = 1;
const BLANK_LINE = 2;

/**
 * The text of (sanitized) HTML as a reader sees it: entities decoded, runs of white space made
 * one space (except in <pre>), a line break for <br>, list items and table rows, and a blank
 * line between paragraphs and other blocks. Used for the search index and for snippets.
 */
export function htmlToText(html: string): string {
  // Pieces, not one growing string: trimming the end must only look at the last piece, or long
  // works cost quadratic time.
  const parts: string[] = [];
  let pending = NONE;
  let hidden = 0;
  let pre = 0;

  function trimEnd(pattern: RegExp) {
    while (parts.length > 0) {
      const last = parts[parts.length - 1]!.replace(pattern, '');
      if (last === '') parts.pop();
      else {
        parts[parts.length - 1] = last;
        return;
      }
    }
  }
  const endsWithSpace = () => {
    const last = parts[parts.length - 1];
    return last === undefined || last.endsWith(' ') || last.endsWith('\n');
  };

  function breakBefore(level: number) {
    if (level > pending) pending = level;
  }

  function write(text: string) {
    if (text === '') return;
    if (pending !== NONE) {
      if (parts.length > 0) {
        trimEnd(/\s+$/);
        parts.push(pending === BLANK_LINE ? '\n\n' : '\n');
      }
      pending = NONE;
    }
    if (pre === 0 && endsWithSpace()) text = text.replace(/^ +/, '');
    if (text !== '') parts.push(text);
  }

  const parser = new Parser({
    onopentag(name) {
      if (HIDDEN.has(name)) hidden++;
      if (name === 'pre') pre++;
      if (PARAGRAPH.has(name)) breakBefore(BLANK_LINE);
      else if (LINE.has(name)) breakBefore(NEWLINE);
      else if (CELL.has(name)) write(' ');
      else if (name === 'br' && hidden === 0) {
        // A line break inside a block; several in a row make blank lines.
        if (pending === NONE && parts.length > 0) {
          trimEnd(/ +$/);
          parts.push('\n');
        }
      }
    },
    onclosetag(name) {
      if (HIDDEN.has(name) && hidden > 0) hidden--;
      if (name === 'pre' && pre > 0) pre--;
      if (PARAGRAPH.has(name)) breakBefore(BLANK_LINE);
      else if (LINE.has(name)) breakBefore(NEWLINE);
      else if (CELL.has(name)) write(' ');
    },
    ontext(data) {
      if (hidden > 0) return;
      write(pre > 0 ? data.replace(/\r\n?/g, '\n') : data.replace(/\s+/g, ' '));
    },
  }, { decodeEntities: true });
  parser.write(html);
  parser.end();

  return parts.join('')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// Tags whose start or end separates words in htmlToText; every other tag joins the text around it.
const WORD_BREAKS = new Set([...PARAGRAPH, ...LINE, ...CELL, 'br']);
const TAG = /<\/?([a-zA-Z][a-zA-Z0-9-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g;

/**
 * The words of htmlToText(html) in the same order, without its layout: for the search index,
 * about ten times faster on long chapters. Tags are cut out (a space where they break words),
 * entities decoded. It takes HTML as the sanitizer stores it (every end tag has its start); what
 * the sanitizer never writes (comments, elements whose text is hidden, a bare "<") goes through
 * htmlToText instead.
 */
export function htmlToIndexText(html: string): string {
  let plain = true;
  const cut = html.replace(TAG, (_tag, name: string) => {
    const lower = name.toLowerCase();
    if (HIDDEN.has(lower)) plain = false;
    return WORD_BREAKS.has(lower) ? ' ' : '';
  });
  if (!plain || cut.includes('<')) return htmlToText(html);
  return decodeHTML(cut);
}
