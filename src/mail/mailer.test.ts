import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailer } from './mailer.js';

describe('mailer without SMTP', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('writes each message as an .eml file under DATA_DIR/outbox', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-mail-'));
    dirs.push(dataDir);
    const mailer = createMailer({ smtpUrl: undefined, mailFrom: 'Quire <no-reply@quire.test>', dataDir });
    await mailer.send({ to: 'reader@example.com', subject: 'New chapter: The Letter', text: 'Chapter 2 is up.\nRead it on Quire.' });
    await mailer.send({ to: 'other@example.com', subject: 'Second', text: 'Two' });
    const files = fs.readdirSync(path.join(dataDir, 'outbox')).sort();
    expect(files).toHaveLength(2);
    expect(files.every((f) => f.endsWith('.eml'))).toBe(true);
    const first = fs.readFileSync(path.join(dataDir, 'outbox', files[0]!), 'utf8');
    expect(first).toMatch(/^To: reader@example.com\r$/m);
    expect(first).toMatch(/^From: Quire <no-reply@quire.test>\r$/m);
    expect(first).toMatch(/^Subject: New chapter: The Letter\r$/m);
    expect(first).toContain('Chapter 2 is up.');
  });
});
