import { strToU8, zipSync, type Zippable } from 'fflate';
import type { ImportedWork } from './imported.js';

/** Test helpers: AO3-shaped HTML downloads and EPUBs built from a work, and raw zips to break. */

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const links = (names: string[]) => names.map((n) => `<a href="https://example.org/tags/${encodeURIComponent(n)}">${esc(n)}</a>`).join(', ');

function preface(w: ImportedWork, languageName: string) {
  const rows: Array<[string, string, string[]]> = [
    ['Rating', 'Ratings', w.tags.rating ? [w.tags.rating] : []], ['Archive Warning', 'Archive Warnings', w.tags.warnings],
    ['Category', 'Categories', w.tags.categories], ['Fandom', 'Fandoms', w.tags.fandoms], ['Relationship', 'Relationships', w.tags.relationships],
    ['Character', 'Characters', w.tags.characters], ['Additional Tags', 'Additional Tags', w.tags.freeforms],
  ];
  const dl = rows.filter(([, , names]) => names.length).map(([one, many, names]) => `<dt>${names.length === 1 ? one : many}:</dt>\n<dd>${links(names)}</dd>`).join('\n');
  const expected = w.expectedChapters === undefined ? w.chapters.length : w.expectedChapters ?? '?';
  return `<div id="preface">
  <h2 class="toc-heading">Preface</h2>
  <p class="message"><b>${esc(w.title)}</b><br/>Posted originally on the <a href="https://example.org/">Archive of Our Own</a> at <a href="https://example.org/works/1">https://example.org/works/1</a>.</p>
  <div class="meta">
    <dl class="tags">
${dl}
      <dt>Language:</dt>
      <dd>${esc(languageName)}</dd>
      <dt>Stats:</dt>
      <dd>Published: 2024-01-01 Words: 100 Chapters: ${w.chapters.length}/${expected}</dd>
    </dl>
    <h1>${esc(w.title)}</h1>
    <div class="byline">by <a rel="author" href="https://example.org/users/someone">someone</a></div>
    ${w.summary ? `<p>Summary</p>\n<blockquote class="userstuff">${w.summary}</blockquote>` : ''}
    ${w.notes ? `<p>Notes</p>\n<blockquote class="userstuff">${w.notes}</blockquote>` : ''}
  </div>
</div>`;
}

function chapterHtml(ch: ImportedWork['chapters'][number], i: number) {
  return `<div class="meta group">
  <h2 class="heading">Chapter ${i + 1}${ch.title ? `: ${esc(ch.title)}` : ''}</h2>
  ${ch.summary ? `<p>Chapter Summary</p>\n<blockquote class="userstuff">${ch.summary}</blockquote>` : ''}
  ${ch.notes ? `<p>Chapter Notes</p>\n<blockquote class="userstuff">${ch.notes}</blockquote>` : ''}
</div>
<div class="userstuff">${ch.body}</div>
${ch.endNotes ? `<div class="meta" id="endnotes${i + 1}"><p>Chapter End Notes</p>\n<blockquote class="userstuff">${ch.endNotes}</blockquote></div>` : ''}`;
}

const afterword = (w: ImportedWork) => `<div id="afterword"><h2 class="toc-heading">Afterword</h2>
${w.endNotes ? `<div class="meta"><div id="endnotes"><p>End Notes</p>\n<blockquote class="userstuff">${w.endNotes}</blockquote></div></div>` : ''}
<p class="message">Please drop by the archive and comment to let the creator know if you enjoyed their work!</p></div>`;

const page = (title: string, body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><meta charset="UTF-8"/><title>${esc(title)}</title></head><body>\n${body}\n</body></html>\n`;

/** AO3's single-file HTML download of a work. */
export function ao3Html(w: ImportedWork, languageName = 'English') {
  const chapters = w.chapters.length === 1 ? `<div class="userstuff">${w.chapters[0]!.body}</div>` : w.chapters.map(chapterHtml).join('\n');
  return page(`${w.title} - someone - ${w.tags.fandoms.join(', ')} [Archive of Our Own]`, `${preface(w, languageName)}\n<div id="chapters" class="userstuff">\n${chapters}\n</div>\n${afterword(w)}`);
}

const CONTAINER = `<?xml version="1.0"?>\n<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`;

/** An EPUB of the given XHTML pages, in spine order, with OPF metadata. */
export function epub(pages: Array<[name: string, xhtml: string]>, meta: { title: string; language?: string; description?: string; subjects?: string[] }, extra: Zippable = {}) {
  const opf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="id">urn:uuid:1</dc:identifier><dc:title>${esc(meta.title)}</dc:title><dc:creator>Someone Else</dc:creator>
${meta.language ? `<dc:language>${meta.language}</dc:language>` : ''}${meta.description ? `<dc:description>${esc(meta.description)}</dc:description>` : ''}
${(meta.subjects ?? []).map((s) => `<dc:subject>${esc(s)}</dc:subject>`).join('')}
</metadata>
<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
${pages.map(([name], i) => `<item id="p${i}" href="${name}" media-type="application/xhtml+xml"/>`).join('\n')}</manifest>
<spine>${pages.map((_, i) => `<itemref idref="p${i}"/>`).join('')}</spine>
</package>`;
  const files: Zippable = {
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8(CONTAINER),
    'OEBPS/content.opf': strToU8(opf),
    'OEBPS/nav.xhtml': strToU8(page('Contents', '<nav><ol><li>Contents</li></ol></nav>')),
    ...Object.fromEntries(pages.map(([name, xhtml]) => [`OEBPS/${name}`, strToU8(xhtml)])),
    ...extra,
  };
  return zipSync(files);
}

/** An EPUB shaped like AO3's: a preface page with the tag list, a page per chapter, an afterword. */
export function ao3Epub(w: ImportedWork, languageName = 'English') {
  return epub([
    ['preface.xhtml', page(w.title, preface(w, languageName))],
    ...w.chapters.map((ch, i): [string, string] => [`chapter${i + 1}.xhtml`, page(ch.title || `Chapter ${i + 1}`, chapterHtml(ch, i))]),
    ['afterword.xhtml', page('Afterword', afterword(w))],
  ], { title: w.title, language: 'en' });
}

export const xhtmlPage = page;

/** Sets the uncompressed size of every entry in a zip, in the local headers and the directory both. */
export function claimSizes(zip: Uint8Array, size: number) {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) view.setUint32(i + 22, size, true);
    else if (sig === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return out;
}
