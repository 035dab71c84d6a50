import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clickAndWait, fillWorkForm, openPostForm, signUp, submitWork, useBrowserSuite, visible } from './helpers.js';

/**
 * A reader subscribes to a work; its writer posts a new chapter; the reader is mailed (an .eml
 * file in the outbox, with the chapter's link) and finds the chapter in their updates.
 */

const WRITER = { login: 'quillwright', email: 'quillwright@example.test', password: 'correct horse battery' };
const READER = { login: 'pageturner', email: 'pageturner@example.test', password: 'correct horse battery' };
const WORK = { title: 'Tides of the Northern Lamp', chapter2: 'The Second Tide', text2: 'The tide came in twice that night, and the lamp held.' };

const suite = useBrowserSuite();
const { url, newPage } = suite;

function outbox(): string[] {
  const dir = path.join(suite.server.dataDir, 'outbox');
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8').replace(/=\r?\n/g, '')) : [];
}

describe('subscriptions in a browser', () => {
  let writer: Page;
  let reader: Page;
  let workId = '';
  let chapterId = '';

  it('a writer posts a work and a reader subscribes to it', async () => {
    writer = await newPage();
    await signUp(writer, url('/'), WRITER);
    await openPostForm(writer);
    await fillWorkForm(writer, {
      rating: 'General Audiences', warning: 'No Archive Warnings Apply', fandoms: 'Harbour Lights (TV)',
      title: WORK.title, expectedChapters: '?', plainText: true, text: 'The lamp was lit at dusk, as always.',
    });
    workId = await submitWork(writer);
    expect(workId).not.toBe('');

    reader = await newPage();
    await signUp(reader, url('/'), READER);
    await reader.goto(url(`/works/${workId}`));
    await clickAndWait(reader, reader.getByRole('button', { name: 'Subscribe' }), new RegExp(`/works/${workId}$`));
    await visible(reader.getByRole('status').filter({ hasText: 'You are subscribed' }));
    await visible(reader.getByRole('button', { name: 'Unsubscribe' }));
  });

  it('the writer posts a new chapter; the reader is mailed its link and sees it in their updates', async () => {
    await writer.goto(url(`/works/${workId}`));
    await clickAndWait(writer, writer.getByRole('navigation', { name: 'Work tools' }).getByRole('link', { name: 'Add Chapter' }), new RegExp(`/works/${workId}/chapters/new$`));
    await writer.getByLabel('Chapter title').fill(WORK.chapter2);
    await writer.getByLabel('Plain text').check();
    await writer.getByLabel('Work text').fill(WORK.text2);
    await clickAndWait(writer, writer.getByRole('button', { name: 'Post', exact: true }), /\/chapters\/\d+$/);
    chapterId = /\/chapters\/(\d+)$/.exec(writer.url())?.[1] ?? '';
    expect(chapterId).not.toBe('');

    const mail = outbox().filter((m) => /^To: pageturner@example\.test$/m.test(m));
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatch(new RegExp(`Read it: http://[^/\\s]+/works/${workId}/chapters/${chapterId}\\s`));
    expect(outbox().some((m) => /^To: quillwright@example\.test$/m.test(m))).toBe(false);

    await reader.goto(url(`/users/${READER.login}`));
    await clickAndWait(reader, reader.getByRole('link', { name: /^Updates/ }), /\/inbox\/updates$/);
    await visible(reader.getByText('1 unread'));
    await clickAndWait(reader, reader.getByRole('link', { name: `Chapter 2: ${WORK.chapter2}` }), new RegExp(`/works/${workId}/chapters/${chapterId}$`));
    await visible(reader.getByText(WORK.text2));

    await reader.goto(url('/inbox/updates'));
    await clickAndWait(reader, reader.getByRole('button', { name: 'Mark read' }), /\/inbox\/updates$/);
    await visible(reader.getByText('Nothing unread.'));
  });
});
