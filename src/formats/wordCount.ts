import { DomUtils, parseDocument } from 'htmlparser2';

type DomNode = ReturnType<typeof parseDocument>['children'][number];

// Scripts written without spaces between words: each character is a word.
const CHARACTER_WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/gu;
// Letters, marks, digits and connector punctuation (_), like Ruby's [[:word:]] that AO3 uses.
const WORD = /[\p{L}\p{M}\p{Nd}\p{Pc}]+/gu;
// Code, not prose, should a caller ever pass unsanitized HTML.
const NON_PROSE = new Set(['script', 'style']);

/** Counts words the way AO3 does, so counts match what readers expect from there. */
export function countWords(html: string): number {
  let total = 0;
  const pending: DomNode[] = [...parseDocument(html).children];
  // Iterative walk: hostile input may nest deeper than the call stack allows.
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (DomUtils.isText(node)) {
      total += countTextNode(node.data);
    } else if (DomUtils.hasChildren(node) && !(DomUtils.isTag(node) && NON_PROSE.has(node.name))) {
      pending.push(...node.children);
    }
  }
  return total;
}

function countTextNode(text: string): number {
  // "--" stands for a dash and separates words; apostrophes and hyphens join them.
  const joined = text.replace(/--/g, '\u2014').replace(/['\u2019\u2018-]/g, '');
  const characterWords = joined.match(CHARACTER_WORD)?.length ?? 0;
  const otherWords = joined.replace(CHARACTER_WORD, ' ').match(WORD)?.length ?? 0;
  return characterWords + otherWords;
}
