import { describe, expect, it } from 'vitest';
import { el, escapeAttr, escapeText, render, xmlDocument } from './xml.js';

describe('the XML builder', () => {
  it('escapes text and attributes so markup in titles stays text', () => {
    expect(render(el('title', { type: 'text' }, '<b>Tom & Jerry</b>'))).toBe('<title type="text">&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;</title>');
    expect(render(el('link', { href: '/a?x=1&y="2"' }))).toBe('<link href="/a?x=1&amp;y=&quot;2&quot;"/>');
    expect(escapeAttr('a\nb\tc')).toBe('a&#10;b&#9;c');
  });

  it('drops characters XML cannot carry and keeps every other character as it is', () => {
    expect(escapeText('a\u0000b\u0007c\uFFFEd\uD800e')).toBe('abcde');
    expect(escapeText('Ελληνικά, кириллица, 中文, 😀\t\n')).toBe('Ελληνικά, кириллица, 中文, 😀\t\n');
  });

  it('leaves out absent attributes and children, self-closing empty elements', () => {
    expect(render(el('a', { x: undefined, y: null, z: false, n: 0 }, null, false, undefined, '', [el('b'), ['c']]))).toBe('<a n="0"><b/>c</a>');
  });

  it('writes a document with its declaration', () => {
    expect(xmlDocument(el('feed', { xmlns: 'http://www.w3.org/2005/Atom' }))).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"/>\n');
  });
});
