import { Hono } from 'hono';
import { canSeeTag, canWrangle } from '../policy/tags.js';
import { listingVisibility } from '../policy/works.js';
import type { FieldErrors } from '../result.js';
import { field, type AppEnv, type Ctx, type FormData } from '../web/env.js';
import { errorPage } from '../web/errorPage.js';
import { valuesOf } from '../web/fields.js';
import { setFlash } from '../web/flash.js';
import { chrome, send } from '../web/render.js';
import { requireUser, type SignedInViewer } from '../web/session.js';
import { FREE_TAG_TYPES, type FreeTagType } from './kinds.js';
import { tagNameFromSlug } from './urls.js';
import type { BulkAction, TagEdit } from './wrangling.js';
import { TagEditPage, tagEditValues } from './views/editPage.js';
import { tagEditPath } from './views/tagLinks.js';
import { TagPageView } from './views/tagPage.js';
import { WranglePage, type QueueFilter } from './views/wranglePage.js';

const withCsrf = (c: Ctx) => ({ ...chrome(c), csrf: c.get('csrf')() });
const isFreeType = (t: string | undefined): t is FreeTagType => (FREE_TAG_TYPES as readonly string[]).includes(t ?? '');
const tagNotFound = (c: Ctx, name: string) => errorPage(c, 404, 'Tag not found', `There is no tag called “${name}”.`);

/** Signed-in wranglers only: guests are sent to sign in, everyone else is told why not. */
function wrangler(c: Ctx): SignedInViewer | Response {
  const user = requireUser(c);
  if (user instanceof Response) return user;
  return canWrangle(user) ? user
    : errorPage(c, 403, 'For tag wranglers', 'Only tag wranglers can change tags or work through the unwrangled queue. An admin can make you a wrangler.');
}

/** What the edit form asks for: only fields that differ from the tag as it was shown. */
function tagEdit(form: FormData): TagEdit {
  return {
    name: field(form, 'name') ?? '',
    canonical: field(form, 'canonical') === '1',
    synonymOf: (field(form, 'synonym_of') ?? '').trim(),
    addParents: field(form, 'parent') ?? '',
  };
}

function bulkAction(form: FormData): BulkAction | null {
  switch (field(form, 'action')) {
    case 'canonical': return { kind: 'canonical' };
    case 'synonym': return { kind: 'synonym', canonicalName: field(form, 'synonym_of') ?? '' };
    case 'fandom': return { kind: 'fandom', fandomName: field(form, 'parent_fandom') ?? '' };
    default: return null;
  }
}

const BULK_DONE: Record<BulkAction['kind'], string> = { canonical: 'made canonical', synonym: 'made synonyms', fandom: 'given the fandom' };

export function tagRoutes() {
  const app = new Hono<AppEnv>();

  /** The queue's filter from the query string; the fandom is a name, resolved to its tag. */
  async function queue(c: Ctx, state: { values: FormData; errors: FieldErrors }, status: 200 | 422 = 200) {
    const raw = c.req.query('type');
    const filter: QueueFilter = { type: isFreeType(raw) ? raw : 'character', fandom: (c.req.query('fandom') ?? '').trim() };
    const page = Math.max(1, Math.min(Number(/^\d{1,6}$/.test(c.req.query('page') ?? '') ? c.req.query('page') : 1), 999_999));
    const { wrangling } = c.get('services');
    const fandom = filter.fandom ? await wrangling.findByName(filter.fandom) : null;
    if (filter.fandom && fandom?.type !== 'fandom') {
      const errors = { fandom: fandom ? `“${fandom.name}” is not a fandom.` : `There is no fandom called “${filter.fandom}”.` };
      return send(c, <WranglePage chrome={withCsrf(c)} filter={filter} result={null} state={{ values: {}, errors }} />, 404);
    }
    const result = await wrangling.unwrangled(fandom?.id ?? null, filter.type, page);
    return send(c, <WranglePage chrome={withCsrf(c)} filter={filter} result={result} state={state} />, status);
  }

  app.get('/tags/wrangle', (c) => {
    const user = wrangler(c);
    return user instanceof Response ? user : queue(c, { values: {}, errors: {} });
  });

  app.post('/tags/wrangle', async (c) => {
    const user = wrangler(c);
    if (user instanceof Response) return user;
    const form = c.get('form');
    const action = bulkAction(form);
    const ids = valuesOf(form, 'tags').filter((v) => /^\d{1,15}$/.test(v)).map(Number);
    if (!action) return queue(c, { values: form, errors: { action: 'Choose what to do with the chosen tags.' } }, 422);
    const result = await c.get('services').wrangling.bulk(action, ids);
    if (!result.ok) {
      const { fandom, ...rest } = result.errors;
      return queue(c, { values: form, errors: fandom ? { ...rest, parent_fandom: fandom } : rest }, 422);
    }
    setFlash(c, `${result.value} ${result.value === 1 ? 'tag' : 'tags'} ${BULK_DONE[action.kind]}.`);
    return c.redirect(c.req.path + (new URL(c.req.url).search), 303);
  });

  /**
   * Names for the posting form. Public, but only tags a reader could already find: canonical ones,
   * and ones on posted works this viewer may list (never tags seen only on drafts, nor, for
   * guests, only on restricted works).
   */
  app.get('/tags/autocomplete', async (c) => {
    const type = c.req.query('type');
    if (!isFreeType(type)) return c.json({ error: `type must be one of ${FREE_TAG_TYPES.join(', ')}` }, 400);
    const viewer = c.get('viewer');
    const names = await c.get('services').wrangling.autocomplete(type, (c.req.query('q') ?? '').slice(0, 150), 10, listingVisibility(viewer));
    c.header('Cache-Control', 'private, max-age=60');
    return c.json(names);
  });

  app.get('/tags/:tag', async (c) => {
    const name = tagNameFromSlug(c.req.param('tag'));
    const viewer = c.get('viewer');
    const page = await c.get('services').wrangling.tagPage(name, listingVisibility(viewer));
    if (!page || !canSeeTag(viewer, { canonical: page.tag.canonical, visibleWorks: page.directWorks })) return tagNotFound(c, name);
    return send(c, <TagPageView chrome={chrome(c)} page={page} canEdit={canWrangle(viewer)} />);
  });

  /** The edit form: as typed when `values` is given, else the tag as saved. */
  async function editForm(c: Ctx, name: string, values: FormData | null, errors: FieldErrors = {}) {
    const page = await c.get('services').wrangling.tagPage(name, { includeRestricted: true });
    if (!page) return tagNotFound(c, name);
    const state = { values: values ?? tagEditValues(page), errors };
    return send(c, <TagEditPage chrome={withCsrf(c)} page={page} state={state} />, Object.keys(errors).length > 0 ? 422 : 200);
  }

  app.get('/tags/:tag/edit', (c) => {
    const user = wrangler(c);
    return user instanceof Response ? user : editForm(c, tagNameFromSlug(c.req.param('tag')), null);
  });

  app.post('/tags/:tag/edit', async (c) => {
    const user = wrangler(c);
    if (user instanceof Response) return user;
    const { wrangling } = c.get('services');
    const name = tagNameFromSlug(c.req.param('tag'));
    const tag = await wrangling.findByName(name);
    if (!tag) return tagNotFound(c, name);
    const form = c.get('form');
    const removing = field(form, 'remove_parent');
    if (removing !== undefined) {
      const result = await wrangling.removeParent(tag.id, /^\d{1,15}$/.test(removing) ? Number(removing) : -1);
      if (!result.ok) return editForm(c, tag.name, null, result.errors);
      setFlash(c, 'Parent tag removed.');
      return c.redirect(tagEditPath(tag.name), 303);
    }
    const result = await wrangling.edit(tag.id, tagEdit(form));
    if (!result.ok) return editForm(c, tag.name, form, result.errors);
    setFlash(c, 'Tag was updated.');
    return c.redirect(tagEditPath(result.value), 303);
  });

  return app;
}
