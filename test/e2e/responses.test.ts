import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickAndWait, fillWorkForm, openPostForm, signUp, submitWork, useBrowserSuite, visible } from './helpers.js';

/**
 * A second reader leaves kudos and a comment, the author answers, and the reader finds the
 * answer in their inbox: through the real pages, by labels and button names.
 */

const AUTHOR = { login: 'tidewriter', email: 'tidewriter@example.test', password: 'correct horse battery' };
const READER = { login: 'lanternfan', email: 'lanternfan@example.test', password: 'correct horse battery' };
const COMMENT = 'The storm scene made me hold my breath.';
const REPLY = 'Thank you! The storm was the hardest part to write.';

const suite = useBrowserSuite();
const { url, newPage } = suite;
let author: Page;
let reader: Page;
let workPath = '';

const onWork = (u: URL) => u.pathname === workPath;

describe('readers’ responses in a browser', () => {
  beforeAll(async () => {
    author = await newPage();
    reader = await newPage();
  });

  it('an author posts a work', async () => {
    await signUp(author, url('/'), AUTHOR);
    await openPostForm(author);
    await fillWorkForm(author, {
      rating: 'General Audiences', warning: 'No Archive Warnings Apply', category: 'Gen', fandoms: 'Harbour Lights (TV)',
      title: 'Keeper of the Lamp', plainText: true, text: 'The lamp had gone out twice before midnight.',
    });
    const id = await submitWork(author);
    expect(id).not.toBe('');
    workPath = `/works/${id}`;
  });

  it('a second reader leaves kudos and a comment', async () => {
    await signUp(reader, url('/'), READER);
    await reader.goto(url(workPath));
    await clickAndWait(reader, reader.getByRole('button', { name: 'Kudos ♥' }), onWork);
    await visible(reader.getByRole('status').filter({ hasText: 'Thank you for leaving kudos!' }));
    await visible(reader.locator('p.kudos').filter({ hasText: `${READER.login} left kudos on this work!` }));
    await visible(reader.getByText('You left kudos on this work.'));

    await reader.getByRole('textbox', { name: /^Comment/ }).fill(COMMENT);
    await clickAndWait(reader, reader.getByRole('button', { name: 'Comment', exact: true }), onWork);
    await visible(reader.getByRole('status').filter({ hasText: 'Comment posted.' }));
    await visible(reader.locator('li.comment').filter({ hasText: COMMENT }));
    await visible(reader.getByRole('heading', { name: 'Comments (1)' }));
  });

  it('the author sees it in their inbox and replies from the work page', async () => {
    await clickAndWait(author, author.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Inbox' }), /\/inbox$/);
    await visible(author.locator('li.inbox-item.unread').filter({ hasText: COMMENT }));

    await author.goto(url(workPath));
    const comment = author.locator('li.comment').filter({ hasText: COMMENT });
    await clickAndWait(author, comment.getByRole('link', { name: 'Reply' }), /\/comments\/\d+\/reply$/);
    await author.getByRole('textbox', { name: /^Reply/ }).fill(REPLY);
    await clickAndWait(author, author.getByRole('button', { name: 'Post reply' }), onWork);
    await visible(author.locator('li.comment ol.thread li.comment').filter({ hasText: REPLY }));
  });

  it('the reader finds the reply in their inbox and marks it read', async () => {
    await clickAndWait(reader, reader.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Inbox' }), /\/inbox$/);
    const item = reader.locator('li.inbox-item.unread').filter({ hasText: REPLY });
    await visible(item);
    await visible(item.getByRole('link', { name: 'Keeper of the Lamp' }));
    await clickAndWait(reader, item.getByRole('button', { name: 'Mark as read' }), /\/inbox$/);
    await visible(reader.getByText('No unread comments.'));
    await visible(reader.locator('li.inbox-item.read').filter({ hasText: REPLY }));
  });
});
