import { createHash } from 'node:crypto';
import type { Chapter, WorkMeta } from '../works/store.js';
import { chapterHeading } from '../works/views/workPage.js';
import { isComplete } from '../works/views/meta.js';
import { languageName } from '../works/languages.js';
import { TAG_TYPE_LABELS, TAG_TYPES } from '../tags/kinds.js';
import { tagWorksPath } from '../tags/urls.js';

/** A series the work belongs to, and its place in it (series are optional: none yet, or none at all). */
export type BookSeries = { name: string; position: number; url: string };

/** Everything a download is made of: a posted work, its posted chapters, and absolute links. */
export type Book = {
  work: WorkMeta;
  chapters: Chapter[];
  series: BookSeries[];
  baseUrl: string;
};

export const workUrl = (book: Book) => `${book.baseUrl}/works/${book.work.id}`;

/** Stable across versions and formats: the same work is the same book to a reading system. */
export function bookIdentifier(book: Book): string {
  const h = createHash('sha1').update(`${book.baseUrl}/works/${book.work.id}`).digest('hex');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

export const creatorNames = (work: WorkMeta) =>
  work.creators.length === 0 ? ['orphan_account'] : work.creators.map((c) => (c.pseud.toLowerCase() === c.login.toLowerCase() ? c.login : `${c.pseud} (${c.login})`));

export const allTags = (work: WorkMeta) => TAG_TYPES.flatMap((t) => work.tags[t]);

export const chapterTitle = (book: Book, ch: Chapter) => (book.chapters.length > 1 ? chapterHeading(ch) : book.work.title);

/** A line of the preface: a label and its values, each maybe a link. */
export type PrefaceRow = { label: string; values: { text: string; href?: string }[] };

/** AO3's download preface, as data each format draws its own way. */
export function prefaceRows(book: Book): PrefaceRow[] {
  const { work } = book;
  const rows: PrefaceRow[] = [];
  for (const t of TAG_TYPES) {
    const names = work.tags[t];
    if (names.length === 0) continue;
    rows.push({ label: names.length > 1 ? TAG_TYPE_LABELS[t].many : TAG_TYPE_LABELS[t].one, values: names.map((n) => ({ text: n, href: book.baseUrl + tagWorksPath(n) })) });
  }
  rows.push({ label: 'Language', values: [{ text: languageName(work.language) }] });
  if (book.series.length) {
    rows.push({ label: 'Series', values: book.series.map((s) => ({ text: `Part ${s.position} of ${s.name}`, href: s.url })) });
  }
  const stats = [
    work.publishedAt ? `Published: ${work.publishedAt.slice(0, 10)}` : '',
    work.publishedAt && work.revisedAt.slice(0, 10) !== work.publishedAt.slice(0, 10) ? `${isComplete(work) ? 'Completed' : 'Updated'}: ${work.revisedAt.slice(0, 10)}` : '',
    `Words: ${work.wordCount.toLocaleString('en')}`,
    `Chapters: ${work.postedChapters}/${work.expectedChapters ?? '?'}`,
  ].filter(Boolean);
  rows.push({ label: 'Stats', values: [{ text: stats.join(' ') }] });
  return rows;
}

/** ISO time to the second, as EPUB metadata and Atom want it. */
export const isoSeconds = (iso: string) => `${iso.slice(0, 19)}Z`;
