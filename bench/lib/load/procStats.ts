/** A process's CPU time and resident memory, from /proc (Linux). */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** User + system CPU seconds the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) in parentheses: utime is the 12th, stime the 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/**
 * Seconds the process's main thread has spent ready to run but waiting for a CPU (the second
 * field of /proc/<pid>/schedstat, in ns): on a shared machine, the part of latency that is not
 * the program's.
 */
export function runQueueSeconds(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1] ?? 0) / 1e9;
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Samples a process while something runs: CPU used (in cores), the largest RSS seen, and the share of the time its main thread waited for a CPU. */
export async function watchProcess<T>(pid: number, during: () => Promise<T>): Promise<{ value: T; cpuCores: number; maxRssMb: number; waitingShare: number }> {
  const t0 = performance.now();
  const cpu0 = cpuSeconds(pid);
  const wait0 = runQueueSeconds(pid);
  let maxRssMb = rssMb(pid);
  const timer = setInterval(() => (maxRssMb = Math.max(maxRssMb, rssMb(pid))), 250);
  try {
    const value = await during();
    maxRssMb = Math.max(maxRssMb, rssMb(pid));
    const seconds = (performance.now() - t0) / 1000;
    return { value, cpuCores: (cpuSeconds(pid) - cpu0) / seconds, maxRssMb, waitingShare: (runQueueSeconds(pid) - wait0) / seconds };
  } finally {
    clearInterval(timer);
  }
}
