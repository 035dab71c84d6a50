import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { sanitizeUserHtml } from './sanitize.js';
import { countWords } from './wordCount.js';

/** HTML-ish text: tags a writer or an attacker might send, with hostile attributes among them. */
const TAGS = ['p', 'a', 'img', 'script', 'style', 'iframe', 'svg', 'math', 'b', 'div', 'table', 'td', 'object', 'form', 'input', 'details', 'template', 'noscript', 'textarea', 'title'];
const ATTRS = ['href', 'src', 'onclick', 'onerror', 'style', 'class', 'id', 'srcdoc', 'formaction', 'xlink:href', 'cite', 'title'];
const VALUES = ['javascript:alert(1)', ' jav\tascript:alert(1)', 'JaVaScRiPt:x', 'data:text/html,<script>x</script>', 'https://example.com/', '#top', 'x" onerror="alert(1)', '&#106;avascript:1', 'vbscript:x', 'alert(1)'];
const piece = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('<', '>', '"', "'", '&', '<!--', '-->', '<![CDATA[', ']]>', '</', '/>', '&lt;', '\u0000'),
  fc.tuple(fc.constantFrom(...TAGS), fc.array(fc.tuple(fc.constantFrom(...ATTRS), fc.constantFrom(...VALUES)), { maxLength: 3 }))
    .map(([tag, attrs]) => `<${tag}${attrs.map(([a, v]) => ` ${a}="${v}"`).join('')}>`),
  fc.constantFrom(...TAGS).map((tag) => `</${tag}>`),
);
const htmlish = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));

type Node = { type: string; name?: string; attribs?: Record<string, string>; children?: Node[] };
function* elements(node: Node): Generator<Node> {
  if (node.type === 'tag' || node.type === 'script' || node.type === 'style') yield node;
  for (const child of node.children ?? []) yield* elements(child);
}

describe('the sanitizer, on generated hostile HTML', () => {
  it('never throws, and keeps no script, handler or script URL', () => {
    fc.assert(fc.property(htmlish, (input) => {
      const out = sanitizeUserHtml(input);
      for (const el of elements(parseDocument(out) as unknown as Node)) {
        expect(['script', 'style', 'iframe', 'object', 'svg', 'math', 'form', 'input', 'template', 'textarea']).not.toContain(el.name);
        for (const [name, value] of Object.entries(el.attribs ?? {})) {
          expect(name.startsWith('on')).toBe(false);
          expect(['srcdoc', 'formaction', 'xlink:href']).not.toContain(name);
          if (name === 'href' || name === 'src' || name === 'cite') expect(value).toMatch(/^(https?:|mailto:|#)/i);
        }
      }
    }), { numRuns: 400 });
  });

  it('is idempotent: sanitizing twice changes nothing more', () => {
    fc.assert(fc.property(htmlish, (input) => {
      const once = sanitizeUserHtml(input);
      expect(sanitizeUserHtml(once)).toBe(once);
    }), { numRuns: 300 });
  });
});

describe('the word counter, on generated text', () => {
  it('never throws and counts a whole number of words', () => {
    fc.assert(fc.property(htmlish, (input) => {
      const n = countWords(input);
      expect(Number.isInteger(n) && n >= 0).toBe(true);
    }), { numRuns: 300 });
  });

  it('counts plain words one each, however they are spaced', () => {
    const word = fc.stringMatching(/^[a-z]{1,10}$/);
    const space = fc.constantFrom(' ', '  ', '\n', '\t', ' \n ');
    fc.assert(fc.property(fc.array(fc.tuple(word, space), { maxLength: 50 }), (pairs) => {
      const text = pairs.map(([w, s]) => w + s).join('');
      expect(countWords(`<p>${text}</p>`)).toBe(pairs.length);
    }), { numRuns: 200 });
  });
});
