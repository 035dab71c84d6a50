import { Hono } from 'hono';
import { chrome, send } from '../web/render.js';
import type { AppEnv, Ctx, FormData } from '../web/env.js';
import { errorPage, notFound } from '../web/errorPage.js';
import { setFlash } from '../web/flash.js';
import { requireUser, type SignedInViewer } from '../web/session.js';
import { filterQuery, parseFilterParams } from '../search/filterParams.js';
import { FilterSidebar } from '../search/views/filterSidebar.js';
import type { SortKey } from '../search/workIndex.js';
import { parseTagList } from '../tags/parse.js';
import type { FieldErrors } from '../result.js';
import { idParam } from '../works/readRoutes.js';
import type { Target } from './service.js';
import { BookmarkFormPage, bookmarkFormValues } from './views/bookmarkForm.js';
import { TargetBookmarksPage, UserBookmarksPage } from './views/bookmarkList.js';

const withCsrf = (c: Ctx) => ({ ...chrome(c), csrf: c.get('csrf')() });
const pathOf = (t: Target) => (t.kind === 'work' ? `/works/${t.id}` : `/series/${t.id}`);
const BOOKMARK_SORTS: SortKey[] = ['best_match', 'revised_at'];

/** The title of a work or series this viewer may see, else null (so: 404). */
async function titleOf(c: Ctx, t: Target): Promise<string | null> {
  const { reading, series } = c.get('services');
  const viewer = c.get('viewer');
  if (t.kind === 'work') return (await reading.chapterIndex(viewer, t.id))?.work.title ?? null;
  return (await series.visible(viewer, [t.id])).get(t.id)?.title ?? null;
}

const pageParam = (raw: string | undefined) => (raw === undefined ? 1 : /^\d{1,7}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : null);

export function bookmarkRoutes() {
  const app = new Hono<AppEnv>();

  async function formPage(c: Ctx, user: SignedInViewer, t: Target, values: FormData | null, errors: FieldErrors, status: 200 | 422) {
    const title = await titleOf(c, t);
    if (title === null) return notFound(c);
    const existing = await c.get('services').bookmarks.mine(user, t);
    return send(c, <BookmarkFormPage chrome={withCsrf(c)} title={title} base={pathOf(t)} state={{ values: values ?? bookmarkFormValues(existing), errors }} existing={existing} />, status);
  }

  async function publicPage(c: Ctx, t: Target) {
    const page = pageParam(c.req.query('page'));
    if (page === null) return errorPage(c, 400, 'No such page', 'The page number must be a whole number, 1 or more.');
    const title = await titleOf(c, t);
    const found = title === null ? null : await c.get('services').bookmarks.publicOf(c.get('viewer'), t, page);
    if (title === null || !found) return notFound(c);
    return send(c, <TargetBookmarksPage chrome={chrome(c)} title={title} href={pathOf(t)} bookmarks={found.bookmarks} total={found.total} page={page} perPage={found.perPage} />);
  }

  for (const kind of ['work', 'series'] as const) {
    const prefix = kind === 'work' ? '/works' : '/series';
    const target = (c: Ctx): Target | null => {
      const id = idParam(c.req.param('id'));
      return id === null ? null : { kind, id };
    };

    app.get(`${prefix}/:id{[0-9]+}/bookmarks`, (c) => {
      const t = target(c);
      return t ? publicPage(c, t) : notFound(c);
    });

    app.get(`${prefix}/:id{[0-9]+}/bookmarks/new`, (c) => {
      const user = requireUser(c);
      if (user instanceof Response) return user;
      const t = target(c);
      return t ? formPage(c, user, t, null, {}, 200) : notFound(c);
    });

    app.post(`${prefix}/:id{[0-9]+}/bookmarks`, async (c) => {
      const user = requireUser(c);
      if (user instanceof Response) return user;
      const t = target(c);
      if (!t) return notFound(c);
      const form = c.get('form');
      const result = await c.get('services').bookmarks.save(user, t, form);
      if ('denied' in result) return notFound(c);
      if (!result.ok) return formPage(c, user, t, form, result.errors, 422);
      setFlash(c, 'Bookmark saved.');
      return c.redirect(pathOf(t), 303);
    });
  }

  app.post('/bookmarks/:id{[0-9]+}/delete', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const id = idParam(c.req.param('id'));
    const result = id === null ? null : await c.get('services').bookmarks.remove(user, id);
    if (!result || !result.ok) return notFound(c);
    setFlash(c, 'Bookmark deleted.');
    return c.redirect(`/users/${user.login}/bookmarks`, 303);
  });

  app.get('/users/:login/bookmarks', async (c) => {
    const { accounts, bookmarks, tags } = c.get('services');
    const owner = await accounts.findUser(c.req.param('login'));
    if (!owner) return notFound(c);
    const path = `/users/${owner.login}/bookmarks`;
    const parsed = parseFilterParams(c.req.queries(), 'best_match');
    if (!parsed.ok) return errorPage(c, 400, 'These filters could not be used', `${parsed.message} Change the filters and try again.`);
    const { filter, sort, page, includeNames, excludeNames } = parsed.value;
    if (!BOOKMARK_SORTS.includes(sort)) return errorPage(c, 400, 'These filters could not be used', 'Bookmarks sort by date bookmarked or date updated.');
    const ownTags = parseTagList(c.req.query('tags') ?? '');
    const recOnly = c.req.query('rec') === '1';
    const keep: Record<string, string> = { ...(ownTags.length ? { tags: ownTags.join(', ') } : {}), ...(recOnly ? { rec: '1' } : {}) };
    if (includeNames.length + excludeNames.length > 0) {
      const resolve = (names: string[]) => Promise.all(names.map(async (n) => ({ n, tag: await tags.findByName(n) })));
      const [inc, exc] = await Promise.all([resolve(includeNames), resolve(excludeNames)]);
      const unknown = [...inc, ...exc].find((r) => !r.tag);
      if (unknown) return errorPage(c, 400, 'Tag not found', `There is no tag called “${unknown.n}”. Check the spelling, or choose from the filters.`);
      const next = { ...filter, include: [...filter.include, ...inc.map((r) => r.tag!.id)], exclude: [...filter.exclude, ...exc.map((r) => r.tag!.id)] };
      return c.redirect(`${path}?${filterQuery(next, sort, 'best_match', keep)}`, 302);
    }
    const viewer = c.get('viewer');
    const result = await bookmarks.ofUser(viewer, owner.id, { filter, sort: sort === 'best_match' ? 'bookmarked_at' : 'revised_at', page, tags: ownTags, recOnly });
    if (page > 1 && result.items.length === 0) return errorPage(c, 404, 'No such page', 'This list has fewer pages.');
    const chosen = await tags.byIds([...filter.include, ...filter.exclude, ...filter.ratings]);
    const query = filterQuery(filter, sort, 'best_match', keep);
    const own = viewer.kind === 'user' && viewer.id === owner.id;
    const sidebar = (
      <FilterSidebar action={path} facets={result.facets} filter={filter} sort={sort} sorts={BOOKMARK_SORTS} chosen={chosen}
        labels={{ best_match: 'Date Bookmarked' }}>
        <fieldset class="field">
          <legend>Bookmarker’s tags and recs</legend>
          <label for="bookmark-tags">{owner.login}’s tags</label>
          <input id="bookmark-tags" name="tags" type="text" value={ownTags.join(', ')} />
          {result.ownTags.length ? <ul class="facet">{result.ownTags.map((t) => <li>{t.name} <span class="count">({t.count})</span></li>)}</ul> : null}
          <label class="choice"><input type="checkbox" name="rec" value="1" checked={recOnly} /> Recs only</label>
        </fieldset>
      </FilterSidebar>
    );
    c.header('Cache-Control', 'private, no-cache');
    return send(c, <UserBookmarksPage chrome={chrome(c)} login={owner.login} ownCsrf={own ? c.get('csrf')() : undefined} items={result.items}
      total={result.total} page={result.page} perPage={result.perPage} sidebar={sidebar}
      pageHref={(p) => `${path}?${[query, p > 1 ? `page=${p}` : ''].filter(Boolean).join('&')}`.replace(/\?$/, '')} />);
  });

  return app;
}
