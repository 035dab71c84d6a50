import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.js';
import { changePassword, clickAndWait, fillWorkForm, openPostForm, signIn, signUp, submitWork, useBrowserSuite, visible } from './helpers.js';

/**
 * axe-core on the comment form (as a guest and signed in, fresh and after a failed send), the
 * reply and edit forms, and the inbox with a comment in it, in both colour schemes: no serious
 * or critical violations.
 */

const suite = useBrowserSuite();
const WRITER = { login: 'quillon', email: 'quillon@example.test', password: 'correct horse battery' };
const READER = { login: 'margin', email: 'margin@example.test', password: 'correct horse battery' };

let writer: Page;
let reader: Page;
let workId = '';
let commentId = '';

describe('accessibility of comments and the inbox', () => {
  beforeAll(async () => {
    writer = await suite.newPage();
    await signUp(writer, suite.url('/'), WRITER);
    await openPostForm(writer);
    await fillWorkForm(writer, {
      rating: 'General Audiences', warning: 'No Archive Warnings Apply', fandoms: 'Harbour Lights (TV)', title: 'Tide Tables',
      plainText: true, text: 'The tide came in at four.',
    });
    workId = await submitWork(writer);
    reader = await suite.newPage();
    await signUp(reader, suite.url('/'), READER);
    await reader.goto(suite.url(`/works/${workId}`));
    await reader.getByRole('textbox', { name: /^Comment/ }).fill('The tide tables were a lovely touch.');
    await clickAndWait(reader, reader.getByRole('button', { name: 'Comment', exact: true }), /#comment-\d+$/);
    commentId = /#comment-(\d+)$/.exec(reader.url())?.[1] ?? '';
    expect(commentId).not.toBe('');
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no serious violations in the ${scheme} scheme`, async () => {
      const found: string[] = [];
      const check = async (page: Page, what: string) => found.push(...(await seriousViolations(page)).map((v) => `${what}: ${v}`));

      const guest = await suite.newPage();
      await guest.emulateMedia({ colorScheme: scheme });
      await guest.goto(suite.url(`/works/${workId}`));
      await visible(guest.getByRole('textbox', { name: /^Name/ }));
      await check(guest, 'comment form (guest)');
      // Sent blank (past the browser's own required check): the form comes back with its errors.
      await guest.getByRole('textbox', { name: /^Name/ }).fill('Wren');
      await guest.getByRole('textbox', { name: /^Email/ }).fill('wren@example.test');
      await guest.getByRole('textbox', { name: /^Comment/ }).fill('   ');
      await clickAndWait(guest, guest.getByRole('button', { name: 'Comment', exact: true }), /\/comments/);
      await check(guest, 'comment form with errors (guest)');

      for (const page of [writer, reader]) await page.emulateMedia({ colorScheme: scheme });
      await reader.goto(suite.url(`/works/${workId}`));
      await check(reader, 'comment form (signed in)');
      await reader.goto(suite.url(`/comments/${commentId}/edit`));
      await check(reader, 'edit form');
      await writer.goto(suite.url(`/comments/${commentId}/reply`));
      await check(writer, 'reply form');
      await writer.goto(suite.url('/inbox'));
      await visible(writer.getByText('The tide tables were a lovely touch.'));
      await check(writer, 'inbox');
      expect(found).toEqual([]);
    });
  }

  // Last: it hides the comment the tests above read.
  it('has none on the admin’s comment actions, and hides a comment for all but its author', async () => {
    const found: string[] = [];
    const admin = await suite.newPage();
    await admin.goto(suite.url('/login'));
    await signIn(admin, 'admin', suite.server.adminPassword, /\/settings\/password$/);
    await changePassword(admin, suite.server.adminPassword, 'a new admin password', /\/users\/admin$/);
    await admin.goto(suite.url(`/works/${workId}`));
    found.push(...(await seriousViolations(admin)).map((v) => `admin's work page: ${v}`));
    await clickAndWait(admin, admin.getByRole('button', { name: 'Hide (admin)' }), new RegExp(`#comment-${commentId}$`));
    await visible(admin.getByRole('button', { name: 'Unhide (admin)' }));

    await reader.goto(suite.url(`/works/${workId}`));
    await visible(reader.getByText('This comment has been hidden by an admin'));
    found.push(...(await seriousViolations(reader)).map((v) => `author's view of a hidden comment: ${v}`));
    await writer.goto(suite.url(`/works/${workId}`));
    expect(await writer.locator('main').innerText()).not.toContain('The tide tables were a lovely touch.');
    expect(found).toEqual([]);
  });
});
