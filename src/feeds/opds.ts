import { RATINGS } from '../tags/kinds.js';
import type { Listing } from '../works/reading.js';
import { feedDocument, OPDS_ACQUISITION, OPDS_NAVIGATION, workEntry } from './atom.js';
import { el, xmlDocument, type XmlNode } from './xml.js';

/** The paths of the catalog, in one place, so links and routes agree. */
export const OPDS = {
  root: '/opds',
  works: '/opds/works',
  fandoms: '/opds/fandoms',
  search: '/opds/search',
  openSearch: '/opds/opensearch.xml',
  signIn: '/opds/signin',
};

export type AcquisitionQuery = { sort: 'new' | 'kudos'; page: number; rating?: number | undefined; complete?: 'complete' | 'in_progress' | undefined; tag?: number | undefined; q?: string | undefined };

export function acquisitionHref(path: string, q: Partial<AcquisitionQuery>): string {
  const p = new URLSearchParams();
  if (q.q !== undefined) p.set('q', q.q);
  if (q.tag !== undefined) p.set('tag', String(q.tag));
  if (q.sort && q.sort !== 'new') p.set('sort', q.sort);
  if (q.rating !== undefined) p.set('rating', String(q.rating));
  if (q.complete) p.set('complete', q.complete);
  if (q.page && q.page > 1) p.set('page', String(q.page));
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

/** Links every catalog feed carries: where it starts, and how to search it. */
const commonLinks = (baseUrl: string): XmlNode => [
  el('link', { rel: 'start', type: OPDS_NAVIGATION, href: baseUrl + OPDS.root, title: 'Quire' }),
  el('link', { rel: 'search', type: 'application/opensearchdescription+xml', href: baseUrl + OPDS.openSearch, title: 'Search works' }),
];

export type NavigationEntry = { title: string; path: string; rel: string; type: string; content: string };

export function navigationFeed(baseUrl: string, head: { title: string; selfPath: string }, entries: NavigationEntry[], updated: string): string {
  const nodes = entries.map((e) => el('entry', {},
    el('title', {}, e.title),
    el('id', {}, baseUrl + e.path),
    el('updated', {}, updated),
    el('content', { type: 'text' }, e.content),
    el('link', { rel: e.rel, type: e.type, href: baseUrl + e.path })));
  const links = [commonLinks(baseUrl), el('link', { rel: 'up', type: OPDS_NAVIGATION, href: baseUrl + OPDS.root })];
  return feedDocument(baseUrl, { id: baseUrl + head.selfPath, title: head.title, selfPath: head.selfPath, selfType: OPDS_NAVIGATION, links, updated }, [], nodes, true);
}

export type Facet = { group: string; title: string; query: Partial<AcquisitionQuery>; active: boolean };

/** The choices an e-reader offers beside a list: ratings and completion. */
export function facets(q: AcquisitionQuery, ratingIds: Map<string, number>): Facet[] {
  const base = { sort: q.sort, tag: q.tag, q: q.q, rating: q.rating, complete: q.complete };
  return [
    { group: 'Rating', title: 'All ratings', query: { ...base, rating: undefined }, active: q.rating === undefined },
    ...RATINGS.flatMap((name) => {
      const id = ratingIds.get(name);
      return id === undefined ? [] : [{ group: 'Rating', title: name, query: { ...base, rating: id }, active: q.rating === id }];
    }),
    { group: 'Completion', title: 'All works', query: { ...base, complete: undefined }, active: !q.complete },
    { group: 'Completion', title: 'Complete works', query: { ...base, complete: 'complete' }, active: q.complete === 'complete' },
    { group: 'Completion', title: 'Works in progress', query: { ...base, complete: 'in_progress' }, active: q.complete === 'in_progress' },
  ];
}

export function acquisitionFeed(baseUrl: string, head: { title: string; path: string }, q: AcquisitionQuery, listing: Listing, facetLinks: Facet[]): string {
  const pages = Math.max(1, Math.ceil(listing.total / listing.perPage));
  const link = (rel: string, page: number) => el('link', { rel, type: OPDS_ACQUISITION, href: baseUrl + acquisitionHref(head.path, { ...q, page }) });
  const links: XmlNode = [
    commonLinks(baseUrl),
    el('link', { rel: 'up', type: OPDS_NAVIGATION, href: baseUrl + OPDS.root }),
    link('first', 1),
    q.page > 1 ? link('previous', q.page - 1) : null,
    q.page < pages ? link('next', q.page + 1) : null,
    link('last', pages),
    facetLinks.map((f) => el('link', {
      rel: 'http://opds-spec.org/facet', type: OPDS_ACQUISITION, href: baseUrl + acquisitionHref(head.path, { ...f.query, page: 1 }),
      title: f.title, 'opds:facetGroup': f.group, 'opds:activeFacet': f.active ? 'true' : undefined,
    })),
    el('opensearch:totalResults', {}, String(listing.total)),
    el('opensearch:itemsPerPage', {}, String(listing.perPage)),
    el('opensearch:startIndex', {}, String((listing.page - 1) * listing.perPage + 1)),
  ];
  const selfPath = acquisitionHref(head.path, q);
  return feedDocument(baseUrl, { id: baseUrl + selfPath, title: head.title, selfPath, selfType: OPDS_ACQUISITION, links }, listing.works,
    listing.works.map((w) => workEntry(baseUrl, w, true)), true);
}

export function openSearchDescription(baseUrl: string): string {
  return xmlDocument(el('OpenSearchDescription', { xmlns: 'http://a9.com/-/spec/opensearch/1.1/' },
    el('ShortName', {}, 'Quire'),
    el('Description', {}, 'Search the works on this Quire archive'),
    el('InputEncoding', {}, 'UTF-8'),
    el('OutputEncoding', {}, 'UTF-8'),
    el('Url', { type: OPDS_ACQUISITION, template: `${baseUrl}${OPDS.search}?q={searchTerms}` })));
}
