import { describe, expect, it } from 'vitest';
import { textToParagraphs } from './paragraphs.js';
import { htmlToText } from './plainText.js';
import { sanitizeUserHtml } from './sanitize.js';

describe('htmlToText', () => {
  it('separates paragraphs by blank lines and joins inline runs', () => {
    expect(htmlToText('<p>He had <em>expected</em> to come home.</p>\n<p>The key was in <strong>Chairman</strong> Meow’s bed.</p>'))
      .toBe('He had expected to come home.\n\nThe key was in Chairman Meow’s bed.');
  });

  it('decodes entities', () => {
    expect(htmlToText('<p>Fish &amp; chips &lt;3 &quot;yes&quot; &#39;no&#39; caf&eacute;&nbsp;au lait &#x2014;</p>'))
      .toBe('Fish & chips <3 "yes" \'no\' café au lait —');
  });

  it('breaks lines at <br>, list items and table rows', () => {
    expect(htmlToText('<p>one<br>two<br/>  three</p><ul><li>a</li><li>b</li></ul><table><tr><td>x</td><td>y</td></tr><tr><td>z</td></tr></table>'))
      .toBe('one\ntwo\nthree\n\na\nb\n\nx y\nz');
  });

  it('collapses white space but keeps it in <pre>', () => {
    expect(htmlToText('<p>  a \n\t b  </p>\n\n\n<div>c</div>')).toBe('a b\n\nc');
    expect(htmlToText('<pre>line 1\n  line 2</pre><p>after</p>')).toBe('line 1\n  line 2\n\nafter');
  });

  it('leaves out what a reader never sees as text', () => {
    expect(htmlToText('<p>a</p><script>alert(1)</script><style>p{}</style><p>b</p>')).toBe('a\n\nb');
  });

  it('handles headings, blockquotes, nested blocks and bare text', () => {
    expect(htmlToText('<h2>Chapter 1</h2><blockquote><p>quoted</p><p>twice</p></blockquote>tail')).toBe('Chapter 1\n\nquoted\n\ntwice\n\ntail');
    expect(htmlToText('just text')).toBe('just text');
    expect(htmlToText('')).toBe('');
    expect(htmlToText('<p></p><p> </p>')).toBe('');
  });

  it('gives back the text of plain text posted through the paragraph maker and sanitizer', () => {
    const text = 'He had expected to come home.\r\n\r\nThe key, by the way, is in Chairman Meow\'s bed. <3 & "so on"';
    expect(htmlToText(sanitizeUserHtml(textToParagraphs(text)))).toBe(text.replace(/\r\n/g, '\n'));
  });
});
