import { z } from 'zod';

export const REPORTS_PER_WORK_PER_MONTH = 5;

/** New accounts (younger than a day) post at a slower pace and with fewer links. */
export const NEW_ACCOUNT_HOURS = 24;
export const NEW_ACCOUNT_MAX_LINKS = 2;
export const NEW_ACCOUNT_WORKS_PER_HOUR = 5;

const reasonSchema = z.string().trim().min(1, 'Say what is wrong.').max(2000, 'Keep it under 2,000 characters.');
export const adminReasonSchema = z.string().trim().max(1000, 'Keep the reason under 1,000 characters.');

export const reportSchema = z.object({
  url: z.string().trim().min(1, 'Give the address of the page.').max(2000, 'That address is too long.'),
  reason: reasonSchema,
  email: z.string().trim().max(254, 'Email is too long.').email('Enter a valid email address, so we can reply.').optional(),
});

export const newsSchema = z.object({
  title: z.string().trim().min(1, 'Give the news a title.').max(200, 'Keep the title under 200 characters.'),
  body: z.string().trim().min(1, 'Write the news.').max(5000, 'Keep the news under 5,000 characters.'),
});

/** A date (YYYY-MM-DD) in the future; the suspension lasts until the start of that day, UTC. */
export const suspendUntilSchema = z.string().trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Give the date as YYYY-MM-DD.')
  .transform((d) => new Date(`${d}T00:00:00.000Z`))
  .refine((d) => !Number.isNaN(d.getTime()) && d.getTime() > Date.now(), 'Choose a date in the future.')
  .transform((d) => d.toISOString());

/**
 * A page of this site, as a path: a report may name a path or a full address of this archive.
 * Null for another site's address.
 */
export function localPath(raw: string, baseUrl: string): string | null {
  try {
    const base = new URL(baseUrl);
    const url = new URL(raw, base);
    if (url.origin !== base.origin) return null;
    return url.pathname + url.search;
  } catch {
    return null;
  }
}

export const workIdOfPath = (path: string) => {
  const m = /^\/works\/(\d{1,15})(?:[/?#]|$)/.exec(path);
  return m ? Number(m[1]) : null;
};

/** Links in user HTML or text: anchors and bare addresses. */
export const countLinks = (text: string) => (text.match(/<a\s|https?:\/\/|www\./gi) ?? []).length;
