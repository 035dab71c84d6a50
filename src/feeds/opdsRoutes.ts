import { Hono } from 'hono';
import { z } from 'zod';
import { NO_FILTER, type WorkFilter, type WorkScope } from '../search/workIndex.js';
import { RATINGS } from '../tags/kinds.js';
import type { AppEnv, Ctx } from '../web/env.js';
import { isoSeconds } from '../downloads/book.js';
import { OPDS_ACQUISITION, OPDS_NAVIGATION } from './atom.js';
import { BASIC_CHALLENGE, basicAuthOverTls, overTls } from './basicAuth.js';
import { listableTag } from './tagAccess.js';
import { acquisitionFeed, facets, navigationFeed, OPDS, openSearchDescription, type AcquisitionQuery, type NavigationEntry } from './opds.js';

const id = z.string().regex(/^\d{1,12}$/, 'must be a number').transform(Number).optional();
const querySchema = z.object({
  sort: z.enum(['new', 'kudos']).default('new'),
  page: z.string().regex(/^\d{1,7}$/, 'must be a whole number').transform(Number).refine((n) => n >= 1, 'must be 1 or more').default(1),
  rating: id,
  tag: id,
  complete: z.enum(['complete', 'in_progress']).optional(),
  q: z.string().max(1000).optional(),
});

function xml(c: Ctx, body: string, type: string, status: 200 | 400 | 404 = 200) {
  // Signed-in readers see restricted works: their feeds are theirs alone.
  c.header('Cache-Control', c.get('viewer').kind === 'user' ? 'private, no-cache' : 'no-cache');
  return c.body(body, status, { 'Content-Type': `${type}; charset=UTF-8` });
}

const problem = (c: Ctx, status: 400 | 404, message: string) => c.text(message, status);

async function ratingIds(c: Ctx): Promise<Map<string, number>> {
  const found = await Promise.all(RATINGS.map((name) => c.get('services').tags.findByName(name)));
  return new Map(found.flatMap((t) => (t ? [[t.name, t.id] as [string, number]] : [])));
}

/**
 * The OPDS 1.2 catalog for e-reader apps: a navigation root, acquisition feeds (newest, most
 * kudos, a fandom, a search) with EPUB links, paging and facets, and an OpenSearch description.
 * Lists go through the reading service, so a viewer sees exactly what their listings show.
 */
export function opdsRoutes() {
  const app = new Hono<AppEnv>();
  app.use(OPDS.root, basicAuthOverTls);
  app.use(`${OPDS.root}/*`, basicAuthOverTls);

  app.get(OPDS.root, (c) => {
    const signedIn = c.get('viewer').kind === 'user';
    const entries: NavigationEntry[] = [
      { title: 'New works', path: OPDS.works, rel: 'http://opds-spec.org/sort/new', type: OPDS_ACQUISITION, content: 'The newest works, newest first.' },
      { title: 'Most kudos', path: `${OPDS.works}?sort=kudos`, rel: 'http://opds-spec.org/sort/popular', type: OPDS_ACQUISITION, content: 'The works readers left the most kudos on.' },
      { title: 'Fandoms', path: OPDS.fandoms, rel: 'subsection', type: OPDS_NAVIGATION, content: 'Works by fandom.' },
      ...(signedIn ? [] : [{ title: 'Sign in', path: OPDS.signIn, rel: 'subsection', type: OPDS_NAVIGATION, content: 'Sign in with your Quire login and password to see works for signed-in readers (needs https).' }]),
    ];
    return xml(c, navigationFeed(c.get('services').config.baseUrl, { title: 'Quire', selfPath: OPDS.root }, entries, isoSeconds(new Date().toISOString())), OPDS_NAVIGATION);
  });

  app.get(OPDS.fandoms, async (c) => {
    const { feeds, config } = c.get('services');
    const fandoms = await feeds.fandoms(c.get('viewer'));
    const entries = fandoms.map((f): NavigationEntry => ({
      title: f.name, path: `${OPDS.works}?tag=${f.id}`, rel: 'subsection', type: OPDS_ACQUISITION, content: `${f.count} ${f.count === 1 ? 'work' : 'works'}`,
    }));
    return xml(c, navigationFeed(config.baseUrl, { title: 'Fandoms', selfPath: OPDS.fandoms }, entries, isoSeconds(new Date().toISOString())), OPDS_NAVIGATION);
  });

  app.get(OPDS.works, async (c) => {
    const parsed = querySchema.safeParse(c.req.query());
    if (!parsed.success) return problem(c, 400, `This catalog address is not right: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}.`);
    const q: AcquisitionQuery = { ...parsed.data, q: undefined };
    const { reading, tags, config } = c.get('services');
    const viewer = c.get('viewer');
    let scope: WorkScope = { kind: 'all' };
    let title = q.sort === 'kudos' ? 'Most kudos' : 'New works';
    if (q.tag !== undefined) {
      const [named] = await tags.byIds([q.tag]);
      const tag = await listableTag(c.get('services'), viewer, named && await c.get('services').wrangling.findByName(named.name));
      if (!tag) return problem(c, 404, 'There is no such tag.');
      scope = { kind: 'tag', tagId: tag.id };
      title = `Works in ${tag.name}`;
    }
    const filter: WorkFilter = { ...NO_FILTER, ratings: q.rating === undefined ? [] : [q.rating], complete: q.complete };
    const listing = await reading.list(viewer, { scope, filter, sort: q.sort === 'kudos' ? 'kudos_count' : 'published_at', page: q.page });
    if (q.page > 1 && listing.works.length === 0) return problem(c, 404, 'There is no such page.');
    return xml(c, acquisitionFeed(config.baseUrl, { title, path: OPDS.works }, q, listing, facets(q, await ratingIds(c))), OPDS_ACQUISITION);
  });

  app.get(OPDS.search, async (c) => {
    const parsed = querySchema.safeParse(c.req.query());
    if (!parsed.success) return problem(c, 400, `This search address is not right: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}.`);
    const text = parsed.data.q?.trim() ?? '';
    if (!text) return problem(c, 400, 'Type something to search for.');
    const q: AcquisitionQuery = { ...parsed.data, q: text };
    const { search, config } = c.get('services');
    const filter: WorkFilter = { ...NO_FILTER, ratings: q.rating === undefined ? [] : [q.rating], complete: q.complete };
    const found = await search.search(c.get('viewer'), text, { filter, sort: 'best_match', page: q.page, savedExclusions: true });
    if (!found.ok) return problem(c, 400, found.message);
    return xml(c, acquisitionFeed(config.baseUrl, { title: `Search: ${text}`, path: OPDS.search }, q, found.listing, facets(q, await ratingIds(c))), OPDS_ACQUISITION);
  });

  app.get(OPDS.openSearch, (c) => xml(c, openSearchDescription(c.get('services').config.baseUrl), 'application/opensearchdescription+xml'));

  // Apps that only send a password when asked are asked here.
  app.get(OPDS.signIn, (c) => {
    if (c.get('viewer').kind === 'user') return c.redirect(OPDS.root, 303);
    if (!overTls(c)) return c.text('Signing in from an e-reader app needs this archive’s https:// address, so your password is never sent in the clear.', 403);
    return c.text('Sign in with your Quire login and password.', 401, { 'WWW-Authenticate': BASIC_CHALLENGE });
  });

  return app;
}

