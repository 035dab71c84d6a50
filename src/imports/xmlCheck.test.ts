import { describe, expect, it } from 'vitest';
import { xmlProblem } from './xmlCheck.js';

describe('xmlProblem', () => {
  it('accepts well-formed XHTML with a declaration, doctype, comments, CDATA and entities', () => {
    const ok = `<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml"><!-- c --><body a='1' b="2">\n<p>Tom &amp; Jerry &#8217; &#x2019; <br/></p><![CDATA[ <raw> ]]></body></html>\n`;
    expect(xmlProblem(ok)).toBeNull();
  });

  it.each([
    ['<html><body><p>open</body></html>', '</body> does not close <p>'],
    ['<html><p>x</p>', 'never closed'],
    ['<html>Tom & Jerry</html>', 'bare “&”'],
    ['<html>a < b</html>', 'starts no tag'],
    ['<html a="1" a="2"></html>', 'given twice'],
    ['<html></html><html></html>', 'second root'],
    ['<html><p class=x>y</p></html>', 'not closed properly'],
    ['', 'no root element'],
  ])('says where %j breaks', (text, message) => {
    expect(xmlProblem(text)).toContain(message);
  });
});

describe('xmlProblem on long text', () => {
  it('checks a 500,000-character chapter of many tags', () => {
    const body = '<p>Some <em>words</em> &amp; more.</p>'.repeat(14_000);
    expect(xmlProblem(`<html><body>${body}</body></html>`)).toBeNull();
    expect(xmlProblem(`<html><body>${body}<p></body></html>`)).toContain('does not close <p>');
  });
});
