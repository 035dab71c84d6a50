import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { testDatabase } from '../../src/testing/testDatabase.js';

/** The project root (this file lives in test/e2e/). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type RunningServer = {
  /** http://127.0.0.1:<port>, with no trailing slash. */
  baseUrl: string;
  /** The one-time admin password printed on first start. */
  adminPassword: string;
  dataDir: string;
  /** Its DATABASE_URL: a SQLite file of its own, or a schema of its own on the test PostgreSQL. */
  databaseUrl: string;
  /** Everything the server wrote so far, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
};

/** A port nothing listens on right now (the OS picks it; we release it at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts `quire serve` on a free port over a fresh, empty data directory and a fresh test
 * database in the dialect under test (the `browser` and `browser-postgres` projects), and
 * resolves once it says it is running. One Node process (tsx as an import hook), so stopping
 * it is one signal.
 */
export async function startServer(timeoutMs = 30_000): Promise<RunningServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'quire-e2e-'));
  const database = await testDatabase();
  const port = await freePort();
  // Whatever the outer shell points at, this server gets a database of its own.
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: database.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  delete env.BASE_URL;

  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (d: string) => (out += d));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 5_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    await rm(dataDir, { recursive: true, force: true });
    await database.close();
  };

  try {
    const adminPassword = await new Promise<string>((resolve, reject) => {
      let password: string | undefined;
      const timer = setTimeout(() => reject(new Error(`Quire did not start within ${timeoutMs} ms. Output:\n${out}`)), timeoutMs);
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        reject(new Error(`Quire exited (code ${code}) before it was ready. Output:\n${out}`));
      };
      child.once('exit', onExit);
      child.stdout?.on('data', (d: string) => {
        out += d;
        password ??= /password:\s*(\S+)/.exec(out)?.[1];
        if (/Quire is running at /.test(out)) {
          clearTimeout(timer);
          child.off('exit', onExit);
          if (password) resolve(password);
          else reject(new Error(`Quire started but printed no admin password. Output:\n${out}`));
        }
      });
    });
    return { baseUrl: `http://127.0.0.1:${port}`, adminPassword, dataDir, databaseUrl: database.url, output: () => out, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * Debian's Chromium, headless, kept off the network: every host name but 127.0.0.1 fails to
 * resolve, no proxy is consulted, and the background services that phone home are off.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-proxy-server',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      '--disable-domain-reliability',
      '--disable-client-side-phishing-detection',
      '--no-default-browser-check',
    ],
  });
}

/** What a URL to wait for may be given as. */
export type UrlMatch = RegExp | string | ((u: URL) => boolean);

/** Clicks something that submits or links, and waits until the browser is on a matching URL. */
export async function clickAndWait(page: Page, target: Locator, url: UrlMatch) {
  await Promise.all([page.waitForURL(url), target.click()]);
}

/** Resolves once the locator shows something visible; fails (with its description) on timeout. */
export async function visible(locator: Locator): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible' });
  return locator;
}

/** The text a reader sees on the page's main content, whitespace collapsed. */
export async function mainText(page: Page): Promise<string> {
  return ((await page.locator('main').innerText()) ?? '').replace(/\s+/g, ' ');
}

export type BrowserSuite = {
  /** The running server (set once the file's `beforeAll` hooks have run). */
  readonly server: RunningServer;
  /** The absolute address of a path on the server. */
  url(path: string): string;
  /** A page in a fresh browser context (its own cookies), closed with the suite. */
  newPage(): Promise<Page>;
};

/**
 * A server and a browser for the calling test file: started before its tests; after them every
 * context `newPage` opened, the browser and the server are closed.
 */
export function useBrowserSuite(): BrowserSuite {
  let server: RunningServer;
  let browser: Browser;
  const opened: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of opened) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop();
  });

  return {
    get server() { return server; },
    url: (path: string) => `${server.baseUrl}${path}`,
    async newPage() {
      const context = await browser.newContext();
      opened.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      page.setDefaultNavigationTimeout(15_000);
      return page;
    },
  };
}

export type Account = { login: string; email: string; password: string };

/** Signs up through the Sign up link on `homeUrl`, and waits for the new account's page with its Sign out button. */
export async function signUp(page: Page, homeUrl: string, who: Account) {
  await page.goto(homeUrl);
  await clickAndWait(page, page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign up' }), /\/signup$/);
  await page.getByLabel('Login').fill(who.login);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await clickAndWait(page, page.getByRole('button', { name: 'Create Account' }), new RegExp(`/users/${who.login}$`));
  await visible(page.getByRole('navigation', { name: 'Account' }).getByRole('button', { name: 'Sign out' }));
}

/** Fills in the sign-in form the page shows, sends it, and waits to be sent on to `then`. */
export async function signIn(page: Page, login: string, password: string, then: UrlMatch) {
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Password').fill(password);
  await clickAndWait(page, page.getByRole('button', { name: 'Sign In' }), then);
}

/** Fills in the change-password form the page shows, sends it, and waits to be sent on to `then`. */
export async function changePassword(page: Page, current: string, next: string, then: UrlMatch) {
  await page.getByLabel('Current password').fill(current);
  await page.getByLabel('New password').fill(next);
  await clickAndWait(page, page.getByRole('button', { name: 'Change Password' }), then);
}

/** Follows the Site menu's Post link to the new-work form. */
export async function openPostForm(page: Page) {
  await clickAndWait(page, page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Post', exact: true }), /\/works\/new$/);
}

/** The new-work form's fields, by what a writer enters; left out, a field is not touched. */
export type WorkForm = {
  rating?: string;
  /** The Archive Warnings checkbox to tick. */
  warning?: string;
  /** The Categories checkbox to tick. */
  category?: string;
  fandoms?: string;
  relationships?: string;
  characters?: string;
  freeforms?: string;
  title?: string;
  summary?: string;
  /** The "Chapters: 1 of" field. */
  expectedChapters?: string;
  /** Ticks "Only show this work to signed-in users". */
  restricted?: boolean;
  /** Chooses the Plain text format. */
  plainText?: boolean;
  text?: string;
};

/** Fills the given fields of the new-work form, in the form's order. */
export async function fillWorkForm(page: Page, form: WorkForm) {
  if (form.rating !== undefined) await page.getByLabel('Rating').selectOption(form.rating);
  if (form.warning !== undefined) await page.getByRole('group', { name: 'Archive Warnings' }).getByLabel(form.warning).check();
  if (form.category !== undefined) await page.getByRole('group', { name: 'Categories' }).getByLabel(form.category, { exact: true }).check();
  if (form.fandoms !== undefined) await page.getByLabel('Fandoms').fill(form.fandoms);
  if (form.relationships !== undefined) await page.getByLabel('Relationships').fill(form.relationships);
  if (form.characters !== undefined) await page.getByLabel('Characters').fill(form.characters);
  if (form.freeforms !== undefined) await page.getByLabel('Additional Tags').fill(form.freeforms);
  if (form.title !== undefined) await page.getByLabel('Work title').fill(form.title);
  if (form.summary !== undefined) await page.getByLabel('Summary').fill(form.summary);
  if (form.expectedChapters !== undefined) await page.getByLabel('Chapters: 1 of').fill(form.expectedChapters);
  if (form.restricted) await page.getByLabel('Only show this work to signed-in users').check();
  if (form.plainText) await page.getByLabel('Plain text').check();
  if (form.text !== undefined) await page.getByLabel('Work text').fill(form.text);
}

const WORK_URL = /\/works\/(\d+)$/;

/** Presses the new-work form's Post button, waits for the work's page, and returns the work's id from its URL ('' if none). */
export async function submitWork(page: Page): Promise<string> {
  await clickAndWait(page, page.getByRole('button', { name: 'Post', exact: true }), WORK_URL);
  return WORK_URL.exec(page.url())?.[1] ?? '';
}
