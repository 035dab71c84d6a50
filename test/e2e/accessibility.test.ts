import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousViolations } from './axe.js';
import { clickAndWait, fillWorkForm, openPostForm, signUp, submitWork, useBrowserSuite } from './helpers.js';

/**
 * axe-core on the pages most readers and writers use, in both colour schemes: no serious or
 * critical violations.
 */

const WRITER = { login: 'lumen', email: 'lumen@example.test', password: 'correct horse battery' };

const suite = useBrowserSuite();
let writer: Page;
let workId = '';

describe('accessibility of the main pages', () => {
  beforeAll(async () => {
    writer = await suite.newPage();
    await signUp(writer, suite.url('/'), WRITER);
    await openPostForm(writer);
    await fillWorkForm(writer, {
      rating: 'General Audiences', warning: 'No Archive Warnings Apply', category: 'Gen', fandoms: 'Harbour Lights (TV)',
      characters: 'Mara Quill', freeforms: 'Fluff', title: 'A Lamp for the Harbour', summary: 'Mara keeps the light.',
      plainText: true, text: 'The lamp had gone out twice before midnight.\n\nShe climbed the stairs anyway.',
    });
    workId = await submitWork(writer);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no serious violations in the ${scheme} scheme`, async () => {
      const page = await suite.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      const pages = ['/', '/settings/reading', `/works/${workId}`, `/works?include_ids=&rating_ids=`, '/tags/Harbour%20Lights%20(TV)/works', '/login', '/signup', '/works/search?q=lamp'];
      const found: string[] = [];
      for (const path of pages) {
        await page.goto(suite.url(path));
        found.push(...(await seriousViolations(page)).map((v) => `${path}: ${v}`));
      }
      await writer.emulateMedia({ colorScheme: scheme });
      for (const path of [`/works/${workId}`, '/works/new']) {
        await writer.goto(suite.url(path));
        found.push(...(await seriousViolations(writer)).map((v) => `${path} (creator): ${v}`));
      }
      // The posting form after a failed send: errors tied to their fields.
      await clickAndWait(writer, writer.getByRole('button', { name: 'Post', exact: true }), /\/works(\/new)?$/);
      found.push(...(await seriousViolations(writer)).map((v) => `posting form with errors: ${v}`));
      expect(found).toEqual([]);
    });
  }

  it('lets a guest choose dark colours and larger text, which every page then uses', async () => {
    const page = await suite.newPage();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(suite.url(`/works/${workId}`));
    const before = await page.evaluate(() => ({ bg: getComputedStyle(document.body).backgroundColor, size: parseFloat(getComputedStyle(document.body).fontSize) }));
    await clickAndWait(page, page.getByRole('link', { name: 'Reading settings' }), /\/settings\/reading$/);
    await page.getByRole('group', { name: 'Colours' }).getByLabel('Dark').check();
    await page.getByRole('group', { name: 'Text size' }).getByLabel('Large (130%)').check();
    await clickAndWait(page, page.getByRole('button', { name: 'Save Settings' }), /\/settings\/reading$/);
    await page.goto(suite.url(`/works/${workId}`));
    const after = await page.evaluate(() => ({ bg: getComputedStyle(document.body).backgroundColor, size: parseFloat(getComputedStyle(document.body).fontSize) }));
    expect(before.bg).toBe('rgb(253, 252, 249)');
    expect(after.bg).toBe('rgb(23, 23, 26)');
    expect(after.size / before.size).toBeCloseTo(1.3, 1);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('can be reached from the new-work page with the keyboard alone', async () => {
    await openPostForm(writer);
    await writer.keyboard.press('Tab');
    const first = await writer.evaluate(() => document.activeElement?.textContent ?? '');
    expect(first).toContain('Skip to content');
  });
});
