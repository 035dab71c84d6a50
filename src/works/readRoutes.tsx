import { Hono } from 'hono';
import { toHtml, chrome, send } from '../web/render.js';
import type { AppEnv, Ctx } from '../web/env.js';
import { errorPage, notFound } from '../web/errorPage.js';
import { Layout } from '../web/layout.js';
import type { Selection } from './reading.js';
import { SORT_KEYS, type WorkScope } from '../search/workIndex.js';
import { filterQuery, parseFilterParams } from '../search/filterParams.js';
import { FilterSidebar, SavedExclusionsNote } from '../search/views/filterSidebar.js';
import { tagNameFromSlug, tagWorksPath } from '../tags/urls.js';
import { WorkListPage } from './views/blurb.js';
import { NavigatePage } from './views/navigate.js';
import { SuggestedTags } from './views/suggestedTags.js';
import { htmlToText } from '../formats/plainText.js';
import { canSeeTag } from '../policy/tags.js';
import { pageTitle, WorkContent } from './views/workPage.js';
import { readerTools } from '../history/workPageTools.js';
import { workPageExtras } from '../bookmarks/workPageExtras.js';
import type { Child } from 'hono/jsx';
import { FeedLink } from '../feeds/views/feedLink.js';
import { tagFeedPath, userFeedPath } from '../feeds/paths.js';
import { responsesTail } from '../responses/workPageTail.js';
import { hitReader } from '../responses/readerKeys.js';
import { clientAddress } from '../web/clientAddress.js';

// Changes with each start, so pages cached by browsers under an old layout are not reused.
const BUILD = Date.now().toString(36);
const HTML = 'text/html; charset=UTF-8';
const encoder = new TextEncoder();

export const idParam = (raw: string | undefined) => (raw && /^\d{1,15}$/.test(raw) ? Number(raw) : null);

/**
 * Work pages are rendered once per version: the reading part is shared by every reader who is
 * not a creator, and guests (most readers) get the whole page, ETag and all, from memory.
 */
async function serveWork(c: Ctx, workId: number, selection: Selection, selKey: string) {
  const { reading, pages, hits, history } = c.get('services');
  const viewer = c.get('viewer');
  const access = await reading.access(viewer, workId);
  if (!access) return notFound(c);
  // Creators reading their own work are not readers; everyone else is counted, off the page's path.
  if (!access.isCreator) hits.record(workId, hitReader(viewer, clientAddress(c)));
  history.visited(viewer, workId, selection, access.isCreator);
  const responses = responsesTail(c, workId, selection, access.responses);

  if (access.isCreator) {
    const data = await reading.workPage(viewer, workId, selection);
    if (!data) return notFound(c);
    const ch = chrome(c);
    // A draft is where a writer previews: offer tags named in the text that the work lacks.
    const onWork = new Set(Object.values(data.work.tags).flat().map((n) => n.toLowerCase()));
    const suggestions = data.work.status === 'draft'
      ? (await c.get('services').tags.suggest(data.shown.map((chapter) => htmlToText(chapter.body)).join('\n'))).filter((t) => !onWork.has(t.name.toLowerCase()))
      : [];
    const [extras, tail] = await Promise.all([workPageExtras(c, workId, true), data.work.status === 'posted' ? responses.render() : '']);
    c.header('Cache-Control', 'private, no-store');
    return send(c, (
      <Layout title={pageTitle(data)} {...ch}>
        <SuggestedTags workId={workId} suggestions={suggestions} csrf={ch.csrf ?? ''} />
        {extras.top}
        <WorkContent data={data} creatorCsrf={ch.csrf} />
        {extras.bottom}
        <div dangerouslySetInnerHTML={{ __html: tail }} />
      </Layout>
    ));
  }

  const guest = viewer.kind === 'guest' && !c.get('flash');
  const etag = `"${BUILD}-${workId}-${access.version}-${selKey}-${responses.tag}"`;
  const pageKey = `page:${workId}:${access.version}:${selKey}`;
  if (guest) {
    c.header('Cache-Control', 'no-cache');
    c.header('ETag', etag);
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    const head = pages.get(`${pageKey}:head`);
    const foot = pages.get(`${pageKey}:foot`);
    if (head?.kind === 'page' && foot?.kind === 'page') return c.body(join(head.bytes, await responses.render(), foot.bytes), 200, { 'Content-Type': HTML });
  } else {
    c.header('Cache-Control', 'private, no-cache');
  }

  const fragmentKey = `work:${workId}:${access.version}:${selKey}`;
  let fragment = pages.get(fragmentKey);
  if (fragment?.kind !== 'fragment') {
    const data = await reading.workPage(viewer, workId, selection);
    if (!data) return notFound(c);
    fragment = { kind: 'fragment', html: (<WorkContent data={data} />).toString() as string, title: pageTitle(data) };
    pages.set(fragmentKey, fragment);
  }
  // Series, bookmark and reader tools are drawn for this viewer (a guest's depend only on the
  // work's version); the page is cached around a slot for the responses, drawn per visitor.
  const [tools, extras] = await Promise.all([readerTools(c, workId), workPageExtras(c, workId)]);
  const html = toHtml(
    <Layout title={fragment.title} {...chrome(c)}>
      {tools}{extras.top}<div dangerouslySetInnerHTML={{ __html: fragment.html }} />{extras.bottom}
      <div dangerouslySetInnerHTML={{ __html: RESPONSES_SLOT }} />
    </Layout>,
  );
  const at = html.lastIndexOf(RESPONSES_SLOT);
  const [headHtml, footHtml] = [html.slice(0, at), html.slice(at + RESPONSES_SLOT.length)];
  if (!guest) return c.html(headHtml + (await responses.render()) + footHtml);
  const head = encoder.encode(headHtml);
  const foot = encoder.encode(footHtml);
  pages.set(`${pageKey}:head`, { kind: 'page', bytes: head });
  pages.set(`${pageKey}:foot`, { kind: 'page', bytes: foot });
  return c.body(join(head, await responses.render(), foot), 200, { 'Content-Type': HTML });
}

const RESPONSES_SLOT = '<!--quire:responses-->';

function join(head: Uint8Array, middle: string, foot: Uint8Array): Uint8Array<ArrayBuffer> {
  const mid = encoder.encode(middle);
  const out = new Uint8Array(head.length + mid.length + foot.length);
  out.set(head, 0);
  out.set(mid, head.length);
  out.set(foot, head.length + mid.length);
  return out;
}

const LISTING_SORTS = SORT_KEYS.filter((k) => k !== 'best_match');

/** A filterable listing: parse the filters, resolve typed tag names, list, render with the sidebar. */
async function listing(c: Ctx, title: string, scope: WorkScope, path: string, head?: Child) {
  const { reading, tags } = c.get('services');
  const parsed = parseFilterParams(c.req.queries(), 'revised_at');
  if (!parsed.ok) return errorPage(c, 400, 'These filters could not be used', `${parsed.message} Change the filters and try again.`);
  const { filter, sort, page, includeNames, excludeNames } = parsed.value;
  if (includeNames.length + excludeNames.length > 0) {
    const resolve = async (names: string[]) => Promise.all(names.map(async (n) => ({ n, tag: await tags.findByName(n) })));
    const [inc, exc] = await Promise.all([resolve(includeNames), resolve(excludeNames)]);
    const unknown = [...inc, ...exc].find((r) => !r.tag);
    if (unknown) return errorPage(c, 400, 'Tag not found', `There is no tag called “${unknown.n}”. Check the spelling, or choose from the filters.`);
    // Typed names become ids in the URL, so it stays the same when a tag is renamed.
    const next = { ...filter, include: [...filter.include, ...inc.map((r) => r.tag!.id)], exclude: [...filter.exclude, ...exc.map((r) => r.tag!.id)] };
    return c.redirect(`${path}?${filterQuery(next, sort, 'revised_at')}`, 302);
  }
  const savedOff = c.req.query('saved') === 'off';
  const result = await reading.list(c.get('viewer'), { scope, filter, sort, page, facets: true, savedExclusions: !savedOff });
  if (page > 1 && result.works.length === 0) return errorPage(c, 404, 'No such page', `This list has ${Math.ceil(result.total / result.perPage)} pages.`);
  const chosen = await tags.byIds([...filter.include, ...filter.exclude, ...filter.ratings]);
  const keep: Record<string, string> = savedOff ? { saved: 'off' } : {};
  const query = filterQuery(filter, sort, 'revised_at', keep);
  return send(c, <WorkListPage title={title} listing={result} path={path} query={query} chrome={chrome(c)} head={head}
    intro={<SavedExclusionsNote count={result.excludedBySettings} off={savedOff} path={path} query={filterQuery(filter, sort, 'revised_at')} />}
    sidebar={<FilterSidebar action={path} facets={result.facets} filter={filter} sort={sort} sorts={LISTING_SORTS} chosen={chosen} keep={keep} />} />);
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
    return send(c, <NavigatePage chrome={chrome(c)} work={found.work} chapters={found.chapters} creatorCsrf={found.isCreator ? c.get('csrf')() : undefined} />);
  });

  app.get('/tags/:tag/works', async (c) => {
    const name = tagNameFromSlug(c.req.param('tag'));
    const { wrangling, reading } = c.get('services');
    const tag = await wrangling.findByName(name);
    const viewer = c.get('viewer');
    // A tag seen only on works this viewer may not list must look like no tag at all.
    const visibleWorks = tag && !tag.canonical ? (await reading.list(viewer, { scope: { kind: 'tag', tagId: tag.id }, page: 1, savedExclusions: false })).total : 0;
    if (!tag || !canSeeTag(viewer, { canonical: tag.canonical, visibleWorks })) {
      return errorPage(c, 404, 'Tag not found', `There is no tag called “${name}” yet.`);
    }
    // A synonym's works are its canonical tag's works, under the canonical tag's address.
    const [canonical] = tag.mergerId === null ? [] : await c.get('services').tags.byIds([tag.mergerId]);
    if (canonical) {
      const search = new URL(c.req.url).search;
      return c.redirect(tagWorksPath(canonical.name) + search, 301);
    }
    return listing(c, `Works in ${tag.name}`, { kind: 'tag', tagId: tag.id }, tagWorksPath(tag.name),
      <FeedLink href={tagFeedPath(tag.name)} title={`Works in ${tag.name}`} />);
  });

  app.get('/users/:login/works', async (c) => {
    const user = await c.get('services').accounts.findUser(c.req.param('login'));
    if (!user) return notFound(c);
    return listing(c, `Works by ${user.login}`, { kind: 'user', userId: user.id }, `/users/${user.login}/works`,
      <FeedLink href={userFeedPath(user.login)} title={`Works by ${user.login}`} />);
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
