import { el, raw, xmlDocument, type XmlNode } from '../feeds/xml.js';
import { htmlToText } from '../formats/plainText.js';
import { allTags, bookIdentifier, chapterTitle, creatorNames, isoSeconds, workUrl, type Book } from './book.js';
import { Afterword, ChapterParts, Preface, renderHtml } from './views/ao3Layout.js';
import { toXhtml } from './xhtml.js';
import { zipFiles, type ZipEntry } from './zip.js';

const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const OPS_NS = 'http://www.idpf.org/2007/ops';

const STYLE = `body { margin: 0 0.5em; line-height: 1.4; }
h1, h2, h3 { line-height: 1.2; }
.meta dt { font-weight: bold; margin-top: 0.4em; }
.meta dd { margin-left: 1.5em; }
.userstuff p { margin: 0 0 0.8em; }
.notes, .summary { margin: 1em 0; }
blockquote { margin: 1em 1.5em; }
.center, .align-center { text-align: center; }
.align-right { text-align: right; }
.align-justify { text-align: justify; }
.big { font-size: larger; }
.tt { font-family: monospace; }
table { border-collapse: collapse; }
td, th { border: 1px solid #888; padding: 0.2em 0.4em; }
`;

type Page = { file: string; id: string; title: string; body: XmlNode };

function page(lang: string, title: string, body: XmlNode): string {
  return xmlDocument(el('html', { xmlns: XHTML_NS, 'xmlns:epub': OPS_NS, lang, 'xml:lang': lang },
    el('head', {}, el('meta', { charset: 'utf-8' }), el('title', {}, title), el('link', { rel: 'stylesheet', type: 'text/css', href: 'style.css' })),
    el('body', {}, body)));
}

/** A page drawn in AO3's download layout, made XHTML as user HTML is. */
const ao3 = (node: unknown): XmlNode => raw(toXhtml(renderHtml(node)));

function prefacePage(book: Book): Page {
  return { file: 'preface.xhtml', id: 'preface', title: 'Preface', body: ao3(<Preface book={book} />) };
}

function chapterPages(book: Book): Page[] {
  return book.chapters.map((ch, i) => ({
    file: `chapter-${i + 1}.xhtml`,
    id: `chapter-${i + 1}`,
    title: chapterTitle(book, ch),
    body: ao3(<div id="chapters" class="userstuff"><ChapterParts chapter={ch} /></div>),
  }));
}

function afterwordPage(book: Book): Page {
  return { file: 'afterword.xhtml', id: 'afterword', title: 'Afterword', body: ao3(<Afterword book={book} />) };
}

function navPage(book: Book, pages: Page[]): string {
  return page(book.work.language, 'Contents', el('nav', { 'epub:type': 'toc', id: 'toc' },
    el('h1', {}, 'Contents'),
    el('ol', {}, pages.map((p) => el('li', {}, el('a', { href: p.file }, p.title))))));
}

function packageDocument(book: Book, pages: Page[]): string {
  const { work } = book;
  const published = work.publishedAt ?? work.revisedAt;
  const summary = htmlToText(work.summary);
  const metadata = el('metadata', { 'xmlns:dc': 'http://purl.org/dc/elements/1.1/' },
    el('dc:identifier', { id: 'uid' }, bookIdentifier(book)),
    el('dc:title', {}, work.title),
    el('dc:language', {}, work.language),
    creatorNames(work).map((name, i) => el('dc:creator', { id: `creator-${i + 1}` }, name)),
    allTags(work).map((t) => el('dc:subject', {}, t)),
    summary ? el('dc:description', {}, summary) : null,
    el('dc:publisher', {}, 'Quire'),
    el('dc:source', {}, workUrl(book)),
    el('dc:date', {}, isoSeconds(published)),
    el('meta', { property: 'dcterms:modified' }, isoSeconds(work.revisedAt)),
    book.series.map((s, i) => [
      el('meta', { property: 'belongs-to-collection', id: `series-${i + 1}` }, s.name),
      el('meta', { refines: `#series-${i + 1}`, property: 'collection-type' }, 'series'),
      el('meta', { refines: `#series-${i + 1}`, property: 'group-position' }, String(s.position)),
    ]),
    // calibre reads the first series from its own names.
    book.series[0] ? [el('meta', { name: 'calibre:series', content: book.series[0].name }), el('meta', { name: 'calibre:series_index', content: String(book.series[0].position) })] : null,
  );
  const manifest = el('manifest', {},
    el('item', { id: 'nav', href: 'nav.xhtml', 'media-type': 'application/xhtml+xml', properties: 'nav' }),
    el('item', { id: 'style', href: 'style.css', 'media-type': 'text/css' }),
    pages.map((p) => el('item', { id: p.id, href: p.file, 'media-type': 'application/xhtml+xml' })));
  const spine = el('spine', {}, pages.map((p) => el('itemref', { idref: p.id })));
  return xmlDocument(el('package', { xmlns: 'http://www.idpf.org/2007/opf', version: '3.0', 'unique-identifier': 'uid', 'xml:lang': work.language }, metadata, manifest, spine));
}

const CONTAINER = xmlDocument(el('container', { version: '1.0', xmlns: 'urn:oasis:names:tc:opendocument:xmlns:container' },
  el('rootfiles', {}, el('rootfile', { 'full-path': 'OEBPS/content.opf', 'media-type': 'application/oebps-package+xml' }))));

/** An EPUB 3 book: one XHTML file per chapter, a preface, an afterword, a nav document. */
export function writeEpub(book: Book): Uint8Array {
  const pages = [prefacePage(book), ...chapterPages(book), afterwordPage(book)];
  const utf8 = (s: string) => Buffer.from(s, 'utf8');
  const files: ZipEntry[] = [
    // The mimetype comes first and is stored uncompressed, so tools can sniff the format.
    { name: 'mimetype', data: utf8('application/epub+zip'), stored: true },
    { name: 'META-INF/container.xml', data: utf8(CONTAINER) },
    { name: 'OEBPS/content.opf', data: utf8(packageDocument(book, pages)) },
    { name: 'OEBPS/nav.xhtml', data: utf8(navPage(book, pages)) },
    { name: 'OEBPS/style.css', data: utf8(STYLE) },
    ...pages.map((p) => ({ name: `OEBPS/${p.file}`, data: utf8(page(book.work.language, p.title, p.body)) })),
  ];
  return zipFiles(files, new Date(book.work.revisedAt));
}

