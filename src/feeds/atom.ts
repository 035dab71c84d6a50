import { htmlToText } from '../formats/plainText.js';
import { tagWorksPath } from '../tags/urls.js';
import { TAG_TYPES } from '../tags/kinds.js';
import type { WorkMeta } from '../works/store.js';
import { creatorNames, isoSeconds } from '../downloads/book.js';
import { CONTENT_TYPES, downloadPath } from '../downloads/paths.js';
import { el, xmlDocument, type XmlElement, type XmlNode } from './xml.js';

export const ATOM_NS = 'http://www.w3.org/2005/Atom';
export const ATOM_TYPE = 'application/atom+xml';
export const OPDS_ACQUISITION = 'application/atom+xml;profile=opds-catalog;kind=acquisition';
export const OPDS_NAVIGATION = 'application/atom+xml;profile=opds-catalog;kind=navigation';
const EPOCH = '1970-01-01T00:00:00Z';

const absolute = (baseUrl: string, path: string) => baseUrl + path;

function authors(baseUrl: string, work: WorkMeta): XmlElement[] {
  if (work.creators.length === 0) return [el('author', {}, el('name', {}, 'orphan_account'))];
  const names = creatorNames(work);
  return work.creators.map((c, i) => el('author', {}, el('name', {}, names[i]!), el('uri', {}, absolute(baseUrl, `/users/${encodeURIComponent(c.login)}`))));
}

/** What AO3's feeds say of a work, as HTML (escaped by the builder as Atom's type="html" wants). */
function contentHtml(work: WorkMeta): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const lines = [
    work.summary,
    `<p>Words: ${work.wordCount}, Chapters: ${work.postedChapters}/${work.expectedChapters ?? '?'}, Language: ${esc(work.language)}</p>`,
    ...TAG_TYPES.filter((t) => work.tags[t].length).map((t) => `<p>${t}: ${work.tags[t].map(esc).join(', ')}</p>`),
  ];
  return lines.join('');
}

/** One work as an Atom entry; with `acquisition`, the OPDS links to download it. */
export function workEntry(baseUrl: string, work: WorkMeta, acquisition: boolean): XmlElement {
  const summary = htmlToText(work.summary);
  return el('entry', {},
    el('title', {}, work.title),
    el('id', {}, absolute(baseUrl, `/works/${work.id}`)),
    el('updated', {}, isoSeconds(work.revisedAt)),
    work.publishedAt ? el('published', {}, isoSeconds(work.publishedAt)) : null,
    authors(baseUrl, work),
    TAG_TYPES.flatMap((t) => work.tags[t].map((name) => el('category', { term: name, label: name, scheme: absolute(baseUrl, tagWorksPath(name)) }))),
    el('dc:language', {}, work.language),
    summary ? el('summary', { type: 'text' }, summary) : null,
    acquisition ? null : el('content', { type: 'html' }, contentHtml(work)),
    el('link', { rel: 'alternate', type: 'text/html', href: absolute(baseUrl, `/works/${work.id}`) }),
    acquisition ? (['epub', 'pdf', 'html', 'txt'] as const).map((f) => el('link', {
      rel: 'http://opds-spec.org/acquisition/open-access', type: CONTENT_TYPES[f].split(';')[0], href: absolute(baseUrl, downloadPath(work, f)),
    })) : null,
  );
}

export type FeedHead = {
  id: string; title: string; selfPath: string; selfType: string; links?: XmlNode; subtitle?: string;
  /** When the feed has no works to date it by (a navigation feed). */
  updated?: string;
};

/** A feed document: updated is its newest entry's time, so an unchanged feed reads the same. */
export function feedDocument(baseUrl: string, head: FeedHead, works: WorkMeta[], entries: XmlNode[], opds: boolean): string {
  const newest = works.reduce((max, w) => (w.revisedAt > max ? w.revisedAt : max), '');
  const updated = head.updated ?? (newest ? isoSeconds(newest) : EPOCH);
  return xmlDocument(el('feed', {
    xmlns: ATOM_NS, 'xmlns:dc': 'http://purl.org/dc/terms/', ...(opds ? { 'xmlns:opds': 'http://opds-spec.org/2010/catalog', 'xmlns:opensearch': 'http://a9.com/-/spec/opensearch/1.1/' } : {}),
  },
  el('id', {}, head.id),
  el('title', {}, head.title),
  head.subtitle ? el('subtitle', {}, head.subtitle) : null,
  el('updated', {}, updated),
  el('author', {}, el('name', {}, 'Quire'), el('uri', {}, baseUrl + '/')),
  el('link', { rel: 'self', type: head.selfType, href: absolute(baseUrl, head.selfPath) }),
  head.links,
  entries));
}

/** A plain Atom feed of works, newest first (tag, user and series feeds). */
export function atomFeed(baseUrl: string, head: { id: string; title: string; selfPath: string; htmlPath: string }, works: WorkMeta[]): string {
  return feedDocument(baseUrl, { ...head, selfType: ATOM_TYPE, links: el('link', { rel: 'alternate', type: 'text/html', href: absolute(baseUrl, head.htmlPath) }) },
    works, works.map((w) => workEntry(baseUrl, w, false)), false);
}

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=UTF-8';
