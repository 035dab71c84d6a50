/**
 * Quire under an AO3-like mix of requests, at rising fixed rates, until it no longer keeps up.
 *
 *   npm run bench:load [-- --works 1000000 --steps 100,200,400,700,1000,1400,2000 --seconds 20
 *                          --warmup 5 --readers 300 --data-dir DIR | --database-url postgres://... --profile DIR]
 *
 * Starts Quire (one process, SQLite) on a generated corpus (bench/.corpus/N, made on first use
 * by bench/corpus.ts; its full-text index is filled once), copied to a temp dir; or, with
 * --database-url, on the corpus in that PostgreSQL database (made there on first use; the
 * database must exist), copied to a new database for the run and dropped after. This process
 * is the load generator: open loop over keep-alive connections on loopback (see
 * lib/load/openLoop.ts), with the mix of lib/load/mix.ts: 70% guest work pages (popular works
 * far more often), 10% signed-in work pages, 15% filtered fandom listings with sidebar counts,
 * 3% text searches, 2% writes. Each step offers one rate for --seconds; a step is held when no
 * request failed and p99 ≤ 200 ms. Stepping stops at the first step not held. Prints a table per
 * step, then one line of JSON.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from '../src/db/connect.js';
import { mainProfile, monotonicMicros, selfTimes } from './lib/cpuprofile.js';
import { prepareArchive, preparePostgresArchive } from './lib/load/archive.js';
import { Mix } from './lib/load/mix.js';
import { runOpenLoop } from './lib/load/openLoop.js';
import { watchProcess } from './lib/load/procStats.js';
import { MAX_P99_MS, summarize, type StepSummary } from './lib/load/summary.js';
import { loadTargets } from './lib/load/targets.js';
import { runBench } from './lib/processes.js';
import { ROOT, startQuire } from './lib/quire.js';
import { num, round, table } from './lib/report.js';

const whole = (name: string, raw: string | undefined, fallback: number) => {
  const n = raw === undefined ? fallback : Number(raw.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number ≥ 1 (got "${raw}")`);
  return n;
};

const log = (line: string) => process.stderr.write(`load: ${line}\n`);

type Step = StepSummary & { serverCpu: number; serverRssMb: number; serverWaiting: number; loaderCpu: number; wrongAnswers: number };

/** Server CPU time per answered request: less sensitive than latency to other work on a shared machine. */
const cpuMsPerRequest = (s: Step) => (s.overall.rate > 0 ? (1000 * s.serverCpu) / s.overall.rate : 0);

function stepTable(s: Step): string {
  const rows: (string | number)[][] = [['kind', 'requests', 'achieved/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors']];
  for (const [kind, f] of [...Object.entries(s.byKind), ['overall', s.overall] as const]) {
    rows.push([kind, f.requests, num(f.rate, 1), f.p50, f.p95, f.p99, f.max, f.errors]);
  }
  return `\n== offered ${num(s.offered)} req/s: ${s.held ? 'held' : 'NOT held'}; server CPU ${round(s.serverCpu)} cores ` +
    `(${round(cpuMsPerRequest(s))} ms a request), waiting for a CPU ${Math.round(100 * s.serverWaiting)}% of the time, RSS ${Math.round(s.serverRssMb)} MB; ` +
    `load generator CPU ${round(s.loaderCpu)} cores\n${table(rows)}${s.errorSamples.length ? `\nerrors: ${s.errorSamples.join('; ')}` : ''}\n`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      works: { type: 'string' }, 'data-dir': { type: 'string' }, steps: { type: 'string' }, seconds: { type: 'string' },
      warmup: { type: 'string' }, readers: { type: 'string' }, profile: { type: 'string' }, 'database-url': { type: 'string' },
    },
  });
  const works = whole('works', values.works, 1_000_000);
  const seconds = whole('seconds', values.seconds, 20);
  const warmup = values.warmup === '0' ? 0 : whole('warmup', values.warmup, 5);
  const rates = (values.steps ?? '100,200,400,700,1000,1400,2000,2800').split(',').map((s) => whole('steps', s.trim(), 0));
  const corpusUrl = values['database-url'];
  if (corpusUrl && !/^postgres(ql)?:\/\//.test(corpusUrl)) throw new Error(`--database-url must be a postgres:// URL (got "${corpusUrl}"); SQLite corpora go by --data-dir`);
  if (corpusUrl && values['data-dir']) throw new Error('give --data-dir or --database-url, not both');
  const corpusDir = path.resolve(values['data-dir'] ?? path.join(ROOT, 'bench/.corpus', String(works)));

  const archive: { url: string; dataDir?: string; drop: () => Promise<void> } = corpusUrl
    ? await preparePostgresArchive(corpusUrl, works)
    : await prepareArchive(corpusDir, works).then((dir) => ({ dataDir: dir, url: `sqlite:${path.join(dir, 'quire.db')}`, drop: async () => {} }));
  const dialect = corpusUrl ? 'postgres' : 'sqlite';
  const database = connect(archive.url);
  let targets;
  let users;
  try {
    targets = await loadTargets(database.db, { readers: whole('readers', values.readers, 300), fandoms: 200 });
    users = Number((await database.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  } finally {
    await database.close();
  }
  const mix = new Mix(targets);
  log(`${num(targets.allWorks.length)} posted works, ${num(users)} users, ${targets.readers.length} signed-in readers; ` +
    `writes that run: ${mix.liveWrites.join(', ')}`);
  log(`mix: ${Object.entries(mix.shares()).map(([k, p]) => `${k} ${round(100 * p, 2)}%`).join(', ')}`);

  const loadAverage = os.loadavg().map((l) => round(l));
  log(`load average before the run: ${loadAverage.join(' ')} (other work on this machine skews latencies)`);
  const profileDir = values.profile ? path.resolve(values.profile) : null;
  const started = performance.now();
  const quire = await startQuire({
    ...(archive.dataDir ? { dataDir: archive.dataDir } : {}), env: { DATABASE_URL: archive.url },
    timeoutMs: 900_000, nodeArgs: profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
  });
  const pid = quire.child.pid!;
  log(`Quire ready in ${((performance.now() - started) / 1000).toFixed(1)} s (pid ${pid})`);

  const steps: Step[] = [];
  let lastStepMicros: [number, number] = [0, 0];
  try {
    if (warmup > 0) {
      const w = summarize(rates[0]!, warmup, await runOpenLoop({ baseUrl: quire.baseUrl, rate: rates[0]!, seconds: warmup, next: () => mix.next() }));
      log(`warm-up at ${rates[0]} req/s for ${warmup} s: p99 ${w.overall.p99} ms, ${w.overall.errors} errors (not counted)`);
    }
    for (const rate of rates) {
      const loader0 = process.cpuUsage();
      const t0 = performance.now();
      const from = monotonicMicros();
      const watched = await watchProcess(pid, () => runOpenLoop({ baseUrl: quire.baseUrl, rate, seconds, next: () => mix.next() }));
      lastStepMicros = [from, monotonicMicros()];
      const loader = process.cpuUsage(loader0);
      const step: Step = {
        ...summarize(rate, seconds, watched.value),
        serverCpu: watched.cpuCores, serverRssMb: watched.maxRssMb, serverWaiting: watched.waitingShare,
        loaderCpu: (loader.user + loader.system) / 1000 / (performance.now() - t0),
        wrongAnswers: watched.value.filter((o) => o.error?.startsWith('HTTP ')).length,
      };
      steps.push(step);
      process.stdout.write(stepTable(step));
      if (!step.held) break;
    }
  } finally {
    await quire.stop();
    await archive.drop();
  }

  const held = steps.filter((s) => s.held);
  const best = held[held.length - 1];
  if (profileDir) {
    const { busyMs, lines } = selfTimes(await mainProfile(profileDir, pid), [lastStepMicros], 25);
    process.stdout.write(`\nServer profile of the last step (${round(busyMs)} ms busy), self time:\n` +
      `${table([['share', 'ms', 'function'], ...lines.map((l) => [`${round(100 * l.share, 1)}%`, round(l.ms), l.fn])])}\n`);
  }
  process.stdout.write(`\nHighest rate held (no errors, p99 ≤ ${MAX_P99_MS} ms): ${best ? `${num(best.offered)} req/s` : 'none'}\n`);
  process.stdout.write(`${JSON.stringify({
    bench: 'load', dialect, works: targets.allWorks.length, users,
    max_rate_held: best?.offered ?? 0, p99_ms_at_max: best?.overall.p99 ?? null,
    rss_mb: Math.round(Math.max(0, ...steps.map((s) => s.serverRssMb))),
    cpu_cores_at_max: best ? round(best.serverCpu) : null, cpu_ms_per_request_at_max: best ? round(cpuMsPerRequest(best)) : null,
    seconds_per_step: seconds, load_average_before: loadAverage,
    writes: mix.liveWrites,
    steps: steps.map((s) => ({ offered: s.offered, achieved: s.overall.rate, p99_ms: s.overall.p99, errors: s.overall.errors, held: s.held, cpu_ms_per_request: round(cpuMsPerRequest(s)), server_waiting_for_cpu: round(s.serverWaiting) })),
  })}\n`);
  // Slowness is a finding; a wrong status (a 500, a refused form) is a bug in Quire or in the mix.
  const wrong = steps.reduce((n, s) => n + s.wrongAnswers, 0);
  if (wrong > 0) process.stderr.write(`load: ${wrong} requests got a wrong HTTP status (see the errors above)\n`);
  return wrong > 0 ? 1 : 0;
}

await runBench(main);
