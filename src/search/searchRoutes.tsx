import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../web/env.js';
import { Layout } from '../web/layout.js';
import { chrome, send } from '../web/render.js';
import { WorkListPage } from '../works/views/blurb.js';
import { filterQuery, parseFilterParams } from './filterParams.js';
import { FilterSidebar, SavedExclusionsNote } from './views/filterSidebar.js';
import { SearchBox, snippetExtras } from './views/searchPage.js';
import { SORT_KEYS } from './workIndex.js';

/** Search, with the same filters and sidebar as any listing; best match first by default. */
async function searchPage(c: Ctx) {
  const q = c.req.query('q') ?? '';
  const viewer = c.get('viewer');
  const page = (message?: string) => send(c, (
    <Layout title="Search Works" {...chrome(c)}><h1>Search Works</h1><SearchBox q={q.slice(0, 1000)} message={message} /></Layout>
  ), message ? 400 : 200);
  if (q.trim() === '') return page();
  const parsed = parseFilterParams(c.req.queries(), 'best_match');
  if (!parsed.ok) return page(parsed.message);
  const { filter, sort } = parsed.value;
  const savedOff = c.req.query('saved') === 'off';
  const result = await c.get('services').search.search(viewer, q, { filter, sort, page: parsed.value.page, savedExclusions: !savedOff });
  if (!result.ok) return page(result.message);
  const keep: Record<string, string> = { q, ...(savedOff ? { saved: 'off' } : {}) };
  const chosen = await c.get('services').tags.byIds([...filter.include, ...filter.exclude, ...filter.ratings]);
  return send(c, <WorkListPage title="Search Works" listing={result.listing} path="/works/search" query={filterQuery(filter, sort, 'best_match', keep)}
    chrome={chrome(c)} extras={snippetExtras(result.snippets)}
    intro={<><SearchBox q={q} /><SavedExclusionsNote count={result.listing.excludedBySettings} off={savedOff} path="/works/search" query={filterQuery(filter, sort, 'best_match', { q })} /></>}
    sidebar={<FilterSidebar action="/works/search" facets={result.listing.facets} filter={filter} sort={sort} sorts={SORT_KEYS} chosen={chosen} keep={keep} />} />);
}

export function searchRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/works/search', searchPage);
  return app;
}
