import { z } from 'zod';
import { CATEGORIES, MAX_FREE_TAGS, MAX_TAG_LENGTH, RATINGS, WARNINGS } from '../tags/kinds.js';
import { parseTagList } from '../tags/parse.js';
import { isLanguage } from './languages.js';

export const TEXT_FORMATS = ['html', 'plain'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

const many = z.union([z.string(), z.array(z.string())]).optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
const text = (max: number, label: string) =>
  z.string().optional().default('').transform((s) => s.trim())
    .pipe(z.string().max(max, `${label} must be at most ${max.toLocaleString('en')} characters.`));
const tagList = z.string().optional().default('').transform(parseTagList)
  .pipe(z.array(z.string().max(MAX_TAG_LENGTH, `Each tag must be at most ${MAX_TAG_LENGTH} characters.`)));

/** "?", "", "3" or "1/3": the writer's expected number of chapters; null when unknown. */
export const expectedChaptersSchema = z.string().optional().default('?').transform((raw, ctx) => {
  const s = raw.trim();
  const m = /^(?:\d+\s*\/\s*)?(\d+|\?)?$/.exec(s);
  if (!m) {
    ctx.addIssue({ code: 'custom', message: 'Chapters must be a number or "?" (for example 1/3 or 1/?).' });
    return z.NEVER;
  }
  const n = m[1] === undefined || m[1] === '?' ? null : Number(m[1]);
  if (n !== null && (n < 1 || n > 10_000)) {
    ctx.addIssue({ code: 'custom', message: 'Expected chapters must be between 1 and 10,000.' });
    return z.NEVER;
  }
  return n;
});

/** Work metadata as the posting form sends it; every field arrives as text or a list of text. */
export const workFormSchema = z
  .object({
    title: z.string().optional().default('').transform((s) => s.trim())
      .pipe(z.string().min(1, 'Title must not be blank.').max(255, 'Title must be at most 255 characters.')),
    pseud_ids: many.pipe(z.array(z.string().regex(/^\d+$/).transform(Number)).min(1, 'Choose at least one creator.')),
    summary: text(1250, 'Summary'),
    notes: text(5000, 'Notes'),
    end_notes: text(5000, 'End notes'),
    rating: z.enum(RATINGS, { message: 'Choose a rating.' }),
    warnings: many.pipe(z.array(z.enum(WARNINGS)).min(1, 'Choose at least one archive warning.')),
    categories: many.pipe(z.array(z.enum(CATEGORIES))),
    fandoms: tagList.pipe(z.array(z.string()).min(1, 'Enter at least one fandom.')),
    relationships: tagList,
    characters: tagList,
    freeforms: tagList,
    language: z.string().optional().default('').refine(isLanguage, 'Choose a language.'),
    expected_chapters: expectedChaptersSchema,
    restricted: z.string().optional().transform((v) => v === 'on' || v === '1' || v === 'true'),
    anonymous: z.string().optional().transform((v) => v === 'on' || v === '1' || v === 'true'),
  })
  .superRefine((w, ctx) => {
    const free = w.fandoms.length + w.relationships.length + w.characters.length + w.freeforms.length;
    if (free > MAX_FREE_TAGS) {
      ctx.addIssue({
        code: 'custom',
        path: ['freeforms'],
        message: `Fandom, relationship, character and additional tags must not add up to more than ${MAX_FREE_TAGS} (you have ${free}).`,
      });
    }
  });
export type WorkForm = z.output<typeof workFormSchema>;

export const chapterFormSchema = z.object({
  chapter_title: text(255, 'Chapter title'),
  chapter_summary: text(1250, 'Chapter summary'),
  chapter_notes: text(5000, 'Chapter notes'),
  chapter_end_notes: text(5000, 'Chapter end notes'),
  text_format: z.enum(TEXT_FORMATS).optional().default('html'),
  text: z.string().optional().default('')
    .refine((s) => s.trim().length >= 10, 'Chapter text must be at least 10 characters.')
    .refine((s) => s.length <= 510_000, 'Chapter text must be at most 510,000 characters.'),
});
export type ChapterForm = z.output<typeof chapterFormSchema>;
