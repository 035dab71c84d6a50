import { htmlToText } from '../formats/plainText.js';
import type { Mailer } from '../mail/mailer.js';
import type { CommentNotice } from './service.js';

/** One email per person told of a comment: who wrote what, on which work, and where to answer. */
export async function sendCommentNotice(mail: Mailer, baseUrl: string, notice: CommentNotice | null | undefined) {
  if (!notice) return;
  const c = notice.comment;
  const who = c.login ? (c.pseud && c.pseud.toLowerCase() !== c.login.toLowerCase() ? `${c.pseud} (${c.login})` : c.login) : `${c.guestName ?? 'A guest'} (Guest)`;
  const what = c.parentId === null ? 'commented on' : 'replied to a comment on';
  const held = c.status === 'held' ? '\nThis comment is waiting for your approval.\n' : '';
  for (const person of notice.to) {
    await mail.send({
      to: person.email,
      subject: `[Quire] ${c.parentId === null ? 'Comment' : 'Reply'} on ${notice.workTitle}`,
      text: `Hi ${person.login},\n\n${who} ${what} ${notice.workTitle}:\n\n${htmlToText(c.body)}\n${held}\n` +
        `Read it and reply: ${baseUrl}/works/${notice.workId}#comment-${c.id}\nYour inbox: ${baseUrl}/inbox\n`,
    });
  }
}
