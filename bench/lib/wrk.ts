import { findExecutable } from './net.js';
import { run } from './processes.js';

export type WrkOptions = {
  seconds: number;
  connections: number;
  threads?: number;
  /** Per-request timeout; wrk counts slower replies as timeout errors. */
  timeoutSeconds?: number;
  headers?: Record<string, string>;
  /** A wrk Lua script (-s), e.g. for POSTs. */
  script?: string;
};

export type WrkResult = {
  requests: number;
  rps: number;
  /** Latency percentiles in milliseconds, from --latency. */
  p50: number;
  p75: number;
  p90: number;
  p99: number;
  /** Responses that were not 2xx or 3xx. */
  non2xx: number;
  /** Socket errors: connect + read + write + timeout. */
  socketErrors: number;
  raw: string;
};

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function toMs(value: string): number {
  const m = /^([\d.]+)(us|ms|s|m|h)$/.exec(value.trim());
  if (!m) throw new Error(`wrk: cannot read the duration "${value}"`);
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

/** Reads wrk's text report (run with --latency). */
export function parseWrk(raw: string): WrkResult {
  const need = (re: RegExp, what: string) => {
    const m = re.exec(raw);
    if (!m) throw new Error(`wrk: no ${what} in its output:\n${raw}`);
    return m;
  };
  const pct = (p: number) => toMs(need(new RegExp(`^\\s*${p}%\\s+(\\S+)`, 'm'), `${p}% latency`)[1]!);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(raw);
  return {
    requests: Number(need(/(\d+) requests in /, 'request count')[1]),
    rps: Number(need(/Requests\/sec:\s+([\d.]+)/, 'Requests/sec')[1]),
    p50: pct(50),
    p75: pct(75),
    p90: pct(90),
    p99: pct(99),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(raw)?.[1] ?? 0),
    socketErrors: sock ? sock.slice(1, 5).reduce((sum, n) => sum + Number(n), 0) : 0,
    raw,
  };
}

/** `wrk -t<threads> -c<connections> -d<seconds>s --latency URL`, parsed. */
export async function runWrk(url: string, o: WrkOptions): Promise<WrkResult> {
  const args = [`-t${o.threads ?? 1}`, `-c${o.connections}`, `-d${o.seconds}s`, '--latency'];
  if (o.timeoutSeconds) args.push('--timeout', `${o.timeoutSeconds}s`);
  for (const [k, v] of Object.entries(o.headers ?? {})) args.push('-H', `${k}: ${v}`);
  if (o.script) args.push('-s', o.script);
  args.push(url);
  const r = await run('wrk', args, { timeoutMs: (o.seconds + 30) * 1000 });
  if (r.code !== 0) throw new Error(`wrk ${args.join(' ')} failed (exit ${r.code}):\n${r.stdout}${r.stderr}`);
  return parseWrk(r.stdout);
}

/** The exact wrk command line, for reports. */
export const wrkCommand = (url: string, o: WrkOptions) => `wrk -t${o.threads ?? 1} -c${o.connections} -d${o.seconds}s --latency ${url}`;

/** Which of these executables (names in PATH, or absolute paths) are not installed. */
export async function missingTools(tools: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const t of tools) if (!(await findExecutable(t))) missing.push(t);
  return missing;
}
