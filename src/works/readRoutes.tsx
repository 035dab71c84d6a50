import { Hono } from 'hono';
import { toHtml, chrome, send } from '../web/render.js';
import type { AppEnv, Ctx } from '../web/env.js';
import { errorPage, notFound } from '../web/errorPage.js';
import { Layout } from '../web/layout.js';
import type { Selection } from './reading.js';
import type { WorkScope } from '../search/workIndex.js';
import { tagNameFromSlug, tagWorksPath } from '../tags/urls.js';
import { WorkListPage } from './views/blurb.js';
import { NavigatePage } from './views/navigate.js';
import { pageTitle, WorkContent } from './views/workPage.js';

// Changes with each start, so pages cached by browsers under an old layout are not reused.
const BUILD = Date.now().toString(36);

export const idParam = (raw: string | undefined) => (raw && /^\d{1,15}$/.test(raw) ? Number(raw) : null);

function pageParam(c: Ctx): number | Response {
  const raw = c.req.query('page') ?? '1';
  const page = /^\d{1,7}$/.test(raw) ? Number(raw) : 0;
  return page >= 1 ? page : errorPage(c, 400, 'No such page', 'The page number must be a whole number from 1 to 9,999,999.');
}

/**
 * Work pages are rendered once per version: the reading part is shared by every reader who is
 * not a creator, and guests (most readers) get the whole page, ETag and all, from memory.
 */
async function serveWork(c: Ctx, workId: number, selection: Selection, selKey: string) {
  const { reading, pages } = c.get('services');
  const viewer = c.get('viewer');
  const access = await reading.access(viewer, workId);
  if (!access) return notFound(c);

  if (access.isCreator) {
    const data = await reading.workPage(viewer, workId, selection);
    if (!data) return notFound(c);
    const ch = chrome(c);
    const content = (<WorkContent data={data} creatorCsrf={ch.csrf} />).toString() as string;
    c.header('Cache-Control', 'private, no-store');
    return send(c, <Layout title={pageTitle(data)} {...ch}><div dangerouslySetInnerHTML={{ __html: content }} /></Layout>);
  }

  const guest = viewer.kind === 'guest' && !c.get('flash');
  const etag = `"${BUILD}-${workId}-${access.version}-${selKey}"`;
  const pageKey = `page:${workId}:${access.version}:${selKey}`;
  if (guest) {
    c.header('Cache-Control', 'no-cache');
    c.header('ETag', etag);
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    const hit = pages.get(pageKey);
    if (hit) return c.html(hit.html);
  } else {
    c.header('Cache-Control', 'private, no-cache');
  }

  const fragmentKey = `work:${workId}:${access.version}:${selKey}`;
  let fragment = pages.get(fragmentKey);
  if (!fragment) {
    const data = await reading.workPage(viewer, workId, selection);
    if (!data) return notFound(c);
    fragment = { html: (<WorkContent data={data} />).toString() as string, etag, title: pageTitle(data) };
    pages.set(fragmentKey, fragment);
  }
  const html = toHtml(<Layout title={fragment.title ?? ''} {...chrome(c)}><div dangerouslySetInnerHTML={{ __html: fragment.html }} /></Layout>);
  if (guest) pages.set(pageKey, { html, etag });
  return c.html(html);
}

async function listing(c: Ctx, title: string, scope: WorkScope, path: string) {
  const page = pageParam(c);
  if (page instanceof Response) return page;
  const result = await c.get('services').reading.list(c.get('viewer'), scope, page);
  if (page > 1 && result.works.length === 0) return errorPage(c, 404, 'No such page', `This list has ${Math.ceil(result.total / result.perPage)} pages.`);
  return send(c, <WorkListPage title={title} listing={result} path={path} chrome={chrome(c)} />);
}

export function readRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/works', (c) => listing(c, 'Works', { kind: 'all' }, '/works'));

  app.get('/works/:id{[0-9]+}', (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const full = c.req.query('view_full_work') === 'true';
    return serveWork(c, id, full ? { kind: 'full' } : { kind: 'default' }, full ? 'full' : 'first');
  });

  app.get('/works/:id{[0-9]+}/chapters/:chapterId{[0-9]+}', (c) => {
    const id = idParam(c.req.param('id'));
    const chapterId = idParam(c.req.param('chapterId'));
    if (id === null || chapterId === null) return notFound(c);
    return serveWork(c, id, { kind: 'chapter', chapterId }, `ch${chapterId}`);
  });

  app.get('/works/:id{[0-9]+}/navigate', async (c) => {
    const id = idParam(c.req.param('id'));
    if (id === null) return notFound(c);
    const { reading } = c.get('services');
    const viewer = c.get('viewer');
    const found = await reading.chapterIndex(viewer, id);
    if (!found) return notFound(c);
    const access = await reading.access(viewer, id);
    return send(c, <NavigatePage chrome={chrome(c)} work={found.work} chapters={found.chapters} creatorCsrf={access?.isCreator ? c.get('csrf')() : undefined} />);
  });

  app.get('/tags/:tag/works', async (c) => {
    const name = tagNameFromSlug(c.req.param('tag'));
    const tag = await c.get('services').tags.findByName(name);
    if (!tag) return errorPage(c, 404, 'Tag not found', `There is no tag called “${name}” yet.`);
    return listing(c, `Works in ${tag.name}`, { kind: 'tag', tagId: tag.id }, tagWorksPath(tag.name));
  });

  app.get('/users/:login/works', async (c) => {
    const user = await c.get('services').accounts.findUser(c.req.param('login'));
    if (!user) return notFound(c);
    return listing(c, `Works by ${user.login}`, { kind: 'user', userId: user.id }, `/users/${user.login}/works`);
  });

  app.get('/users/:login/pseuds/:pseud/works', async (c) => {
    const { accounts } = c.get('services');
    const user = await accounts.findUser(c.req.param('login'));
    const pseud = user ? await accounts.findPseud(user.id, c.req.param('pseud')) : undefined;
    if (!user || !pseud) return notFound(c);
    return listing(c, `Works by ${pseud.name} (${user.login})`, { kind: 'pseud', pseudId: pseud.id },
      `/users/${user.login}/pseuds/${encodeURIComponent(pseud.name)}/works`);
  });

  return app;
}
