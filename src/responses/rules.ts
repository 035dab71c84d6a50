import { z } from 'zod';

export const MAX_COMMENT_CHARS = 10_000;

const body = z.string({ error: 'Write a comment.' })
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .pipe(z.string().min(1, 'Write a comment.').max(MAX_COMMENT_CHARS, `A comment can be at most ${MAX_COMMENT_CHARS.toLocaleString('en')} characters long.`));

/** A comment from a signed-in user: just the text. */
export const commentSchema = z.object({ body });

/** A guest also says who they are, so the creator can answer. */
export const guestCommentSchema = z.object({
  body,
  guest_name: z.string({ error: 'Enter a name to sign your comment with.' }).trim()
    .min(1, 'Enter a name to sign your comment with.').max(100, 'Your name can be at most 100 characters long.'),
  guest_email: z.string({ error: 'Enter your email address.' }).trim()
    .pipe(z.email('Enter a valid email address, like you@example.com.').max(254, 'That email address is too long.')),
});

export type CommentInput = { body: string } | { body: string; guest_name: string; guest_email: string };

export const commentSettingsSchema = z.object({
  comment_permission: z.enum(['everyone', 'users', 'none'], { error: 'Choose who may comment.' }),
  moderate_comments: z.literal('on').optional().transform((v) => v === 'on'),
});
export type CommentSettings = z.infer<typeof commentSettingsSchema>;
