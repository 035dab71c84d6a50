/**
 * `npm run demo` as a newcomer meets it: the demo starts on a fresh data dir, fills it with
 * generated sample works, and a browser finds them on the front page, narrows a fandom's works
 * with the filter sidebar, opens a work, and signs in with the printed reader password.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickAndWait, freePort, launchBrowser, mainText, ROOT, signIn, visible } from './helpers.js';

let child: ChildProcess;
let dataDir: string;
let baseUrl: string;
let readerPassword: string;
let browser: Browser;
let page: Page;
let output = '';

/** Starts the demo the way `npm run demo` does (one Node process, so one signal stops it). */
async function startDemo(): Promise<void> {
  dataDir = await mkdtemp(path.join(tmpdir(), 'quire-demo-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  delete env.BASE_URL;
  child = spawn(process.execPath, ['--import', 'tsx', 'src/demo/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => (output += d));
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the demo exited (code ${code}) before it was ready:\n${output}`)));
    child.stdout!.on('data', (d: string) => {
      output += d;
      if (output.includes('Quire is running at ')) resolve();
    });
  });
  baseUrl = `http://127.0.0.1:${port}`;
  readerPassword = /login:\s+reader\s+password:\s+(\S+)/.exec(output)?.[1] ?? '';
}

const blurbs = (p: Page) => p.locator('ol.works li.blurb');

describe('npm run demo', () => {
  beforeAll(async () => {
    await startDemo();
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints a reader password and says the data is generated', () => {
    expect(readerPassword).not.toBe('');
    expect(output).toContain('generated sample data');
  });

  it('the front page lists sample works, each marked as generated', async () => {
    await page.goto(baseUrl);
    expect(await blurbs(page).count()).toBe(10);
    for (const text of await blurbs(page).allInnerTexts()) {
      expect(text).toContain('Generated Sample Data');
      expect(text).toContain('Generated sample data, not a real story.');
    }
  });

  it('a fandom tag page lists that fandom, and the sidebar narrows it to one character', async () => {
    const fandomLink = blurbs(page).first().locator('ul.fandom a').first();
    const fandom = (await fandomLink.innerText()).trim();
    await clickAndWait(page, fandomLink, (u) => u.pathname.startsWith('/tags/') && u.pathname.endsWith('/works'));
    const total = Number(/of ([\d,]+) Works/.exec(await page.locator('main p.count').innerText())?.[1]?.replace(/,/g, ''));
    expect(total).toBeGreaterThan(10);

    const sidebar = page.getByRole('form', { name: 'Sort and filter' });
    const characters = sidebar.locator('details').filter({ has: page.locator('summary', { hasText: 'Characters' }) });
    if ((await characters.getAttribute('open')) === null) await characters.locator('summary').click();
    const box = characters.getByRole('group', { name: 'Include' }).getByRole('checkbox').first();
    const label = ((await box.evaluate((b) => b.closest('label')?.textContent ?? '')) ?? '').replace(/\s+/g, ' ').trim();
    const [, character, count] = /^(.*) \((\d+)\)$/.exec(label) ?? [];
    expect(character).toBeTruthy();
    await box.check();
    await clickAndWait(page, sidebar.getByRole('button', { name: 'Sort and Filter' }), (u) => u.searchParams.has('include'));

    const narrowed = Number(/of ([\d,]+) Works/.exec(await page.locator('main p.count').innerText())?.[1]);
    expect(narrowed).toBe(Number(count));
    expect(narrowed).toBeLessThan(total);
    for (const text of await blurbs(page).allInnerTexts()) {
      expect(text).toContain(fandom);
      expect(text).toContain(character!);
    }
  });

  it('a work opens with its generated text', async () => {
    const title = (await blurbs(page).first().locator('h3.heading a[href^="/works/"]').first().innerText()).trim();
    await clickAndWait(page, blurbs(page).first().locator('h3.heading a[href^="/works/"]').first(), /\/works\/\d+$/);
    await visible(page.getByRole('heading', { name: title }));
    expect((await page.locator('.chapter-text').first().innerText()).length).toBeGreaterThan(200);
    expect(await mainText(page)).toContain('Generated Sample Data');
  });

  it('the printed password signs the demo reader in', async () => {
    await page.goto(`${baseUrl}/login`);
    await signIn(page, 'reader', readerPassword, (u) => !u.pathname.startsWith('/login'));
    await visible(page.getByRole('button', { name: /sign out/i }));
  });
});
