import { z } from 'zod';
import { isLanguage } from '../works/languages.js';
import { SORT_KEYS, type SortKey, type WorkFilter } from './workIndex.js';

/** A listing's URL, parsed: ids as given, and names typed into the filter form still to resolve. */
export type FilterRequest = {
  filter: WorkFilter;
  sort: SortKey;
  page: number;
  includeNames: string[];
  excludeNames: string[];
};

const ids = z.array(z.string()).transform((values, ctx) => {
  const out: number[] = [];
  for (const part of values.flatMap((v) => v.split(','))) {
    if (part.trim() === '') continue;
    if (!/^\d{1,12}$/.test(part.trim())) {
      ctx.addIssue({ code: 'custom', message: 'Tag filters must be tag ids from the filter form.' });
      return z.NEVER;
    }
    out.push(Number(part));
  }
  return [...new Set(out)];
});
const count = (label: string) => z.string().optional().transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
  .pipe(z.string().regex(/^\d{1,9}$/, `${label} must be a whole number of words, 0 or more.`).transform(Number).optional());
const date = (label: string) => z.string().optional().transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date like 2024-01-31.`)
    .refine((d) => !Number.isNaN(Date.parse(d)), `${label} is not a real date.`).optional());
const names = z.string().optional().transform((v) => (v ?? '').split(',').map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean))
  .pipe(z.array(z.string().max(150, 'Tag names are at most 150 characters.')).max(50, 'At most 50 tags can be typed in at once.'));

/** The listing filters' fields; the API documents its query parameters from these too. */
export const filterParamsShape = {
  include: ids, exclude: ids, rating: ids,
  include_names: names, exclude_names: names,
  words_from: count('“Words from”'), words_to: count('“Words to”'),
  updated_from: date('“Updated from”'), updated_to: date('“Updated to”'),
  complete: z.enum(['', 'complete', 'in_progress'], { message: 'Completion must be complete or in progress.' }).optional(),
  single: z.enum(['', '1'], { message: 'Single chapter is a yes-or-no choice.' }).optional(),
  crossover: z.enum(['', 'only', 'exclude'], { message: 'Crossover must be only, exclude, or empty.' }).optional(),
  language: z.string().optional().refine((l) => !l || isLanguage(l), 'Choose a language from the list.'),
  sort: z.enum(SORT_KEYS, { message: 'Choose a sort order from the list.' }).optional(),
  page: z.string().optional().default('1').refine((p) => /^\d{1,7}$/.test(p) && Number(p) >= 1, 'The page number must be a whole number from 1 to 9,999,999.').transform(Number),
};

const schema = z.object(filterParamsShape).superRefine((v, ctx) => {
  if (v.words_from !== undefined && v.words_to !== undefined && v.words_from > v.words_to) {
    ctx.addIssue({ code: 'custom', path: ['words_to'], message: '“Words to” must not be less than “Words from”.' });
  }
  if (v.updated_from && v.updated_to && v.updated_from > v.updated_to) {
    ctx.addIssue({ code: 'custom', path: ['updated_to'], message: '“Updated to” must not be before “Updated from”.' });
  }
  if (v.include.length + v.include_names.length > 25) ctx.addIssue({ code: 'custom', path: ['include'], message: 'Include at most 25 tags.' });
});

/** Parses a listing's query string; the message is for a person. */
export function parseFilterParams(query: Record<string, string[]>, defaultSort: SortKey): { ok: true; value: FilterRequest } | { ok: false; message: string; field: string } {
  const one = (k: string) => query[k]?.[query[k]!.length - 1];
  const parsed = schema.safeParse({
    include: query.include ?? [], exclude: query.exclude ?? [], rating: query.rating ?? [],
    include_names: one('include_names'), exclude_names: one('exclude_names'),
    words_from: one('words_from'), words_to: one('words_to'), updated_from: one('updated_from'), updated_to: one('updated_to'),
    complete: one('complete'), single: one('single'), crossover: one('crossover'), language: one('language') || undefined,
    sort: one('sort') || undefined, page: one('page'),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: issue?.message ?? 'These filters could not be read.', field: String(issue?.path[0] ?? 'query') };
  }
  const v = parsed.data;
  return {
    ok: true,
    value: {
      filter: {
        include: v.include, exclude: v.exclude, ratings: v.rating,
        wordsFrom: v.words_from, wordsTo: v.words_to, updatedFrom: v.updated_from, updatedTo: v.updated_to,
        complete: v.complete || undefined, singleChapter: v.single === '1' || undefined,
        crossover: v.crossover || undefined, language: v.language || undefined,
      },
      sort: v.sort ?? defaultSort,
      page: v.page,
      includeNames: v.include_names,
      excludeNames: v.exclude_names,
    },
  };
}

/** The query string for a filter, in one canonical order, so URLs are stable and shareable. */
export function filterQuery(f: WorkFilter, sort: SortKey, defaultSort: SortKey, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams(extra);
  for (const id of [...f.include].sort((a, b) => a - b)) p.append('include', String(id));
  for (const id of [...f.exclude].sort((a, b) => a - b)) p.append('exclude', String(id));
  for (const id of [...f.ratings].sort((a, b) => a - b)) p.append('rating', String(id));
  if (f.wordsFrom !== undefined) p.set('words_from', String(f.wordsFrom));
  if (f.wordsTo !== undefined) p.set('words_to', String(f.wordsTo));
  if (f.updatedFrom) p.set('updated_from', f.updatedFrom);
  if (f.updatedTo) p.set('updated_to', f.updatedTo);
  if (f.complete) p.set('complete', f.complete);
  if (f.singleChapter) p.set('single', '1');
  if (f.crossover) p.set('crossover', f.crossover);
  if (f.language) p.set('language', f.language);
  if (sort !== defaultSort) p.set('sort', sort);
  return p.toString();
}
