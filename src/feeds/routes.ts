import { Hono } from 'hono';
import { GUEST } from '../policy/viewer.js';
import type { AppEnv, Ctx } from '../web/env.js';
import { notFound } from '../web/errorPage.js';
import { tagNameFromSlug, tagWorksPath } from '../tags/urls.js';
import type { WorkScope } from '../search/workIndex.js';
import { ATOM_CONTENT_TYPE, atomFeed } from './atom.js';
import { seriesFeedPath, tagFeedPath, userFeedPath } from './paths.js';
import { listableTag } from './tagAccess.js';
import { FEED_SIZE } from './service.js';
import type { WorkMeta } from '../works/store.js';

async function sendFeed(c: Ctx, title: string, scope: WorkScope, selfPath: string, htmlPath: string) {
  return sendWorks(c, title, await c.get('services').feeds.newest(scope), selfPath, htmlPath);
}

function sendWorks(c: Ctx, title: string, works: WorkMeta[], selfPath: string, htmlPath: string) {
  const { config } = c.get('services');
  const xml = atomFeed(config.baseUrl, { id: config.baseUrl + selfPath, title, selfPath, htmlPath }, works);
  c.header('Cache-Control', 'public, max-age=300');
  return c.body(xml, 200, { 'Content-Type': ATOM_CONTENT_TYPE });
}

/** Atom feeds of the newest works a guest may see: a tag's (through its synonyms), a user's and a series'. */
export function feedRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/tags/:tag/feed.atom', async (c) => {
    const services = c.get('services');
    const tag = await listableTag(services, GUEST, await services.wrangling.findByName(tagNameFromSlug(c.req.param('tag'))));
    if (!tag) return notFound(c);
    const [canonical] = tag.mergerId === null ? [] : await services.tags.byIds([tag.mergerId]);
    if (canonical) return c.redirect(tagFeedPath(canonical.name), 301);
    return sendFeed(c, `Works in ${tag.name}`, { kind: 'tag', tagId: tag.id }, tagFeedPath(tag.name), tagWorksPath(tag.name));
  });

  app.get('/users/:login/works/feed.atom', async (c) => {
    const user = await c.get('services').accounts.findUser(c.req.param('login'));
    if (!user) return notFound(c);
    return sendFeed(c, `Works by ${user.login}`, { kind: 'user', userId: user.id }, userFeedPath(user.login), `/users/${encodeURIComponent(user.login)}/works`);
  });

  app.get('/series/:id{[0-9]+}/feed.atom', async (c) => {
    const id = Number(c.req.param('id'));
    const page = await c.get('services').series.page(GUEST, id);
    if (!page) return notFound(c);
    const newest = [...page.parts].sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '')).slice(0, FEED_SIZE);
    return sendWorks(c, `Works in the series ${page.series.title}`, newest, seriesFeedPath(id), `/series/${id}`);
  });

  return app;
}
