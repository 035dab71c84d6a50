import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../search/text/tokenize.js';
import { htmlToIndexText, htmlToText } from './plainText.js';
import { sanitizeUserHtml } from './sanitize.js';

const TAGS = ['p', 'em', 'strong', 'br', 'li', 'ul', 'td', 'tr', 'table', 'img', 'span', 'a', 'hr', 'h2', 'blockquote', 'sup', 'ruby', 'rt', 'div', 'pre', 'script', 'style', 'textarea', 'title', 'P', 'Br', 'EM'];
const piece = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('Meow', 'caf', 'é', 'e\u0301', 'Alec’s', ' ', '\n', '\u00a0', '—', '&amp;', '&eacute;', '&nbsp;', '&#x2014;', '&#39;', '&lt;', '&gt;', '&amp', '&notit;', '<', '>', '<!-- x -->', '<![CDATA[y]]>', '</', '/>'),
  fc.tuple(fc.constantFrom(...TAGS), fc.constantFrom('', ' class="a>b"', " title='x'", ' href="https://example.com/?a=1&amp;b=2"', ' /'))
    .map(([tag, attrs]) => `<${tag}${attrs}>`),
  fc.constantFrom(...TAGS).map((tag) => `</${tag}>`),
);
const html = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

describe('htmlToIndexText, on generated HTML', () => {
  it('has the same words as htmlToText for what the sanitizer stores', () => {
    fc.assert(fc.property(html, (input) => {
      const stored = sanitizeUserHtml(input);
      expect(tokenize(htmlToIndexText(stored))).toEqual(tokenize(htmlToText(stored)));
    }), { numRuns: 2000 });
  });

  it('joins words across inline tags and splits them at blocks, as a reader sees them', () => {
    expect(tokenize(htmlToIndexText('<p>Chair<em>man</em> Meow’s</p><p>bed<br>and&nbsp;caf&eacute;</p><table><tr><td>a</td><td>b</td></tr></table>')))
      .toEqual(['chairman', 'meow', 's', 'bed', 'and', 'cafe', 'a', 'b']);
  });
});
