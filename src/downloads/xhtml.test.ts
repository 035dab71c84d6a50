import { describe, expect, it } from 'vitest';
import { toXhtml } from './xhtml.js';
import { fontRuns } from './pdf.js';

describe('sanitized HTML as EPUB XHTML', () => {
  it('self-closes void elements and writes entities as characters or XML escapes', () => {
    expect(toXhtml('<p>a<br>b&nbsp;&amp;&lt;&copy;</p><hr>')).toBe('<p>a<br/>b\u00a0&amp;&lt;©</p><hr/>');
  });

  it('turns elements and attributes HTML5 dropped into their modern forms', () => {
    expect(toXhtml('<center>c</center><p align="RIGHT"><big>b</big> <tt>t</tt> <acronym title="x">A</acronym> <strike>s</strike></p>'))
      .toBe('<div class="center">c</div><p class="align-right"><span class="big">b</span> <span class="tt">t</span> <abbr title="x">A</abbr> <s>s</s></p>');
  });

  it('keeps footnote anchors inside the file and drops links to anchors it does not have', () => {
    expect(toXhtml('<p><a href="#fn1">1</a> <a href="#gone">x</a></p><p><a name="fn1">1.</a><a name="fn1">again</a></p>'))
      .toBe('<p><a href="#fn1">1</a> <a>x</a></p><p><a id="fn1">1.</a><a>again</a></p>');
  });

  it('makes remote images links, since an EPUB may only show images it carries', () => {
    expect(toXhtml('<img src="https://example.com/a.png" alt="A &quot;cat&quot;">')).toBe('<a class="image" href="https://example.com/a.png">[Image: A "cat"]</a>');
    expect(toXhtml('<a href="https://example.com/"><img src="https://example.com/a.png"></a>')).toBe('<a href="https://example.com/"><span class="image">[Image]</span></a>');
  });

  it('gives elements found outside their proper parent a plain box, and blocks inside phrasing a span', () => {
    expect(toXhtml('<li>x</li><summary>s</summary><td>t</td><em><div>d</div></em><details><p>no summary</p></details>'))
      .toBe('<div>x</div><div>s</div><div>t</div><em><span>d</span></em><div><p>no summary</p></div>');
  });

  it('drops attribute values HTML5 does not accept', () => {
    expect(toXhtml('<p dir="sideways" lang="not a tag">x</p><ol start="x" type="q"><li>y</li></ol><table><tr><td colspan="0" rowspan="2">z</td></tr></table>'))
      .toBe('<p>x</p><ol><li>y</li></ol><table><tr><td rowspan="2">z</td></tr></table>');
  });
});

describe('PDF font runs', () => {
  it('sets CJK text in the CJK font and everything else in the text font', () => {
    expect(fontRuns('Hello 世界, Привет мир! こんにちは')).toEqual([
      { cjk: false, text: 'Hello ' }, { cjk: true, text: '世界' }, { cjk: false, text: ', Привет мир! ' }, { cjk: true, text: 'こんにちは' },
    ]);
  });
});
