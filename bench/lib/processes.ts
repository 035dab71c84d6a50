import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Every child a benchmark starts leads its own process group (spawned `detached`), so stopping
 * it stops whatever it started too. Children and temp dirs are tracked here and removed on any
 * exit: normal end, thrown error, Ctrl-C or SIGTERM.
 */
const children = new Set<ChildProcess>();
const dirs = new Set<string>();

const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (!alive(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Starts a tracked child in its own process group. */
export function startChild(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options, detached: true });
  children.add(child);
  child.once('exit', () => {
    // The leader is gone; take down anything it left in its group, then forget it.
    killGroup(child, 'SIGKILL');
    children.delete(child);
  });
  return child;
}

/** SIGTERM to the child's whole group, SIGKILL if it is still there after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (alive(child)) {
    killGroup(child, 'SIGTERM');
    if (!(await waitForExit(child, graceMs))) {
      killGroup(child, 'SIGKILL');
      await waitForExit(child, graceMs);
    }
  }
  killGroup(child, 'SIGKILL');
  children.delete(child);
}

/** Keeps the last `limit` characters a child wrote (both streams), reading them as they come. */
export function captureOutput(child: ChildProcess, limit = 64 * 1024, onData?: (all: string) => void): () => string {
  let out = '';
  const take = (d: string) => {
    out = (out + d).slice(-limit);
    onData?.(out);
  };
  child.stdout?.setEncoding('utf8').on('data', take);
  child.stderr?.setEncoding('utf8').on('data', take);
  return () => out;
}

export type RunResult = { code: number | null; stdout: string; stderr: string };

/** Runs a command to its end (killed after `timeoutMs`) and returns what it printed. */
export async function run(command: string, args: readonly string[], options: SpawnOptions & { timeoutMs?: number } = {}): Promise<RunResult> {
  const { timeoutMs = 60_000, ...spawnOptions } = options;
  const child = startChild(command, args, spawnOptions);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stopChild(child, 1_000);
      reject(new Error(`${command} ${args.join(' ')} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  return { code, stdout, stderr };
}

/** A fresh directory under the OS temp dir, removed on exit. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  dirs.add(dir);
  return dir;
}

/** Stops every tracked child and removes every temp dir. Safe to call more than once. */
export async function cleanup(): Promise<void> {
  await Promise.all([...children].map((c) => stopChild(c)));
  for (const dir of [...dirs]) {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 }).then(
      () => dirs.delete(dir),
      (err: unknown) => process.stderr.write(`bench: could not remove ${dir}: ${String(err)}\n`),
    );
  }
}

// Last resort, synchronous: whatever is still around when the process exits.
process.on('exit', () => {
  for (const child of children) killGroup(child, 'SIGKILL');
  for (const dir of dirs) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // Reported by cleanup() already; nothing more to do while exiting.
    }
  }
});
// Signals often come twice (npx and tsx relay them too): keep handling them, clean up once.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n${signal}: stopping children and removing temp dirs\n`);
    void cleanup().finally(() => process.exit(130));
  });
}

/** Runs a benchmark's main function, cleaning up after it whatever happens; sets the exit code. */
export async function runBench(main: () => Promise<number | void>): Promise<void> {
  let code = 0;
  try {
    code = (await main()) ?? 0;
  } catch (err) {
    // Interrupted: what failed is only the interruption showing through.
    if (!stopping) process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    code = 1;
  } finally {
    await cleanup();
  }
  process.exitCode = code;
}
