import { Worker } from 'node:worker_threads';

// A worker runs TypeScript like the rest of Quire: it registers tsx's loader first, since a
// worker does not inherit its parent's. Plain CommonJS, so it needs no loader itself.
const BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.loader).then((tsx) => { tsx.register(); return import(workerData.entry); });
`;

/** A process profiled with --cpu-prof profiles its workers too; other flags stay behind. */
function profilingFlags(argv: string[]): string[] {
  const flags: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--cpu-prof')) continue;
    flags.push(arg);
    // --cpu-prof-dir DIR and the like: the value may be the next argument.
    if (arg !== '--cpu-prof' && !arg.includes('=') && i + 1 < argv.length) flags.push(argv[++i]!);
  }
  return flags;
}

/** Starts the TypeScript module `entry` on a worker thread; it reads `data` from workerData. */
export function startTsWorker(entry: URL, data: Record<string, unknown>): Worker {
  return new Worker(BOOT, {
    eval: true,
    execArgv: profilingFlags(process.execArgv),
    workerData: { loader: import.meta.resolve('tsx/esm/api'), entry: entry.href, ...data },
  });
}
