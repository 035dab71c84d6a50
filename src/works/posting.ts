import type { Kysely } from 'kysely';
import { pseudsOfUser } from '../accounts/store.js';
import type { DB, WorkStatus } from '../db/schema.js';
import { addParagraphs, textToParagraphs } from '../formats/paragraphs.js';
import { sanitizeUserHtml } from '../formats/sanitize.js';
import { countWords } from '../formats/wordCount.js';
import { canEditWork, canReadWork } from '../policy/works.js';
import type { Viewer } from '../policy/viewer.js';
import { fail, fieldErrors, ok, type FieldErrors, type Result } from '../result.js';
import { FREE_TAG_TYPES, MAX_FREE_TAGS, TAG_TYPE_LABELS, type TagType } from '../tags/kinds.js';
import { findOrCreateTags, setWorkTags, tagsByIds, tagsOfWorks } from '../tags/store.js';
import { chapterFormSchema, workFormSchema, type ChapterForm, type WorkForm } from './rules.js';
import * as store from './store.js';

export type PostAction = 'draft' | 'post';
export type Denied = { ok: false; denied: 'not-found' | 'forbidden' };

/** Thrown inside a transaction to roll it back; caught and returned as field errors. */
class Rejected extends Error {
  constructor(readonly errors: FieldErrors) {
    super('rejected');
  }
}

/** Summaries, notes and rich text: the writer's HTML, with paragraphs where lines had none. */
const userHtml = (html: string) => sanitizeUserHtml(addParagraphs(html));

function chapterFields(c: ChapterForm): store.ChapterFields {
  const body = c.text_format === 'plain' ? sanitizeUserHtml(textToParagraphs(c.text)) : userHtml(c.text);
  return {
    title: c.chapter_title,
    summary: userHtml(c.chapter_summary),
    notes: userHtml(c.chapter_notes),
    endNotes: userHtml(c.chapter_end_notes),
    body,
    wordCount: countWords(body),
  };
}

function workFields(w: WorkForm): store.WorkFields {
  return {
    title: w.title,
    summary: userHtml(w.summary),
    notes: userHtml(w.notes),
    endNotes: userHtml(w.end_notes),
    language: w.language,
    restricted: w.restricted,
    anonymous: w.anonymous,
    expectedChapters: w.expected_chapters,
  };
}

const FIELD_OF_TYPE: Record<TagType, string> = {
  rating: 'rating', warning: 'warnings', category: 'categories', fandom: 'fandoms',
  relationship: 'relationships', character: 'characters', freeform: 'freeforms',
};

async function applyTags(db: Kysely<DB>, workId: number, w: WorkForm) {
  const wanted = [
    { name: w.rating, type: 'rating' as const },
    ...w.warnings.map((name) => ({ name, type: 'warning' as const })),
    ...w.categories.map((name) => ({ name, type: 'category' as const })),
    ...w.fandoms.map((name) => ({ name, type: 'fandom' as const })),
    ...w.relationships.map((name) => ({ name, type: 'relationship' as const })),
    ...w.characters.map((name) => ({ name, type: 'character' as const })),
    ...w.freeforms.map((name) => ({ name, type: 'freeform' as const })),
  ];
  const { tags, conflicts } = await findOrCreateTags(db, wanted);
  if (conflicts.length > 0) {
    const errors: FieldErrors = {};
    for (const c of conflicts) {
      const field = FIELD_OF_TYPE[wanted.find((x) => x.name === c.name)?.type ?? 'freeform'];
      errors[field] ??= `"${c.name}" is already a ${TAG_TYPE_LABELS[c.existingType].one} tag; it cannot be used as another kind of tag.`;
    }
    throw new Rejected(errors);
  }
  await setWorkTags(db, workId, tags.map((t) => t.id));
}

async function checkPseuds(db: Kysely<DB>, viewer: Viewer, pseudIds: number[]): Promise<FieldErrors | null> {
  if (viewer.kind !== 'user') return { pseud_ids: 'Sign in to post.' };
  const own = new Set((await pseudsOfUser(db, viewer.id)).map((p) => p.id));
  return pseudIds.every((id) => own.has(id)) ? null : { pseud_ids: 'You can only post as your own pseuds.' };
}


/** The form rules alone, without the database: lets a batch be checked before any of it is written. */
export function validate(rawWork: unknown, rawChapter: unknown): FieldErrors | null {
  return validateWork(rawWork, [rawChapter]);
}

/** As validate, for a work with several chapters; a chapter's errors name it when there are many. */
export function validateWork(rawWork: unknown, rawChapters: readonly unknown[]): FieldErrors | null {
  const w = workFormSchema.safeParse(rawWork);
  const errors: FieldErrors = w.success ? {} : fieldErrors(w.error.issues);
  rawChapters.forEach((raw, i) => {
    const c = chapterFormSchema.safeParse(raw);
    if (c.success) return;
    for (const [field, message] of Object.entries(fieldErrors(c.error.issues))) {
      errors[field] ??= rawChapters.length > 1 ? `Chapter ${i + 1}: ${message}` : message;
    }
  });
  return Object.keys(errors).length > 0 ? errors : null;
}

/** A work or a chapter became public (never a draft). */
export type PostEvent = { kind: 'work'; workId: number } | { kind: 'chapter'; workId: number; chapterId: number };

/** What else must happen when a work changes: told inside the transaction, and after commit. */
export type WorkChanges = {
  changed(trx: Kysely<DB>, workId: number): Promise<void>;
  committed(): Promise<void>;
  /** After the commit of a posting: subscribers hear of it. */
  afterPost?(event: PostEvent): Promise<void>;
};

export function postingService(db: Kysely<DB>, changes: WorkChanges) {
  /** One transaction for the change to `workId`, which the index and search hear of. */
  async function inTransaction<T>(workId: number | ((value: T) => number), fn: (trx: Kysely<DB>) => Promise<T>, posted?: (value: T) => PostEvent | null): Promise<Result<T>> {
    let result: T;
    try {
      result = await db.transaction().execute(async (trx) => {
        const value = await fn(trx);
        await changes.changed(trx, typeof workId === 'number' ? workId : workId(value));
        return value;
      });
    } catch (e) {
      if (e instanceof Rejected) return fail(e.errors);
      throw e;
    }
    await changes.committed();
    const event = posted?.(result);
    if (event) await changes.afterPost?.(event);
    return ok(result);
  }

  async function editable(viewer: Viewer, workId: number) {
    const access = await store.workAccess(db, workId);
    if (!access) return { ok: false, denied: 'not-found' } as Denied;
    // Someone who may not even read the work is not told it exists.
    if (!canEditWork(viewer, access)) return { ok: false, denied: canReadWork(viewer, access) ? 'forbidden' : 'not-found' } as Denied;
    return { ok: true as const, access };
  }

  /** A new work with all its chapters (an imported book), all or nothing. */
  async function createWorkWithChapters(viewer: Viewer, rawWork: unknown, rawChapters: readonly unknown[], action: PostAction): Promise<Result<number>> {
    const w = workFormSchema.safeParse(rawWork);
    const cs = rawChapters.map((raw) => chapterFormSchema.safeParse(raw));
    if (!w.success || cs.some((c) => !c.success) || cs.length === 0) return fail(validateWork(rawWork, rawChapters) ?? { form: 'A work needs a chapter.' });
    const pseudErrors = await checkPseuds(db, viewer, w.data.pseud_ids);
    if (pseudErrors) return fail(pseudErrors);
    const status: WorkStatus = action === 'post' ? 'posted' : 'draft';
    const now = new Date().toISOString();
    return inTransaction((newId: number) => newId, async (trx) => {
      const id = await store.insertWork(trx, workFields(w.data), status, now);
      await store.setCreators(trx, id, w.data.pseud_ids);
      await applyTags(trx, id, w.data);
      for (const c of cs) await store.insertChapter(trx, id, chapterFields(c.data!), status, now);
      await store.refreshWork(trx, id, {});
      return id;
    }, (id) => (status === 'posted' ? { kind: 'work', workId: id } : null));
  }

  return {
    editable,

    /** A new work and its first chapter, all or nothing. Preview saves a draft, as on AO3. */
    createWork(viewer: Viewer, rawWork: unknown, rawChapter: unknown, action: PostAction): Promise<Result<number>> {
      return createWorkWithChapters(viewer, rawWork, [rawChapter], action);
    },

    createWorkWithChapters,

    async updateWork(viewer: Viewer, workId: number, rawWork: unknown): Promise<Result<number> | Denied> {
      const e = await editable(viewer, workId);
      if (!e.ok) return e;
      const w = workFormSchema.safeParse(rawWork);
      if (!w.success) return fail(fieldErrors(w.error.issues));
      const pseudErrors = await checkPseuds(db, viewer, w.data.pseud_ids);
      if (pseudErrors || viewer.kind !== 'user') return fail(pseudErrors ?? {});
      return inTransaction(workId, async (trx) => {
        await store.updateWorkFields(trx, workId, workFields(w.data));
        // Only the editor's own pseuds change: co-creators stay.
        await store.setCreatorsOfUser(trx, workId, viewer.id, w.data.pseud_ids);
        await applyTags(trx, workId, w.data);
        await store.refreshWork(trx, workId, {});
        return workId;
      });
    },

    /** Posting a draft work posts its chapters with it. */
    async postDraft(viewer: Viewer, workId: number): Promise<Result<number> | Denied> {
      const e = await editable(viewer, workId);
      if (!e.ok) return e;
      if (e.access.status === 'posted') return ok(workId);
      const now = new Date().toISOString();
      return inTransaction(workId, async (trx) => {
        await store.postChapters(trx, workId, 'all', now);
        await store.refreshWork(trx, workId, { status: 'posted', publishedAt: now, revisedAt: now });
        return workId;
      }, () => ({ kind: 'work', workId }));
    },

    async deleteWork(viewer: Viewer, workId: number): Promise<Result<null> | Denied> {
      const e = await editable(viewer, workId);
      if (!e.ok) return e;
      return inTransaction(workId, (trx) => store.deleteWork(trx, workId).then(() => null));
    },

    async addChapter(viewer: Viewer, workId: number, rawChapter: unknown, action: PostAction): Promise<Result<number> | Denied> {
      const e = await editable(viewer, workId);
      if (!e.ok) return e;
      const c = chapterFormSchema.safeParse(rawChapter);
      if (!c.success) return fail(fieldErrors(c.error.issues));
      // A chapter of a draft work stays a draft until the work is posted.
      const status: WorkStatus = action === 'post' && e.access.status === 'posted' ? 'posted' : 'draft';
      const now = new Date().toISOString();
      return inTransaction(workId, async (trx) => {
        const id = await store.insertChapter(trx, workId, chapterFields(c.data), status, now);
        await store.refreshWork(trx, workId, status === 'posted' ? { revisedAt: now } : {});
        return id;
      }, (id) => (status === 'posted' ? { kind: 'chapter', workId, chapterId: id } : null));
    },

    async updateChapter(viewer: Viewer, workId: number, chapterId: number, rawChapter: unknown, action: PostAction): Promise<Result<number> | Denied> {
      const e = await editable(viewer, workId);
      if (!e.ok) return e;
      const chapter = (await store.chaptersOf(db, workId)).find((ch) => ch.id === chapterId);
      if (!chapter) return { ok: false, denied: 'not-found' };
      const c = chapterFormSchema.safeParse(rawChapter);
      if (!c.success) return fail(fieldErrors(c.error.issues));
      const now = new Date().toISOString();
      const posting = action === 'post' && chapter.status === 'draft' && e.access.status === 'posted';
      return inTransaction(workId, async (trx) => {
        await store.updateChapter(trx, chapterId, chapterFields(c.data), now);
        if (posting) await store.postChapters(trx, workId, [chapterId], now);
        await store.refreshWork(trx, workId, posting ? { revisedAt: now } : {});
        return chapterId;
      }, () => (posting ? { kind: 'chapter', workId, chapterId } : null));
    },

    async deleteChapter(viewer: Viewer, workId: number, chapterId: number): Promise<Result<null> | Denied> {
      const e = await editable(viewer, workId);
      if (!e.ok) return e;
      const chapters = await store.chaptersOf(db, workId);
      if (!chapters.some((ch) => ch.id === chapterId)) return { ok: false, denied: 'not-found' };
      if (chapters.length === 1) return fail({ form: 'A work needs at least one chapter; delete the work instead.' });
      return inTransaction(workId, async (trx) => {
        await store.deleteChapter(trx, chapterId);
        await store.setChapterPositions(trx, workId, chapters.filter((ch) => ch.id !== chapterId).map((ch) => ch.id));
        await store.refreshWork(trx, workId, {});
        return null;
      });
    },

    /** Adds one existing tag to a work (a suggestion the writer accepted), within AO3's limits. */
    async addTag(viewer: Viewer, workId: number, tagId: number): Promise<Result<null> | Denied> {
      const e = await editable(viewer, workId);
      if (!e.ok) return e;
      const [tag] = await tagsByIds(db, [tagId]);
      if (!tag || !(FREE_TAG_TYPES as readonly string[]).includes(tag.type)) return fail({ form: 'That tag cannot be added here.' });
      const current = await tagsOfWorks(db, [workId]);
      if (current.some((t) => t.id === tagId)) return ok(null);
      if (current.filter((t) => (FREE_TAG_TYPES as readonly string[]).includes(t.type)).length >= MAX_FREE_TAGS) {
        return fail({ form: `A work can have at most ${MAX_FREE_TAGS} fandom, relationship, character and additional tags.` });
      }
      return inTransaction(workId, async (trx) => {
        await setWorkTags(trx, workId, [...current.map((t) => t.id), tagId]);
        await store.refreshWork(trx, workId, {});
        return null;
      });
    },

    /** `order` must name every chapter of the work exactly once. */
    async reorderChapters(viewer: Viewer, workId: number, order: number[]): Promise<Result<null> | Denied> {
      const e = await editable(viewer, workId);
      if (!e.ok) return e;
      const ids = (await store.chaptersOf(db, workId)).map((ch) => ch.id);
      const same = order.length === ids.length && new Set(order).size === ids.length && order.every((id) => ids.includes(id));
      if (!same) return fail({ form: 'The new order must list every chapter once.' });
      return inTransaction(workId, async (trx) => {
        await store.setChapterPositions(trx, workId, order);
        await store.refreshWork(trx, workId, {});
        return null;
      });
    },
  };
}

export type PostingService = ReturnType<typeof postingService>;
