import { z } from 'zod';
import { filterParamsShape } from '../search/filterParams.js';
import { TAG_TYPES } from '../tags/kinds.js';
import { TEXT_FORMATS } from '../works/rules.js';

/**
 * The API's request and response shapes, defined once: routes validate with them, handlers are
 * typed by them, and the OpenAPI document is generated from them. The posting rules themselves
 * (lengths, required tags, AO3's fixed tags) stay in src/works/rules.ts and answer as field errors.
 */

export const ErrorBody = z.object({
  error: z.object({
    code: z.string().meta({ description: 'Stable, machine-readable: not_found, invalid_request, invalid_cursor, unauthenticated, insufficient_scope, forbidden, csrf_failed, rate_limited, too_large, internal.' }),
    message: z.string().meta({ description: 'For a person.' }),
    details: z.record(z.string(), z.string()).optional().meta({ description: 'Field name to what is wrong with it.' }),
  }),
}).meta({ id: 'Error' });

const time = z.string().meta({ description: 'ISO-8601 UTC' });
const status = z.enum(['draft', 'posted']);

export const Creator = z.object({ pseud: z.string(), login: z.string() }).meta({ id: 'Creator' });

export const WorkTags = z.object(Object.fromEntries(TAG_TYPES.map((t) => [t, z.array(z.string())])) as Record<(typeof TAG_TYPES)[number], z.ZodArray<z.ZodString>>)
  .meta({ id: 'WorkTags', description: 'Tag names by kind, in the writer’s order.' });

export const WorkSummary = z.object({
  id: z.number().int(),
  url: z.string(),
  title: z.string(),
  summary: z.string().meta({ description: 'Sanitized HTML' }),
  language: z.string(),
  restricted: z.boolean().meta({ description: 'Only for signed-in readers' }),
  status,
  expected_chapters: z.number().int().nullable(),
  posted_chapters: z.number().int(),
  word_count: z.number().int(),
  published_at: time.nullable(),
  revised_at: time,
  creators: z.array(Creator),
  tags: WorkTags,
}).meta({ id: 'WorkSummary' });

export const ChapterMeta = z.object({
  id: z.number().int(), position: z.number().int(), title: z.string(), status,
  published_at: time.nullable(), word_count: z.number().int(),
}).meta({ id: 'ChapterMeta' });

export const ChapterList = z.array(ChapterMeta).meta({ id: 'ChapterList' });

export const Work = WorkSummary.extend({
  notes: z.string(), end_notes: z.string(), chapters: z.array(ChapterMeta),
}).meta({ id: 'Work' });

export const Chapter = ChapterMeta.extend({
  summary: z.string(), notes: z.string(), end_notes: z.string(), body: z.string().meta({ description: 'Sanitized HTML' }),
}).meta({ id: 'Chapter' });

const page = {
  total: z.number().int().meta({ description: 'Works matching, all pages together' }),
  next_cursor: z.string().nullable().meta({ description: 'Pass as ?cursor= for the next page; null on the last page' }),
};
export const WorkList = z.object({ works: z.array(WorkSummary), ...page }).meta({ id: 'WorkList' });
export const SearchList = z.object({
  works: z.array(WorkSummary.extend({ snippet: z.string().meta({ description: 'Plain text around the first match' }) })),
  ...page,
}).meta({ id: 'SearchList' });

export const Tag = z.object({
  name: z.string(), type: z.enum(TAG_TYPES), canonical: z.boolean(),
  synonym_of: z.string().nullable().meta({ description: 'The canonical tag this one stands for' }),
  works_url: z.string(),
}).meta({ id: 'Tag' });

export const User = z.object({
  login: z.string(), url: z.string(),
  pseuds: z.array(z.object({ name: z.string(), is_default: z.boolean() })),
}).meta({ id: 'User' });

// --- requests ---

const NUMERIC_ID = /^\d{1,15}$/;
export const workIdParam = z.object({ id: z.string().regex(NUMERIC_ID, 'Work ids are whole numbers.').meta({ description: 'Work id' }) });
export const chapterIdParams = workIdParam.extend({ chapterId: z.string().regex(NUMERIC_ID, 'Chapter ids are whole numbers.').meta({ description: 'Chapter id' }) });
export const tagParam = z.object({ name: z.string().min(1).max(600).meta({ description: 'Tag name as in the site’s tag URLs: percent-encoded, with AO3’s escapes *s* for /, *a* for &, *d* for ., *q* for ?, *h* for # and *x* for *' }) });
export const loginParam = z.object({ login: z.string().min(1).max(100) });

const cursor = z.string().max(1000).optional().meta({ description: 'Opaque; from the previous page’s next_cursor' });
const saved = z.enum(['', 'off']).optional().meta({ description: '"off" leaves out the caller’s saved excluded tags for this request' });

/** The HTML listings' filters (the same zod fields they validate with), a cursor instead of a page. */
const { page: _page, ...filters } = filterParamsShape;
export const listingQuery = z.object({ ...filters, cursor, saved });
export const searchQuery = z.object({
  q: z.string().min(1, 'Type something to search for.').max(1000).meta({ description: 'The search box language: words, "phrases", -excluded, tag:"Name"' }),
  ...filters, cursor, saved,
});

const tagName = z.string().min(1).max(150).refine((s) => !s.includes(','), 'Tag names cannot contain commas.');
const tagNames = z.array(tagName).max(75);

export const ChapterInput = z.strictObject({
  title: z.string().optional(),
  summary: z.string().optional(),
  notes: z.string().optional(),
  end_notes: z.string().optional(),
  text: z.string().meta({ description: 'HTML (sanitized on write) or plain text' }),
  text_format: z.enum(TEXT_FORMATS).optional().meta({ description: 'html (default) or plain: each line a paragraph' }),
}).meta({ id: 'ChapterInput' });

const workFields = {
  title: z.string(),
  pseud_ids: z.array(z.number().int()).min(1).optional().meta({ description: 'Defaults to your default pseud' }),
  summary: z.string().optional(),
  notes: z.string().optional(),
  end_notes: z.string().optional(),
  rating: z.string().meta({ description: 'One of AO3’s ratings, e.g. "Teen And Up Audiences"' }),
  warnings: z.array(z.string()).min(1),
  categories: z.array(z.string()).optional(),
  fandoms: tagNames.min(1),
  relationships: tagNames.optional(),
  characters: tagNames.optional(),
  freeforms: tagNames.optional(),
  language: z.string().meta({ description: 'Language code, e.g. en' }),
  expected_chapters: z.number().int().nullable().optional().meta({ description: 'null when unknown' }),
  restricted: z.boolean().optional(),
};

export const CreateWorkInput = z.strictObject({
  ...workFields,
  chapter: ChapterInput,
  post: z.boolean().optional().meta({ description: 'true posts at once; otherwise a draft only you see' }),
}).meta({ id: 'CreateWorkInput' });

export const UpdateWorkInput = z.strictObject(Object.fromEntries(Object.entries(workFields).map(([k, v]) => [k, v.optional()])) as {
  [K in keyof typeof workFields]: z.ZodOptional<(typeof workFields)[K]>
}).meta({ id: 'UpdateWorkInput', description: 'Only the fields given change' });

export const AddChapterInput = ChapterInput.extend({ post: z.boolean().optional() }).meta({ id: 'AddChapterInput' });
export const UpdateChapterInput = z.strictObject({
  title: z.string().optional(), summary: z.string().optional(), notes: z.string().optional(), end_notes: z.string().optional(),
  text: z.string().optional(), text_format: z.enum(TEXT_FORMATS).optional(), post: z.boolean().optional(),
}).meta({ id: 'UpdateChapterInput', description: 'Only the fields given change; post: true posts a draft chapter' });
