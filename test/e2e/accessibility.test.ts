import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickAndWait, fillWorkForm, openPostForm, signUp, submitWork, useBrowserSuite } from './helpers.js';

/**
 * axe-core on the pages most readers and writers use, in both colour schemes: no serious or
 * critical violations. axe is evaluated through the DevTools protocol, which the page's CSP
 * does not govern, so the pages are checked exactly as served.
 */

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WRITER = { login: 'lumen', email: 'lumen@example.test', password: 'correct horse battery' };

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

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
