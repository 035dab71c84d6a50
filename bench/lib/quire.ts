import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './net.js';
import { captureOutput, run, startChild, stopChild, tempDir, type RunResult } from './processes.js';

/** The project root (this file lives in bench/lib/). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type QuireOptions = {
  /** Defaults to a fresh temp dir (removed on exit). */
  dataDir?: string;
  /** Extra flags for node before the script, e.g. ['--cpu-prof', '--cpu-prof-dir', dir]. */
  nodeArgs?: string[];
  env?: Record<string, string>;
  timeoutMs?: number;
};

export type RunningQuire = {
  /** http://127.0.0.1:<port>, no trailing slash. */
  baseUrl: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** The tail of what the server printed, for error messages. */
  output: () => string;
  /** Runs `quire <args>` (the CLI) against this server's data dir. */
  cli: (args: string[], timeoutMs?: number) => Promise<RunResult>;
  /** SIGTERM (Quire closes its database and exits, writing any --cpu-prof), then SIGKILL. */
  stop: () => Promise<void>;
};

// The same as `npx tsx src/main.ts ...` (tsx's CLI runs node with this import hook), but a
// single process: nothing between the signal and the server, and --cpu-prof lands on Quire.
const nodeCommand = (nodeArgs: string[], args: string[]) => [...nodeArgs, '--import', 'tsx', 'src/main.ts', ...args];

function quireEnv(dataDir: string, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...extra };
  // Whatever the outer shell points at, this server gets its own SQLite file.
  if (!extra.DATABASE_URL) delete env.DATABASE_URL;
  if (!extra.BASE_URL) delete env.BASE_URL;
  return env;
}

/** Starts `quire serve` on a free loopback port; resolves once it says "Quire is running at". */
export async function startQuire(options: QuireOptions = {}): Promise<RunningQuire> {
  const dataDir = options.dataDir ?? (await tempDir('quire-bench-data-'));
  const port = await freePort();
  const env = quireEnv(dataDir, port, options.env);
  const child = startChild(process.execPath, nodeCommand(options.nodeArgs ?? [], ['serve']), { cwd: ROOT, env });
  const timeoutMs = options.timeoutMs ?? 30_000;

  let ready: () => void = () => {};
  const output = captureOutput(child, 64 * 1024, (all) => {
    if (all.includes('Quire is running at ')) ready();
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Quire did not start within ${timeoutMs} ms. Output:\n${output()}`)), timeoutMs);
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        reject(new Error(`Quire exited (code ${code}) before it was ready. Output:\n${output()}`));
      };
      child.once('exit', onExit);
      ready = () => {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve();
      };
      if (output().includes('Quire is running at ')) ready();
    });
  } catch (err) {
    await stopChild(child);
    throw err;
  }

  const cli = (args: string[], cliTimeoutMs = 120_000) =>
    run(process.execPath, nodeCommand([], args), { cwd: ROOT, env: quireEnv(dataDir, port, options.env), timeoutMs: cliTimeoutMs });
  return { baseUrl: `http://127.0.0.1:${port}`, port, dataDir, child, output, cli, stop: () => stopChild(child, 10_000) };
}

/**
 * Imports one plain-text file as a work posted by `as` (admin exists from the first start);
 * returns the work's path, e.g. "/works/1".
 */
export async function importWork(quire: RunningQuire, file: string, meta: { title: string; fandom: string; as?: string }): Promise<string> {
  const r = await quire.cli(['import', file, '--as', meta.as ?? 'admin', '--fandom', meta.fandom, '--title', meta.title]);
  const found = /\/works\/(\d+)/.exec(r.stdout);
  if (r.code !== 0 || !found) throw new Error(`quire import failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  return `/works/${found[1]}`;
}
