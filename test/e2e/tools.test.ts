import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ao3Epub } from '../../src/imports/bookKit.js';
import { clickAndWait, mainText, signUp, useBrowserSuite, visible } from './helpers.js';

/**
 * A writer who works in other tools: creates an API token on the settings page, posts from a
 * script with it, imports an EPUB through the upload form, reviews the draft, and revokes the token.
 */

const WRITER = { login: 'toolsmith', email: 'toolsmith@example.test', password: 'writing in my own editor' };
const suite = useBrowserSuite();
let page: Page;
let token = '';

const call = (path: string, init: RequestInit = {}) => fetch(suite.url(path), { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });

describe('a writer’s tools', () => {
  it('creates a write token from the profile page and sees it once', async () => {
    page = await suite.newPage();
    await signUp(page, suite.url('/'), WRITER);
    await clickAndWait(page, page.getByRole('link', { name: 'API tokens' }), /\/settings\/tokens$/);
    await page.getByLabel('Name').fill('my editor');
    await page.getByLabel(/Write: also post/).check();
    await clickAndWait(page, page.getByRole('button', { name: 'Create token' }), /\/settings\/tokens$/);
    token = await (await visible(page.locator('code.token'))).innerText();
    expect(token).toMatch(/^quire_pat_/);
    await page.goto(suite.url('/settings/tokens'));
    expect(await mainText(page)).not.toContain(token);
    expect(await mainText(page)).toContain('my editor');
  });

  it('posts a work from a script, which readers then find on the site', async () => {
    const res = await call('/api/v1/works', {
      method: 'POST',
      body: JSON.stringify({
        title: 'Written Elsewhere', rating: 'General Audiences', warnings: ['No Archive Warnings Apply'], fandoms: ['Original Work'],
        language: 'en', chapter: { text: 'Drafted in a text editor, posted by a script.', text_format: 'plain' }, post: true,
      }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: number };
    const guest = await suite.newPage();
    await guest.goto(suite.url(`/works/${id}`));
    expect(await mainText(guest)).toContain('Drafted in a text editor, posted by a script.');
  });

  it('imports an EPUB as a draft to review', async () => {
    await page.goto(suite.url(`/users/${WRITER.login}`));
    await clickAndWait(page, page.getByRole('link', { name: 'Import a work' }), /\/works\/import$/);
    const book = ao3Epub({
      title: 'The Lantern Room', summary: '<p>A keeper and a storm.</p>', notes: '', endNotes: '', language: 'en',
      tags: { rating: 'Teen And Up Audiences', warnings: ['No Archive Warnings Apply'], categories: ['Gen'], fandoms: ['Harbour Lights'], relationships: [], characters: ['The Keeper'], freeforms: ['Storms'] },
      chapters: [
        { title: 'Dusk', summary: '', notes: '', endNotes: '', body: '<p>The keeper climbed the stairs at dusk.</p>' },
        { title: 'Dawn', summary: '', notes: '', endNotes: '', body: '<p>By dawn the storm had passed.</p>' },
      ],
    });
    await page.getByLabel(/^File/).setInputFiles({ name: 'lantern.epub', mimeType: 'application/epub+zip', buffer: Buffer.from(book) });
    await clickAndWait(page, page.getByRole('button', { name: 'Import as a draft' }), /\/works\/\d+$/);
    await visible(page.getByRole('status').filter({ hasText: 'Imported as a draft' }));
    const text = await mainText(page);
    for (const s of ['The Lantern Room', 'Harbour Lights', 'The Keeper', 'Storms', 'The keeper climbed the stairs at dusk.']) expect(text).toContain(s);
  });

  it('explains a refused file on the form', async () => {
    await page.goto(suite.url('/works/import'));
    await page.getByLabel(/^File/).setInputFiles({ name: 'broken.epub', mimeType: 'application/epub+zip', buffer: Buffer.from('not a zip') });
    await clickAndWait(page, page.getByRole('button', { name: 'Import as a draft' }), /\/works\/import$/);
    expect(await (await visible(page.getByRole('alert'))).innerText()).toContain('broken.epub is not a readable zip archive');
  });

  it('revokes the token, and the script is turned away', async () => {
    await page.goto(suite.url('/settings/tokens'));
    await clickAndWait(page, page.getByRole('button', { name: 'Revoke my editor' }), /\/settings\/tokens$/);
    await visible(page.getByRole('status').filter({ hasText: 'Token revoked' }));
    const res = await call('/api/v1/works');
    expect(res.status).toBe(401);
  });
});
