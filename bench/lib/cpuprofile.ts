import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** A V8 .cpuprofile (what `node --cpu-prof` writes). Times are microseconds, CLOCK_MONOTONIC. */
type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
};

export type ProfileLine = { ms: number; share: number; fn: string };

/** Now on the clock V8's profiler stamps samples with, in microseconds. */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

const where = (url: string, line: number) =>
  `${url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, '').replace(/^.*\/(src|bench)\//, '$1/')}:${line + 1}`;

/**
 * Self time by function, for samples within the `[from, to]` ranges (monotonic µs; see
 * `monotonicMicros`), largest first. Idle time is left out of the shares.
 */
export function selfTimes(profile: CpuProfile, ranges: readonly (readonly [number, number])[], top = 20): { busyMs: number; lines: ProfileLine[] } {
  const names = new Map(profile.nodes.map((n) => [n.id, `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url, n.callFrame.lineNumber)}`]));
  const byFn = new Map<string, number>();
  let t = profile.startTime;
  let busy = 0;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    const fn = names.get(id) ?? '?';
    if (!ranges.some(([from, to]) => t >= from && t <= to) || fn.startsWith('(idle)')) return;
    const d = profile.timeDeltas[i] ?? 0;
    byFn.set(fn, (byFn.get(fn) ?? 0) + d);
    busy += d;
  });
  const lines = [...byFn]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, us]) => ({ ms: us / 1000, share: busy ? us / busy : 0, fn }));
  return { busyMs: busy / 1000, lines };
}

/** The main thread's profile of process `pid` in `dir` (node names it CPU.<date>.<time>.<pid>.0.<n>). */
export async function mainProfile(dir: string, pid: number): Promise<CpuProfile> {
  const file = (await readdir(dir)).find((f) => f.includes(`.${pid}.0.`) && f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no main-thread .cpuprofile for pid ${pid} in ${dir}`);
  return JSON.parse(await readFile(path.join(dir, file), 'utf8')) as CpuProfile;
}
