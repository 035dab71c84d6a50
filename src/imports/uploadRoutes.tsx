import { Hono } from 'hono';
import { parseTagList } from '../tags/parse.js';
import type { FieldErrors } from '../result.js';
import { type AppEnv, type Ctx, type FormData } from '../web/env.js';
import { setFlash } from '../web/flash.js';
import { chrome, send } from '../web/render.js';
import { requireUser } from '../web/session.js';
import { importForms } from './forms.js';
import { describeErrors } from './importWorks.js';
import { readSourceBytes } from './readSource.js';
import { UploadPage } from './views/uploadPage.js';

const NAMES: Record<string, string> = {
  fandoms: 'Fandom', rating: 'Rating', warnings: 'Archive warnings', categories: 'Categories', title: 'Title', language: 'Language',
  relationships: 'Relationships', characters: 'Characters', freeforms: 'Additional tags', summary: 'Summary', notes: 'Notes',
  end_notes: 'End notes', text: 'Chapter text', chapter_title: 'Chapter title', chapter_summary: 'Chapter summary',
  chapter_notes: 'Chapter notes', chapter_end_notes: 'Chapter end notes',
};

/** The upload form: a file in, a draft out (everything checked first, one transaction). */
export function uploadRoutes() {
  const app = new Hono<AppEnv>();
  const page = (c: Ctx, values: FormData, errors: FieldErrors) =>
    send(c, <UploadPage chrome={{ ...chrome(c), csrf: c.get('csrf')() }} state={{ values, errors }} />, Object.keys(errors).length ? 422 : 200);

  app.get('/works/import', (c) => {
    const user = requireUser(c);
    return user instanceof Response ? user : page(c, {}, {});
  });

  app.post('/works/import', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const form = c.get('form');
    const values = { fandoms: typeof form.fandoms === 'string' ? form.fandoms : '' };
    const file = (form as Record<string, unknown>).file;
    if (!(file instanceof File) || file.size === 0) return page(c, values, { file: 'Choose a file to import.' });
    const read = readSourceBytes(file.name, new Uint8Array(await file.arrayBuffer()));
    if (!read.ok) return page(c, values, { file: `${file.name} ${read.message}.` });
    const { accounts, posting } = c.get('services');
    const pseud = (await accounts.pseudsOf(user.id)).find((p) => p.isDefault);
    const forms = importForms(read.source, {
      fandoms: parseTagList(values.fandoms), warnings: [], categories: [], relationships: [], characters: [], tags: [],
    }, pseud ? [pseud.id] : []);
    const result = await posting.createWorkWithChapters(user, forms.work, forms.chapters, 'draft');
    if (!result.ok) {
      const errors: FieldErrors = result.errors.fandoms ? { fandoms: result.errors.fandoms } : {};
      const rest = Object.fromEntries(Object.entries(result.errors).filter(([k]) => k !== 'fandoms'));
      if (Object.keys(rest).length) errors.file = `${file.name} cannot be imported as it is: ${describeErrors(rest, NAMES)}`;
      return page(c, values, errors);
    }
    setFlash(c, 'Imported as a draft: only you can see it. Check it, then post it.');
    return c.redirect(`/works/${result.value}`, 303);
  });

  return app;
}

