import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseAo3Html } from './ao3Html.js';
import { parseEpub } from './epub.js';

/** Import parsers face files from anywhere: every input gets a work or a message, never an exception. */

const piece = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('<div id="preface">', '<dl class="tags">', '<dt>Fandom:</dt>', '<dd>', '</dd>', '<div id="chapters">', '<div class="meta">',
    '<h2 class="heading">Chapter 1</h2>', '<div class="userstuff">', '</div>', '<p>Summary</p>', '<blockquote>', '</blockquote>',
    '<div id="afterword">', '<div id="endnotes">', '<script>', '<!--', '-->', '<![CDATA[', ']]>', '&amp;', '&#0;', '<', '>', '"'),
);
const ao3ish = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
const outcome = (r: ReturnType<typeof parseAo3Html>) => (r.ok ? r.work.chapters.length > 0 : r.message.length > 0);

const XML_BITS = fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('<?xml version="1.0"?>', '<container>', '<rootfile full-path="OEBPS/content.opf"/>',
  '<package>', '<manifest>', '<item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/>', '<item id="c2" href="../../etc/passwd" media-type="application/xhtml+xml"/>',
  '<spine>', '<itemref idref="c1"/>', '<itemref idref="c2"/>', '</spine>', '</package>', '<html>', '<body>', '<p>text</p>', '</body>', '</html>', '<', '&', '"'));
const xmlish = fc.array(XML_BITS, { maxLength: 20 }).map((p) => p.join(''));
const NAMES = ['mimetype', 'META-INF/container.xml', 'OEBPS/content.opf', 'OEBPS/c1.xhtml', '../evil.xhtml', '/abs.xhtml', 'OEBPS/c2.xhtml'];
const epubish = fc.dictionary(fc.constantFrom(...NAMES), xmlish, { maxKeys: 7 }).map((files) => zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)]))));

describe('import parsers, on generated files', () => {
  it('read any AO3-like HTML as a work or a message', () => {
    fc.assert(fc.property(ao3ish, (html) => {
      expect(outcome(parseAo3Html(html))).toBe(true);
    }), { numRuns: 500 });
  });

  it('read any zip of EPUB-like parts as a work or a message', () => {
    fc.assert(fc.property(epubish, (bytes) => {
      const r = parseEpub(bytes);
      expect(r.ok ? r.work.chapters.length > 0 : r.message.length > 0).toBe(true);
    }), { numRuns: 300 });
  });

  it('read any bytes at all as a message, not a crash', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
      const r = parseEpub(bytes);
      expect(r.ok ? r.work.chapters.length > 0 : r.message.length > 0).toBe(true);
    }), { numRuns: 300 });
  });
});
