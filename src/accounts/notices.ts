import type { Mailer } from '../mail/mailer.js';

/**
 * A note to the account's address after a change that a thief would make: the owner learns of
 * it even when the thief is signed in as them.
 */
export async function sendSecurityNotice(mail: Mailer, to: { email: string; login: string }, what: string) {
  await mail.send({
    to: to.email,
    subject: `Quire: ${what}`,
    text: `Hello ${to.login},\n\n${what} on your Quire account just now.\n\n`
      + 'If this was you, there is nothing to do. If not, reset your password at once from the sign-in page and write to the archive’s admins.\n',
  });
}
