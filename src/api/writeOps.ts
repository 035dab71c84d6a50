import type { z } from 'zod';
import type { Result } from '../result.js';
import type { Denied } from '../works/posting.js';
import { workFormValues } from '../works/views/workForm.js';
import { apiError, notFoundError, type ApiCtx } from './env.js';
import { operation } from './operations.js';
import { chapter, chapterMeta, workSummary } from './present.js';
import {
  AddChapterInput, Chapter, ChapterInput, chapterIdParams, CreateWorkInput, UpdateChapterInput, UpdateWorkInput, Work, workIdParam,
} from './schemas.js';

type WorkInput = z.output<typeof UpdateWorkInput>;
type ChapterIn = Partial<z.output<typeof ChapterInput>>;

/** JSON fields to the posting form's fields, so src/works/rules.ts judges API posts exactly as form posts. */
function workForm(w: WorkInput, base: Record<string, string | string[]>) {
  const form = { ...base };
  const set = (k: string, v: string | string[] | undefined) => { if (v !== undefined) form[k] = v; };
  set('title', w.title);
  set('pseud_ids', w.pseud_ids?.map(String));
  set('summary', w.summary);
  set('notes', w.notes);
  set('end_notes', w.end_notes);
  set('rating', w.rating);
  set('warnings', w.warnings);
  set('categories', w.categories);
  set('fandoms', w.fandoms?.join(','));
  set('relationships', w.relationships?.join(','));
  set('characters', w.characters?.join(','));
  set('freeforms', w.freeforms?.join(','));
  set('language', w.language);
  set('expected_chapters', w.expected_chapters === undefined ? undefined : w.expected_chapters === null ? '?' : String(w.expected_chapters));
  set('restricted', w.restricted === undefined ? undefined : w.restricted ? 'on' : '');
  return form;
}

function chapterForm(ch: ChapterIn, base: Record<string, string>) {
  const form = { ...base };
  for (const [from, to] of [['title', 'chapter_title'], ['summary', 'chapter_summary'], ['notes', 'chapter_notes'], ['end_notes', 'chapter_end_notes'], ['text', 'text'], ['text_format', 'text_format']] as const) {
    const v = ch[from];
    if (v !== undefined) form[to] = v;
  }
  return form;
}

/** The posting form's field names back to the API's, so details name what the caller sent. */
const API_FIELD: Record<string, string> = {
  chapter_title: 'chapter.title', chapter_summary: 'chapter.summary', chapter_notes: 'chapter.notes', chapter_end_notes: 'chapter.end_notes',
  text: 'chapter.text', text_format: 'chapter.text_format',
};

/** Denials and rule failures from the posting service, as API errors. */
function refused(c: ApiCtx, r: Exclude<Result<unknown>, { ok: true }> | Denied, fieldPrefix = true) {
  if ('denied' in r) return r.denied === 'forbidden' ? apiError(c, 403, 'forbidden', 'Only the creators of a work can change it.') : notFoundError(c);
  const details = Object.fromEntries(Object.entries(r.errors).map(([k, m]) => [fieldPrefix ? (API_FIELD[k] ?? k) : (API_FIELD[k]?.replace('chapter.', '') ?? k), m]));
  const first = Object.values(r.errors)[0] ?? 'The work could not be saved.';
  return apiError(c, 400, 'invalid_request', first, details);
}

async function workBody(c: ApiCtx, workId: number) {
  const found = await c.get('services').reading.chapterIndex(c.get('viewer'), workId);
  if (!found) return notFoundError(c);
  const body: z.output<typeof Work> = {
    ...workSummary(found.work, c.get('services').config.baseUrl), notes: found.work.notes, end_notes: found.work.endNotes, chapters: found.chapters.map(chapterMeta),
  };
  return body;
}

async function chapterBody(c: ApiCtx, workId: number, chapterId: number, status: 200 | 201) {
  const data = await c.get('services').reading.workPage(c.get('viewer'), workId, { kind: 'chapter', chapterId });
  const shown = data?.shown[0];
  return shown ? c.json(chapter(shown), status) : notFoundError(c, 'There is no such chapter');
}

export function writeOperations() {
  return [
    operation({
      method: 'post', path: '/api/v1/works', operationId: 'createWork', tag: 'works', write: true,
      summary: 'Post a work (or save it as a draft) with its first chapter',
      body: CreateWorkInput, responses: { 201: { description: 'The new work', schema: Work } },
      async handler(c, { body }) {
        const { posting, accounts } = c.get('services');
        const viewer = c.get('viewer');
        if (viewer.kind !== 'user') return apiError(c, 401, 'unauthenticated', 'Writing needs a token.');
        const pseuds = body.pseud_ids ? [] : (await accounts.pseudsOf(viewer.id)).filter((p) => p.isDefault).map((p) => String(p.id));
        const form = workForm(body, { pseud_ids: pseuds });
        const result = await posting.createWork(viewer, form, chapterForm(body.chapter, {}), body.post ? 'post' : 'draft');
        if (!result.ok) return refused(c, result);
        const work = await workBody(c, result.value);
        if (work instanceof Response) return work;
        c.header('Location', `/api/v1/works/${result.value}`);
        return c.json(work, 201);
      },
    }),

    operation({
      method: 'patch', path: '/api/v1/works/{id}', operationId: 'updateWork', tag: 'works', write: true,
      summary: 'Change a work’s metadata: only the fields given change',
      params: workIdParam, body: UpdateWorkInput, responses: { 200: { description: 'The work as saved', schema: Work } },
      async handler(c, { params, body }) {
        const { posting, reading } = c.get('services');
        const viewer = c.get('viewer');
        const id = Number(params.id);
        const allowed = await posting.editable(viewer, id);
        if (!allowed.ok) return refused(c, allowed);
        const current = await reading.forEditing(viewer, id);
        if (!current) return notFoundError(c);
        const result = await posting.updateWork(viewer, id, workForm(body, workFormValues(current.work)));
        if (!result.ok) return refused(c, result);
        const work = await workBody(c, id);
        return work instanceof Response ? work : c.json(work);
      },
    }),

    operation({
      method: 'post', path: '/api/v1/works/{id}/post', operationId: 'postWork', tag: 'works', write: true,
      summary: 'Post a draft work with its chapters',
      params: workIdParam, responses: { 200: { description: 'The posted work', schema: Work } },
      async handler(c, { params }) {
        const id = Number(params.id);
        const result = await c.get('services').posting.postDraft(c.get('viewer'), id);
        if (!result.ok) return refused(c, result);
        const work = await workBody(c, id);
        return work instanceof Response ? work : c.json(work);
      },
    }),

    operation({
      method: 'delete', path: '/api/v1/works/{id}', operationId: 'deleteWork', tag: 'works', write: true,
      summary: 'Delete a work and its chapters',
      params: workIdParam, responses: { 204: { description: 'Deleted' } },
      async handler(c, { params }) {
        const result = await c.get('services').posting.deleteWork(c.get('viewer'), Number(params.id));
        return result.ok ? c.body(null, 204) : refused(c, result);
      },
    }),

    operation({
      method: 'post', path: '/api/v1/works/{id}/chapters', operationId: 'addChapter', tag: 'chapters', write: true,
      summary: 'Add a chapter at the end (post: true posts it when the work is posted)',
      params: workIdParam, body: AddChapterInput, responses: { 201: { description: 'The new chapter', schema: Chapter } },
      async handler(c, { params, body }) {
        const id = Number(params.id);
        const result = await c.get('services').posting.addChapter(c.get('viewer'), id, chapterForm(body, {}), body.post ? 'post' : 'draft');
        if (!result.ok) return refused(c, result, false);
        c.header('Location', `/api/v1/works/${id}/chapters/${result.value}`);
        return chapterBody(c, id, result.value, 201);
      },
    }),

    operation({
      method: 'patch', path: '/api/v1/works/{id}/chapters/{chapterId}', operationId: 'updateChapter', tag: 'chapters', write: true,
      summary: 'Change a chapter: only the fields given change; post: true posts a draft chapter',
      params: chapterIdParams, body: UpdateChapterInput, responses: { 200: { description: 'The chapter as saved', schema: Chapter } },
      async handler(c, { params, body }) {
        const { posting, reading } = c.get('services');
        const viewer = c.get('viewer');
        const id = Number(params.id);
        const chapterId = Number(params.chapterId);
        const allowed = await posting.editable(viewer, id);
        if (!allowed.ok) return refused(c, allowed);
        const current = await reading.chapterForEditing(viewer, id, chapterId);
        if (!current) return notFoundError(c, 'There is no such chapter');
        const ch = current.chapter;
        const base = { chapter_title: ch.title, chapter_summary: ch.summary, chapter_notes: ch.notes, chapter_end_notes: ch.endNotes, text: ch.body, text_format: 'html' };
        const result = await posting.updateChapter(viewer, id, chapterId, chapterForm(body, base), body.post ? 'post' : 'draft');
        if (!result.ok) return refused(c, result, false);
        return chapterBody(c, id, chapterId, 200);
      },
    }),

    operation({
      method: 'delete', path: '/api/v1/works/{id}/chapters/{chapterId}', operationId: 'deleteChapter', tag: 'chapters', write: true,
      summary: 'Delete a chapter (a work keeps at least one)',
      params: chapterIdParams, responses: { 204: { description: 'Deleted' } },
      async handler(c, { params }) {
        const result = await c.get('services').posting.deleteChapter(c.get('viewer'), Number(params.id), Number(params.chapterId));
        return result.ok ? c.body(null, 204) : refused(c, result, false);
      },
    }),
  ];
}
