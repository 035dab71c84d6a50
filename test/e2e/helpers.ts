import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** The project root (this file lives in test/e2e/). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type RunningServer = {
  /** http://127.0.0.1:<port>, with no trailing slash. */
  baseUrl: string;
  /** The one-time admin password printed on first start. */
  adminPassword: string;
  dataDir: string;
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
 * Starts `quire serve` on a free port over a fresh, empty data directory, and resolves once it
 * says it is running. One Node process (tsx as an import hook), so stopping it is one signal.
 */
export async function startServer(timeoutMs = 30_000): Promise<RunningServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'quire-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  // Whatever the outer shell points at, this server gets its own SQLite file.
  delete env.DATABASE_URL;
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
    return { baseUrl: `http://127.0.0.1:${port}`, adminPassword, dataDir, output: () => out, stop };
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

/** Clicks something that submits or links, and waits until the browser is on a matching URL. */
export async function clickAndWait(page: Page, target: Locator, url: RegExp | string | ((u: URL) => boolean)) {
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
