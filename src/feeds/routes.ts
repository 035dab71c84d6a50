import { Hono } from 'hono';
import { GUEST } from '../policy/viewer.js';
import type { AppEnv, Ctx } from '../web/env.js';
import { notFound } from '../web/errorPage.js';
import { tagNameFromSlug, tagWorksPath } from '../tags/urls.js';
import type { WorkScope } from '../search/workIndex.js';
import { ATOM_CONTENT_TYPE, atomFeed } from './atom.js';
import { tagFeedPath, userFeedPath } from './paths.js';
import { listableTag } from './tagAccess.js';

async function sendFeed(c: Ctx, title: string, scope: WorkScope, selfPath: string, htmlPath: string) {
  const { feeds, config } = c.get('services');
  const works = await feeds.newest(scope);
  const xml = atomFeed(config.baseUrl, { id: config.baseUrl + selfPath, title, selfPath, htmlPath }, works);
  c.header('Cache-Control', 'public, max-age=300');
  return c.body(xml, 200, { 'Content-Type': ATOM_CONTENT_TYPE });
}

/** Atom feeds of the newest works a guest may see: a tag's (through its synonyms) and a user's. */
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

  return app;
}
