import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export type MailMessage = { to: string; subject: string; text: string };

/** Sends one message. Call it after the transaction that caused it has committed. */
export type Mailer = { send(message: MailMessage): Promise<void> };

export type MailConfig = { smtpUrl: string | undefined; mailFrom: string; dataDir: string };

/**
 * SMTP when SMTP_URL is set; otherwise each message becomes an .eml file under
 * DATA_DIR/outbox, so an admin without a mail server can still open what would have gone out.
 */
export function createMailer(config: MailConfig): Mailer {
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    return { send: async (m) => void (await transport.sendMail({ from: config.mailFrom, ...m })) };
  }
  const outbox = path.join(config.dataDir, 'outbox');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    async send(m) {
      const info = await transport.sendMail({ from: config.mailFrom, ...m });
      await fs.mkdir(outbox, { recursive: true });
      // Time first, so a directory listing reads in sending order.
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
      await fs.writeFile(path.join(outbox, name), info.message as Buffer);
    },
  };
}
