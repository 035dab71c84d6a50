import { Hono } from 'hono';
import { GUEST } from '../policy/viewer.js';
import { canSeeTag } from '../policy/tags.js';
import type { AppEnv, Ctx } from '../web/env.js';
import { notFound } from '../web/errorPage.js';
import { tagNameFromSlug, tagWorksPath } from '../tags/urls.js';
import type { WorkScope } from '../search/workIndex.js';
import { ATOM_CONTENT_TYPE, atomFeed } from './atom.js';
import { tagFeedPath, userFeedPath } from './paths.js';

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
    const { wrangling, reading, tags } = c.get('services');
    const tag = await wrangling.findByName(tagNameFromSlug(c.req.param('tag')));
    // The same rule as the tag's page, for a guest: a tag seen only on hidden works is no tag.
    const visibleWorks = tag && !tag.canonical ? (await reading.list(GUEST, { scope: { kind: 'tag', tagId: tag.id }, page: 1, savedExclusions: false })).total : 0;
    if (!tag || !canSeeTag(GUEST, { canonical: tag.canonical, visibleWorks })) return notFound(c);
    const [canonical] = tag.mergerId === null ? [] : await tags.byIds([tag.mergerId]);
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
