import { z } from 'zod';
import { addParagraphs } from '../formats/paragraphs.js';
import { sanitizeUserHtml } from '../formats/sanitize.js';
import { parseTagList } from '../tags/parse.js';

export const MAX_BOOKMARK_TAGS = 75;
const flag = z.string().optional().transform((v) => v === 'on' || v === '1');

/** The bookmark form: the reader's notes (HTML, sanitized on write), their own tags, private and rec. */
export const bookmarkFormSchema = z.object({
  notes: z.string().optional().default('').transform((s) => s.trim())
    .pipe(z.string().max(5000, 'Notes must be at most 5,000 characters.'))
    .transform((s) => sanitizeUserHtml(addParagraphs(s))),
  tags: z.string().optional().default('').transform(parseTagList)
    .pipe(z.array(z.string().max(150, 'Each tag must be at most 150 characters.'))
      .max(MAX_BOOKMARK_TAGS, `A bookmark can have at most ${MAX_BOOKMARK_TAGS} tags.`)),
  private: flag,
  rec: flag,
});
