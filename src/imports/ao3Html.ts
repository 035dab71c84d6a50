import { DomUtils, parseDocument } from 'htmlparser2';
import { LANGUAGES } from '../works/languages.js';
import { noTags, type ImportedChapter, type ImportedTags, type ImportedWork, type Parsed } from './imported.js';

type Doc = ReturnType<typeof parseDocument>;
type Element = NonNullable<ReturnType<typeof DomUtils.findOne>>;
type Node = Doc['children'][number];

const isElement = (n: Node): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';
const classes = (el: Element) => (el.attribs.class ?? '').split(/\s+/);
const hasClass = (el: Element, c: string) => classes(el).includes(c);
const find = (nodes: Node[], test: (el: Element) => boolean) => DomUtils.findOne(test, nodes, true);
const text = (el: Element | null | undefined) => (el ? DomUtils.textContent(el).replace(/\s+/g, ' ').trim() : '');
// Characters stay as they are; only &, <, > and quotes are escaped.
export const inner = (el: Element | null | undefined) => (el ? DomUtils.getInnerHTML(el, { encodeEntities: 'utf8' }).trim() : '');
const childElements = (el: Element) => el.children.filter(isElement);

/** AO3's preface labels (singular and plural) to tag kinds. */
const LABELS: Record<string, keyof ImportedTags | 'language' | 'stats'> = {
  rating: 'rating', ratings: 'rating', 'archive warning': 'warnings', 'archive warnings': 'warnings',
  category: 'categories', categories: 'categories', fandom: 'fandoms', fandoms: 'fandoms',
  relationship: 'relationships', relationships: 'relationships', character: 'characters', characters: 'characters',
  'additional tag': 'freeforms', 'additional tags': 'freeforms', language: 'language', stats: 'stats',
};
/** AO3 spells one warning differently from Quire. */
const WARNING_NAMES: Record<string, string> = { 'Creator Chose Not To Use Archive Warnings': 'Choose Not To Use Archive Warnings' };

const languageCode = (name: string) => LANGUAGES.find(([code, n]) => n.toLowerCase() === name.toLowerCase() || code === name)?.[0];

/** AO3's download marks: the preface with its tag list, or the chapters block. */
export function looksLikeAo3(doc: Doc): boolean {
  const preface = find(doc.children, (el) => el.attribs.id === 'preface');
  return !!preface && !!find(preface.children, (el) => el.name === 'dl' && hasClass(el, 'tags'));
}

export const hasScript = (doc: Doc) => !!find(doc.children, (el) => el.name === 'script');

/** The blockquote that follows a <p> labelled `label` ("Summary", "Notes", "Chapter Notes"). */
function labelled(container: Element | null | undefined, label: string): string {
  if (!container) return '';
  const kids = childElements(container);
  const at = kids.findIndex((el) => el.name === 'p' && text(el).toLowerCase() === label.toLowerCase());
  const next = at >= 0 ? kids[at + 1] : undefined;
  return next?.name === 'blockquote' ? inner(next) : '';
}

/** Tags, language and chapter count from AO3's dl.tags. */
export function readTagList(dl: Element): { tags: ImportedTags; language?: string | undefined; expectedChapters?: number | null | undefined } {
  const tags = noTags();
  let language: string | undefined;
  let expectedChapters: number | null | undefined;
  let kind: string | undefined;
  for (const el of childElements(dl)) {
    if (el.name === 'dt') kind = LABELS[text(el).replace(/:$/, '').toLowerCase()];
    else if (el.name === 'dd' && kind) {
      const links = DomUtils.findAll((a) => a.name === 'a', el.children);
      const names = (links.length ? links.map((a) => text(a)) : text(el).split(/,\s*/)).filter(Boolean);
      if (kind === 'language') language = languageCode(text(el));
      else if (kind === 'stats') {
        const m = /Chapters:\s*\d+\s*\/\s*(\d+|\?)/.exec(text(el));
        if (m) expectedChapters = m[1] === '?' ? null : Number(m[1]);
      } else if (kind === 'rating') tags.rating = names[0];
      else if (kind === 'warnings') tags.warnings.push(...names.map((n) => WARNING_NAMES[n] ?? n));
      else tags[kind as Exclude<keyof ImportedTags, 'rating'>].push(...names);
      kind = undefined;
    }
  }
  return { tags, language, expectedChapters };
}

/** "Chapter 3: The Title" -> "The Title"; "Chapter 3" -> "". */
const chapterTitle = (heading: string) => heading.replace(/^Chapter\s+\d+\s*(?::\s*)?/i, '').trim();

/**
 * The chapters of an AO3 download: each a div.meta (heading, summary, notes), the text in
 * div.userstuff, then its end notes in a div.meta; a one-chapter work is the text alone.
 */
export function readChapters(container: Element): ImportedChapter[] {
  const chapters: ImportedChapter[] = [];
  let pending: ImportedChapter | null = null;
  for (const el of childElements(container)) {
    if (el.name !== 'div') continue;
    if (hasClass(el, 'meta') && find(el.children, (h) => hasClass(h, 'heading'))) {
      pending = { title: chapterTitle(text(find(el.children, (h) => hasClass(h, 'heading')))), summary: labelled(el, 'Chapter Summary'), notes: labelled(el, 'Chapter Notes'), endNotes: '', body: '' };
    } else if (hasClass(el, 'userstuff')) {
      const chapter = pending ?? { title: '', summary: '', notes: '', endNotes: '', body: '' };
      chapter.body = inner(el);
      chapters.push(chapter);
      pending = null;
    } else if (hasClass(el, 'meta') && chapters.length) {
      chapters[chapters.length - 1]!.endNotes = labelled(el, 'Chapter End Notes');
    }
  }
  return chapters;
}

/** Work metadata from AO3's preface (the title, its tags, summary and notes). */
export function readPreface(preface: Element) {
  const meta = find(preface.children, (el) => el.name === 'div' && hasClass(el, 'meta'));
  const dl = find(preface.children, (el) => el.name === 'dl' && hasClass(el, 'tags'));
  const title = text(meta && find(meta.children, (el) => el.name === 'h1')) || text(find(preface.children, (el) => el.name === 'b'));
  return { title, summary: labelled(meta, 'Summary'), notes: labelled(meta, 'Notes'), ...(dl ? readTagList(dl) : { tags: noTags() }) };
}

export const readEndNotes = (doc: Doc | Element) =>
  inner(find('children' in doc ? doc.children : [], (el) => el.attribs.id === 'endnotes')?.children.filter(isElement).find((el) => el.name === 'blockquote'));

/** A work from AO3's downloaded HTML (one file: preface, chapters, afterword). */
export function parseAo3Html(html: string): Parsed {
  const doc = parseDocument(html);
  if (hasScript(doc)) return { ok: false, message: 'contains a <script>; AO3’s downloads have none, so this file was changed. It was refused' };
  const preface = find(doc.children, (el) => el.attribs.id === 'preface');
  const chaptersDiv = find(doc.children, (el) => el.attribs.id === 'chapters');
  if (!preface || !chaptersDiv) return { ok: false, message: 'looks like an AO3 download but has no preface or chapters' };
  const chapters = readChapters(chaptersDiv);
  if (chapters.length === 0) return { ok: false, message: 'has no chapter text in its chapters block' };
  const work: ImportedWork = { ...readPreface(preface), endNotes: readEndNotes(doc), chapters };
  return { ok: true, work };
}
