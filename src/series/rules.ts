import { z } from 'zod';
import { addParagraphs } from '../formats/paragraphs.js';
import { sanitizeUserHtml } from '../formats/sanitize.js';

const text = (max: number, label: string) =>
  z.string().optional().default('').transform((s) => s.trim())
    .pipe(z.string().max(max, `${label} must be at most ${max.toLocaleString('en')} characters.`));

/** The series form; summary and notes are the writer's HTML, sanitized here on write. */
export const seriesFormSchema = z.object({
  title: z.string().optional().default('').transform((s) => s.trim())
    .pipe(z.string().min(1, 'Title must not be blank.').max(240, 'Title must be at most 240 characters.')),
  summary: text(1250, 'Summary').transform((s) => sanitizeUserHtml(addParagraphs(s))),
  notes: text(5000, 'Notes').transform((s) => sanitizeUserHtml(addParagraphs(s))),
  complete: z.string().optional().transform((v) => v === 'on' || v === '1'),
});

export const partIdSchema = z.string().regex(/^\d{1,12}$/, 'Choose one of your works.').transform(Number);
