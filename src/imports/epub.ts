import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { LANGUAGES } from '../works/languages.js';
import { hasScript, inner, readChapters, readEndNotes, readPreface } from './ao3Html.js';
import { noTags, type ImportedChapter, type ImportedWork, type Parsed } from './imported.js';
import { xmlProblem } from './xmlCheck.js';
import { readZip } from './zip.js';

type Doc = ReturnType<typeof parseDocument>;
type Element = NonNullable<ReturnType<typeof DomUtils.findOne>>;

const find = (root: { children: Doc['children'] }, test: (el: Element) => boolean) => DomUtils.findOne(test, root.children, true);
const findAll = (root: { children: Doc['children'] }, test: (el: Element) => boolean) => DomUtils.findAll(test, root.children);
const text = (el: Element | null | undefined) => (el ? DomUtils.textContent(el).replace(/\s+/g, ' ').trim() : '');
const hasClass = (el: Element, c: string) => (el.attribs.class ?? '').split(/\s+/).includes(c);
/** OPF names carry a namespace prefix that varies (dc:title, or title under a default namespace). */
const local = (name: string) => name.slice(name.indexOf(':') + 1).toLowerCase();

/**
 * In an AO3-made book split into a file per chapter, the element holding a chapter's div.meta
 * (with its heading) and its div.userstuff, whatever wraps them.
 */
function chapterBlock(body: Element): Element | null {
  const heading = find(body, (el) => hasClass(el, 'heading'));
  let meta = heading?.parent;
  while (meta && !(meta.type === 'tag' && hasClass(meta as Element, 'meta'))) meta = meta.parent;
  const block = meta?.parent;
  return block && block.type === 'tag' && find(block as Element, (el) => el.name === 'div' && hasClass(el, 'userstuff')) ? block as Element : null;
}

const XHTML = new Set(['application/xhtml+xml', 'text/html']);

function languageCode(raw: string): string | undefined {
  const exact = LANGUAGES.find(([code]) => code.toLowerCase() === raw.toLowerCase());
  return exact?.[0] ?? LANGUAGES.find(([code]) => code === raw.split('-')[0]?.toLowerCase())?.[0];
}

/**
 * A work from an EPUB: container.xml names the package (OPF), whose spine orders the chapter
 * files. AO3-made books carry a preface page with the full tag list, which is read as AO3's HTML
 * download is; other books give title, description, language and subjects (as additional tags).
 */
export function parseEpub(bytes: Uint8Array): Parsed {
  const zip = readZip(bytes);
  if (!zip.ok) return zip;
  const fail = (message: string): Parsed => ({ ok: false, message });
  const read = (name: string): string | null => {
    const data = zip.files.get(name);
    if (!data) return null;
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
    } catch {
      return null;
    }
  };
  const xml = (name: string, what: string): Doc | string => {
    const source = read(name);
    if (source === null) return `has no readable ${what} (${name})`;
    const problem = xmlProblem(source);
    if (problem) return `has a broken ${what}: ${name} is not well-formed XML (${problem})`;
    return parseDocument(source, { xmlMode: true });
  };

  const container = xml('META-INF/container.xml', 'META-INF/container.xml, so it is not an EPUB');
  if (typeof container === 'string') return fail(container);
  const opfPath = find(container, (el) => local(el.name) === 'rootfile')?.attribs['full-path'];
  if (!opfPath) return fail('names no package file in META-INF/container.xml');
  const opf = xml(path.posix.normalize(opfPath), 'package file');
  if (typeof opf === 'string') return fail(opf);

  const meta = (name: string) => findAll(opf, (el) => local(el.name) === name).map(text).filter(Boolean);
  const manifest = new Map(findAll(opf, (el) => local(el.name) === 'item').map((el) => [el.attribs.id ?? '', el.attribs]));
  const spine = findAll(opf, (el) => local(el.name) === 'itemref').map((el) => el.attribs.idref ?? '');
  const base = path.posix.dirname(path.posix.normalize(opfPath));

  let preface: ReturnType<typeof readPreface> | null = null;
  let endNotes = '';
  const chapters: ImportedChapter[] = [];
  for (const idref of spine) {
    const item = manifest.get(idref);
    if (!item?.href || !XHTML.has(item['media-type'] ?? '') || (item.properties ?? '').split(/\s+/).includes('nav')) continue;
    let href: string;
    try {
      href = decodeURIComponent(item.href.split('#')[0]!);
    } catch {
      return fail(`names a chapter file it cannot decode (“${item.href.slice(0, 200)}”)`);
    }
    const file = path.posix.normalize(path.posix.join(base, href));
    if (file.startsWith('../') || path.posix.isAbsolute(file)) return fail(`names a chapter outside the book (“${item.href.slice(0, 200)}”); it was refused`);
    const source = read(file);
    if (source === null) return fail(`is missing its chapter file ${file} (or it is not UTF-8)`);
    const problem = xmlProblem(source);
    if (problem) return fail(`has a broken chapter: ${file} is not well-formed XML (${problem})`);
    const doc = parseDocument(source, { recognizeSelfClosing: true });
    if (hasScript(doc)) return fail(`contains a <script> in ${file}; books with scripts are refused`);

    const prefaceEl = find(doc, (el) => el.attribs.id === 'preface');
    if (prefaceEl && find(prefaceEl, (el) => el.name === 'dl' && hasClass(el, 'tags'))) {
      preface = readPreface(prefaceEl);
      continue;
    }
    if (find(doc, (el) => el.attribs.id === 'afterword')) {
      endNotes = readEndNotes(doc);
      continue;
    }
    const body = find(doc, (el) => el.name === 'body');
    if (!body) continue;
    const ao3Chapters = find(doc, (el) => el.attribs.id === 'chapters') ?? chapterBlock(body);
    if (ao3Chapters) {
      chapters.push(...readChapters(ao3Chapters));
      continue;
    }
    if (text(body) === '') continue;
    const heading = find(body, (el) => /^h[1-3]$/.test(el.name));
    const title = text(heading);
    if (heading) DomUtils.removeElement(heading);
    chapters.push({ title, summary: '', notes: '', endNotes: '', body: inner(body) });
  }
  if (chapters.length === 0) return fail('has no chapters with text in its spine');

  const language = preface?.language ?? (meta('language')[0] ? languageCode(meta('language')[0]!) : undefined);
  const work: ImportedWork = preface
    ? { ...preface, title: preface.title || (meta('title')[0] ?? ''), language, endNotes, chapters }
    : {
      title: meta('title')[0] ?? '',
      summary: meta('description')[0] ?? '',
      notes: '',
      endNotes,
      language,
      tags: { ...noTags(), freeforms: meta('subject') },
      chapters,
    };
  return { ok: true, work };
}
