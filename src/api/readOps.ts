import type { z } from 'zod';
import { canSeeTag } from '../policy/tags.js';
import { tagNameFromSlug, tagSlug } from '../tags/urls.js';
import { filterQuery, parseFilterParams, type FilterRequest } from '../search/filterParams.js';
import type { SortKey, WorkScope } from '../search/workIndex.js';
import type { Listing } from '../works/reading.js';
import type { Cursors } from './cursor.js';
import { apiError, notFoundError, type ApiCtx } from './env.js';
import { operation } from './operations.js';
import { chapter, chapterMeta, workSummary } from './present.js';
import {
  Chapter, ChapterList, chapterIdParams, listingQuery, loginParam, SearchList, searchQuery, Tag, tagParam, User, Work, WorkList, workIdParam,
} from './schemas.js';

/** A listing request: its filters, the page its cursor points at, and the key cursors are bound to. */
type Page = { request: FilterRequest; page: number; key: string };

/**
 * The HTML listings' own filter parsing, plus typed tag names resolved at once (the HTML pages
 * redirect instead) and the cursor in place of a page number.
 */
async function listingPage(c: ApiCtx, cursors: Cursors, scopeKey: string, defaultSort: SortKey, cursor: string | undefined, extra: Record<string, string>): Promise<Page | Response> {
  const parsed = parseFilterParams({ ...c.req.queries(), page: ['1'] }, defaultSort);
  if (!parsed.ok) return apiError(c, 400, 'invalid_request', parsed.message, { [parsed.field]: parsed.message });
  const { tags } = c.get('services');
  const v = parsed.value;
  for (const [key, names, into] of [['include_names', v.includeNames, v.filter.include], ['exclude_names', v.excludeNames, v.filter.exclude]] as const) {
    for (const name of names) {
      const tag = await tags.findByName(name);
      if (!tag) return apiError(c, 400, 'invalid_request', `There is no tag called “${name}”.`, { [key]: `There is no tag called “${name}”.` });
      into.push(tag.id);
    }
  }
  const key = `${scopeKey}?${filterQuery(v.filter, v.sort, defaultSort, extra)}`;
  let page = 1;
  if (cursor) {
    const decoded = cursors.decode(cursor, key);
    if (!decoded.ok) return apiError(c, 400, 'invalid_cursor', decoded.message, { cursor: decoded.message });
    page = decoded.page;
  }
  return { request: v, page, key };
}

function listBody(c: ApiCtx, cursors: Cursors, listing: Listing, key: string) {
  const { baseUrl } = c.get('services').config;
  const more = listing.page * listing.perPage < listing.total;
  return {
    works: listing.works.map((w) => workSummary(w, baseUrl)),
    total: listing.total,
    next_cursor: more ? cursors.encode(listing.page + 1, key) : null,
  };
}

async function list(c: ApiCtx, cursors: Cursors, scope: WorkScope, scopeKey: string, q: { cursor?: string | undefined; saved?: string | undefined }) {
  const p = await listingPage(c, cursors, scopeKey, 'revised_at', q.cursor, q.saved === 'off' ? { saved: 'off' } : {});
  if (p instanceof Response) return p;
  const { filter, sort } = p.request;
  const listing = await c.get('services').reading.list(c.get('viewer'), { scope, filter, sort, page: p.page, savedExclusions: q.saved !== 'off' });
  const body: z.output<typeof WorkList> = listBody(c, cursors, listing, p.key);
  return c.json(body);
}

const LIST_RESPONSE = { 200: { description: 'A page of works, newest change first unless sorted otherwise', schema: WorkList } };

/** A tag as this caller may see it (a tag known only from works they may not list is no tag). */
async function visibleTag(c: ApiCtx, name: string) {
  const { wrangling, reading } = c.get('services');
  const tag = await wrangling.findByName(tagNameFromSlug(name));
  const viewer = c.get('viewer');
  if (!tag) return null;
  const visibleWorks = tag.canonical ? 0 : (await reading.list(viewer, { scope: { kind: 'tag', tagId: tag.id }, page: 1, savedExclusions: false })).total;
  return canSeeTag(viewer, { canonical: tag.canonical, visibleWorks }) ? tag : null;
}

export function readOperations(cursors: Cursors) {
  return [
    operation({
      method: 'get', path: '/api/v1/works', operationId: 'listWorks', tag: 'works',
      summary: 'List works with every filter of the HTML listing',
      query: listingQuery, responses: LIST_RESPONSE,
      handler: (c, { query }) => list(c, cursors, { kind: 'all' }, 'all', query),
    }),

    operation({
      method: 'get', path: '/api/v1/works/{id}', operationId: 'getWork', tag: 'works',
      summary: 'A work’s metadata and its chapters (drafts only to its creators)',
      params: workIdParam, responses: { 200: { description: 'The work', schema: Work } },
      async handler(c, { params }) {
        const found = await c.get('services').reading.chapterIndex(c.get('viewer'), Number(params.id));
        if (!found) return notFoundError(c);
        const w = found.work;
        const body: z.output<typeof Work> = {
          ...workSummary(w, c.get('services').config.baseUrl), notes: w.notes, end_notes: w.endNotes, chapters: found.chapters.map(chapterMeta),
        };
        return c.json(body);
      },
    }),

    operation({
      method: 'get', path: '/api/v1/works/{id}/chapters', operationId: 'listChapters', tag: 'chapters',
      summary: 'A work’s chapters, in order, without their text',
      params: workIdParam, responses: { 200: { description: 'The chapters', schema: ChapterList } },
      async handler(c, { params }) {
        const found = await c.get('services').reading.chapterIndex(c.get('viewer'), Number(params.id));
        return found ? c.json(found.chapters.map(chapterMeta)) : notFoundError(c);
      },
    }),

    operation({
      method: 'get', path: '/api/v1/works/{id}/chapters/{chapterId}', operationId: 'getChapter', tag: 'chapters',
      summary: 'One chapter with its text',
      params: chapterIdParams, responses: { 200: { description: 'The chapter', schema: Chapter } },
      async handler(c, { params }) {
        const data = await c.get('services').reading.workPage(c.get('viewer'), Number(params.id), { kind: 'chapter', chapterId: Number(params.chapterId) });
        const shown = data?.shown[0];
        return shown ? c.json(chapter(shown)) : notFoundError(c, 'There is no such chapter');
      },
    }),

    operation({
      method: 'get', path: '/api/v1/tags/{name}', operationId: 'getTag', tag: 'tags',
      summary: 'A tag: its kind, whether it is canonical, what it is a synonym of',
      params: tagParam, responses: { 200: { description: 'The tag', schema: Tag } },
      async handler(c, { params }) {
        const tag = await visibleTag(c, params.name);
        if (!tag) return notFoundError(c, 'There is no such tag');
        const [canonical] = tag.mergerId === null ? [] : await c.get('services').tags.byIds([tag.mergerId]);
        const body: z.output<typeof Tag> = {
          name: tag.name, type: tag.type, canonical: tag.canonical, synonym_of: canonical?.name ?? null,
          works_url: `${c.get('services').config.baseUrl}/api/v1/tags/${tagSlug((canonical ?? tag).name)}/works`,
        };
        return c.json(body);
      },
    }),

    operation({
      method: 'get', path: '/api/v1/tags/{name}/works', operationId: 'listTagWorks', tag: 'tags',
      summary: 'Works in a tag (its synonyms and sub-tags included; a synonym lists its canonical tag’s works)',
      params: tagParam, query: listingQuery, responses: LIST_RESPONSE,
      async handler(c, { params, query }) {
        const tag = await visibleTag(c, params.name);
        if (!tag) return notFoundError(c, 'There is no such tag');
        const tagId = tag.mergerId ?? tag.id;
        return list(c, cursors, { kind: 'tag', tagId }, `tag:${tagId}`, query);
      },
    }),

    operation({
      method: 'get', path: '/api/v1/users/{login}', operationId: 'getUser', tag: 'users',
      summary: 'A user and their pseuds',
      params: loginParam, responses: { 200: { description: 'The user', schema: User } },
      async handler(c, { params }) {
        const { accounts, config } = c.get('services');
        const user = await accounts.findUser(params.login);
        if (!user) return notFoundError(c, 'There is no such user');
        const pseuds = await accounts.pseudsOf(user.id);
        const body: z.output<typeof User> = {
          login: user.login, url: `${config.baseUrl}/users/${user.login}`, pseuds: pseuds.map((p) => ({ name: p.name, is_default: p.isDefault })),
        };
        return c.json(body);
      },
    }),

    operation({
      method: 'get', path: '/api/v1/users/{login}/works', operationId: 'listUserWorks', tag: 'users',
      summary: 'A user’s posted works, with every filter',
      params: loginParam, query: listingQuery, responses: LIST_RESPONSE,
      async handler(c, { params, query }) {
        const user = await c.get('services').accounts.findUser(params.login);
        if (!user) return notFoundError(c, 'There is no such user');
        return list(c, cursors, { kind: 'user', userId: user.id }, `user:${user.id}`, query);
      },
    }),

    operation({
      method: 'get', path: '/api/v1/search', operationId: 'search', tag: 'search',
      summary: 'Search titles, creators, tags, summaries and text, with every filter; best match first',
      query: searchQuery, responses: { 200: { description: 'A page of matches', schema: SearchList } },
      async handler(c, { query }) {
        const extra: Record<string, string> = { q: query.q, ...(query.saved === 'off' ? { saved: 'off' } : {}) };
        const p = await listingPage(c, cursors, 'search', 'best_match', query.cursor, extra);
        if (p instanceof Response) return p;
        const { filter, sort } = p.request;
        const result = await c.get('services').search.search(c.get('viewer'), query.q, { filter, sort, page: p.page, savedExclusions: query.saved !== 'off' });
        if (!result.ok) return apiError(c, 400, 'invalid_request', result.message, { q: result.message });
        const base = listBody(c, cursors, result.listing, p.key);
        const body: z.output<typeof SearchList> = {
          ...base,
          works: base.works.map((w) => {
            const s = result.snippets.get(w.id);
            return { ...w, snippet: s ? s.parts.map((part) => part.text).join('') : '' };
          }),
        };
        return c.json(body);
      },
    }),
  ];
}
