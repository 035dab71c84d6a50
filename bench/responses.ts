/**
 * Does a steady stream of kudos and hits slow the guest work page? (issue 5)
 *
 *   npm run bench:responses [-- --data-dir bench/.corpus/20000 --seconds 60 --rounds 6 --settle 1
 *                               --page-rate 300 --write-rate 200 --popular 50 --hit-works 200
 *                               --warmup 5 --writes both|kudos|hits --profile DIR]
 *
 * One Quire over a copy of the corpus (made with bench:corpus if missing), behind a pretend
 * reverse proxy (TRUST_PROXY=127.0.0.1, so X-Real-IP names the guest, as nginx would set it).
 * Two other processes load it, each an open loop sending at a fixed rate, latency counted from
 * when a request was due (so a stalled server shows up in full, not as fewer requests):
 *  - pages: guests (no cookies) reading the N most-kudosed works, round robin;
 *  - writes: half kudos on those same works, each from a new guest address, with the CSRF
 *    cookie and token of guests who first fetched a page; half hits, guest page views of M other
 *    works (--hit-works, default 200, spread over the archive and cached before the run), each
 *    from a new address, so each view is a new hit row (every page view counts a hit).
 * After a warm-up of both (so the kudos path is compiled before anything is measured), windows
 * alternate: the page load alone, then the page load while the writes run, --rounds times
 * (--seconds of each in all); last, Quire's CPU time per page view and per kudos, sent one at a
 * time. Prints both kinds of window pooled, the p99 ratio (also round by round), and one line
 * of JSON. --profile DIR runs Quire under --cpu-prof and prints the top self-time functions of
 * each kind of window.
 */
import { copyFile, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from '../src/db/connect.js';
import type { LoadRequest } from './lib/load/mix.js';
import { runOpenLoop, type Outcome } from './lib/load/openLoop.js';
import { get } from './lib/net.js';
import { mainProfile, monotonicMicros, selfTimes } from './lib/cpuprofile.js';
import { run, runBench, startChild, tempDir } from './lib/processes.js';
import { ROOT, startQuire, type RunningQuire } from './lib/quire.js';
import { num, round, table } from './lib/report.js';

const wholeNumber = (name: string, raw: string | undefined, fallback: number, min = 1) => {
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min} (got "${raw}")`);
  return n;
};

// ── the load processes ──

/**
 * The measured span: `rounds` pairs of windows, pages alone then pages with writes, after a
 * warm-up of both. Alternating short windows in one run, rather than one long phase of each,
 * keeps the machine's drift (other tenants, a slow minute) out of the ratio: it falls on both.
 * The first `settleMs` of every window are not measured, so each window's figures are its own.
 */
type Schedule = { startAt: number; warmupMs: number; windowMs: number; rounds: number; settleMs: number };

/** Which measured window a request due `sinceStart` ms after the warm-up ended falls in, if any. */
function windowOf(s: Schedule, sinceStart: number): { round: number; writes: boolean } | null {
  if (sinceStart < 0) return null;
  const w = Math.floor(sinceStart / s.windowMs);
  if (w >= 2 * s.rounds || sinceStart - w * s.windowMs < s.settleMs) return null;
  return { round: w >> 1, writes: w % 2 === 1 };
}

const sleepUntil = (epochMs: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, epochMs - Date.now())));

type LoadResult = { sent: number; statuses: Record<string, number>; errors: number; outcomes: Outcome[] };

/** Sends at a fixed rate (lib/load/openLoop.ts), each latency counted from when the request was due. */
async function openLoop(baseUrl: string, rate: number, seconds: number, make: () => LoadRequest): Promise<LoadResult> {
  const outcomes = await runOpenLoop({ baseUrl, rate, seconds, next: make, maxInFlight: 512, timeoutMs: 30_000 });
  const statuses: Record<string, number> = {};
  for (const o of outcomes) {
    const key = o.status ? String(o.status) : `error ${o.error}`;
    statuses[key] = (statuses[key] ?? 0) + 1;
  }
  return { sent: outcomes.length, statuses, errors: outcomes.filter((o) => o.error !== null).length, outcomes };
}

type WriteMix = 'both' | 'kudos' | 'hits';
type Plan = { baseUrl: string; rate: number; popular: number[]; others: number[]; guests: number; mix: WriteMix; schedule: Schedule };

/** Pages all through the warm-up and the rounds; each latency filed under the window it was due in. */
async function pagesRole(plan: Plan) {
  const s = plan.schedule;
  await sleepUntil(s.startAt - s.warmupMs);
  let i = 0;
  const r = await openLoop(plan.baseUrl, plan.rate, (s.warmupMs + 2 * s.rounds * s.windowMs) / 1000,
    () => ({ kind: 'guest_work', method: 'GET', path: `/works/${plan.popular[i++ % plan.popular.length]}` }));
  const rounds = Array.from({ length: s.rounds }, () => ({ alone: [] as number[], writes: [] as number[] }));
  const lags = { alone: [] as number[], writes: [] as number[] };
  for (const o of r.outcomes) {
    const at = windowOf(s, o.dueMs - s.warmupMs);
    if (!at) continue;
    const phase = at.writes ? 'writes' : 'alone';
    rounds[at.round]![phase].push(o.ms);
    lags[phase].push(o.lagMs);
  }
  return { sent: r.sent, statuses: r.statuses, errors: r.errors, rounds, lags };
}

/** A guest address no other request of this run uses: 10.x.y.z, `lane` keeping kudos and hits apart. */
const address = (lane: number, k: number) => `10.${lane * 64 + ((k >> 16) & 63)}.${(k >> 8) & 255}.${k & 255}`;

/** Writes through the warm-up and in every second window of the rounds. */
async function writesRole(plan: Plan) {
  // Each simulated guest reads a page first: that gives it the CSRF cookie and the form's token.
  const guests: { cookie: string; token: string }[] = [];
  for (let g = 0; g < plan.guests; g++) {
    const res = await fetch(`${plan.baseUrl}/works/${plan.others[g % plan.others.length]}`, { headers: { 'x-real-ip': address(3, g) } });
    const cookie = /quire_csrf=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
    const token = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1];
    if (!cookie || !token) throw new Error(`no CSRF cookie or token on /works/${plan.others[g % plan.others.length]} (status ${res.status})`);
    guests.push({ cookie, token });
  }
  process.stdout.write('ready\n');
  let i = 0;
  const next = (): LoadRequest => {
    const k = plan.mix === 'both' ? i >> 1 : i;
    const hit = plan.mix === 'hits' || (plan.mix === 'both' && i % 2 === 1);
    i++;
    if (hit) return { kind: 'guest_work', method: 'GET', path: `/works/${plan.others[k % plan.others.length]}`, headers: { 'x-real-ip': address(1, k) } };
    const guest = guests[k % guests.length]!;
    return {
      kind: 'kudos', method: 'POST', path: `/works/${plan.popular[k % plan.popular.length]}/kudos`,
      headers: { 'x-real-ip': address(0, k) }, cookie: guest.cookie, form: { _csrf: guest.token },
    };
  };
  const s = plan.schedule;
  const spans: [number, number][] = [[s.startAt - s.warmupMs, s.warmupMs]];
  for (let round = 0; round < s.rounds; round++) spans.push([s.startAt + (2 * round + 1) * s.windowMs, s.windowMs]);
  const all: LoadResult[] = [];
  for (const [from, ms] of spans) {
    await sleepUntil(from);
    all.push(await openLoop(plan.baseUrl, plan.rate, ms / 1000, next));
  }
  const statuses: Record<string, number> = {};
  for (const r of all) for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  const measured = all.slice(1).flatMap((r) => r.outcomes);
  return {
    sent: measured.length, seconds: (s.rounds * s.windowMs) / 1000, statuses, errors: all.reduce((n, r) => n + r.errors, 0),
    latencies: measured.map((o) => o.ms), lags: measured.map((o) => o.lagMs),
  };
}

/** Runs as a load process: the plan comes as JSON in argv, the result goes out as JSON. */
async function loadProcess(role: string, planJson: string): Promise<number> {
  const plan = JSON.parse(planJson) as Plan;
  const result = role === 'pages' ? await pagesRole(plan) : await writesRole(plan);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}

// ── the orchestrator ──

type Stats = { p50: number; p95: number; p99: number; max: number };
type PagesResult = Awaited<ReturnType<typeof pagesRole>>;
type WritesResult = Awaited<ReturnType<typeof writesRole>>;

function stats(ms: number[]): Stats {
  const s = Float64Array.from(ms).sort();
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(s[s.length - 1] ?? 0) };
}

/** Starts one load process; resolves `ready` when it says so (writes) and `result` at its end. */
function startLoad<R>(role: 'pages' | 'writes', plan: Plan) {
  const child = startChild(process.execPath, ['--import', 'tsx', 'bench/responses.ts', '--role', role, '--plan', JSON.stringify(plan)], { cwd: ROOT });
  let out = '';
  let err = '';
  let onReady = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    if (out.startsWith('ready\n')) onReady();
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const result = new Promise<R>((resolve, reject) => {
    child.once('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) reject(new Error(`${role} load process failed (exit ${code}):\n${err}`));
      else resolve(JSON.parse(last) as R);
    });
  });
  return { ready, result };
}

async function pickWorks(databaseUrl: string, popularCount: number, otherCount: number) {
  const database = connect(databaseUrl);
  try {
    const visible = () => database.db.selectFrom('works').select('id').where('status', '=', 'posted').where('restricted', '=', 0).where('hidden_at', 'is', null);
    const popular = (await visible().orderBy('kudos_count', 'desc').orderBy('id').limit(popularCount).execute()).map((w) => w.id);
    const taken = new Set(popular);
    // Spread over the archive: every k-th visible work that is not measured.
    const all = (await visible().orderBy('id').execute()).map((w) => w.id).filter((id) => !taken.has(id));
    const step = Math.max(1, Math.floor(all.length / otherCount));
    const others = all.filter((_, i) => i % step === 0).slice(0, otherCount);
    return { works: all.length + popular.length, popular, others };
  } finally {
    await database.close();
  }
}

async function countRows(databaseUrl: string) {
  const database = connect(databaseUrl);
  try {
    const n = async (t: 'kudos' | 'work_hits') => Number((await database.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { kudos: await n('kudos'), hits: await n('work_hits') };
  } finally {
    await database.close();
  }
}

const load1 = () => round(os.loadavg()[0]!, 2);

/**
 * Quire's CPU time per request, one request at a time over one kept-alive connection: a figure
 * that moves with Quire's code rather than with the machine's other load, as the p99 does.
 */
async function costPerRequest(baseUrl: string, pid: number, popular: number[], n = 2_000) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(baseUrl);
  const send = (method: string, p: string, headers: Record<string, string>, body?: string) => new Promise<{ status: number; text: string; cookie: string }>((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: p, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d)).on('end', () => resolve({ status: res.statusCode ?? 0, text, cookie: String(res.headers['set-cookie'] ?? '') }));
    });
    req.on('error', reject);
    req.end(body);
  });
  const first = await send('GET', `/works/${popular[0]}`, { 'x-real-ip': address(2, 300_000) });
  const cookie = /quire_csrf=[^;]+/.exec(first.cookie)?.[0] ?? '';
  const token = /name="_csrf" value="([^"]+)"/.exec(first.text)?.[1] ?? '';
  const kinds = {
    page: (k: number) => send('GET', `/works/${popular[k % popular.length]}`, { 'x-real-ip': address(2, 300_001) }),
    kudos: (k: number) => send('POST', `/works/${popular[k % popular.length]}/kudos`,
      { 'x-real-ip': address(2, 200_000 + k), cookie, 'content-type': 'application/x-www-form-urlencoded' }, `_csrf=${encodeURIComponent(token)}`),
  };
  const cost: Record<keyof typeof kinds, number> = { page: 0, kudos: 0 };
  for (const kind of ['page', 'kudos'] as const) {
    const before = await cpuSeconds(pid);
    for (let k = 0; k < n; k++) {
      const r = await kinds[kind](k);
      if (r.status !== (kind === 'page' ? 200 : 303)) throw new Error(`${kind} ${k}: status ${r.status}`);
    }
    cost[kind] = round(((await cpuSeconds(pid)) - before) * 1000 / n, 3);
  }
  agent.destroy();
  return cost;
}

/** CPU seconds (user + system) process `pid` has used so far, from /proc (Linux; 0 elsewhere). */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: {
    role: { type: 'string' }, plan: { type: 'string' },
    'data-dir': { type: 'string' }, seconds: { type: 'string' }, rounds: { type: 'string' }, settle: { type: 'string' }, warmup: { type: 'string' },
    'page-rate': { type: 'string' }, 'write-rate': { type: 'string' }, popular: { type: 'string' }, 'hit-works': { type: 'string' }, profile: { type: 'string' },
    writes: { type: 'string' },
  } });
  if (values.role) return loadProcess(values.role, values.plan ?? '{}');

  const seconds = wholeNumber('seconds', values.seconds, 60);
  const rounds = wholeNumber('rounds', values.rounds, 6);
  const settle = wholeNumber('settle', values.settle, 1, 0);
  const warmup = wholeNumber('warmup', values.warmup, 5, 0);
  const pageRate = wholeNumber('page-rate', values['page-rate'], 300);
  const writeRate = wholeNumber('write-rate', values['write-rate'], 200);
  const popularCount = wholeNumber('popular', values.popular, 50);
  const hitWorks = wholeNumber('hit-works', values['hit-works'], 200);
  const mix = (values.writes ?? 'both') as WriteMix;
  if (!['both', 'kudos', 'hits'].includes(mix)) throw new Error(`--writes must be both, kudos or hits (got "${mix}")`);
  const windowMs = (seconds * 1000) / rounds;
  if (settle * 1000 >= windowMs) throw new Error(`--settle (${settle} s) must be shorter than a window (--seconds / --rounds = ${windowMs / 1000} s)`);
  const corpusDir = path.resolve(values['data-dir'] ?? path.join(ROOT, 'bench/.corpus/20000'));
  if (!existsSync(path.join(corpusDir, 'quire.db'))) {
    const works = /(\d+)$/.exec(corpusDir)?.[1] ?? '20000';
    process.stderr.write(`No corpus at ${corpusDir}: generating ${works} works\n`);
    const made = await run(process.execPath, ['--import', 'tsx', 'bench/corpus.ts', '--works', works, '--data-dir', corpusDir], { cwd: ROOT, timeoutMs: 1_800_000 });
    if (made.code !== 0) throw new Error(`bench:corpus failed:\n${made.stderr}`);
  }
  // The run adds kudos and hits: it works on a copy, so every run starts from the same archive.
  const dataDir = await tempDir('quire-bench-responses-');
  await copyFile(path.join(corpusDir, 'quire.db'), path.join(dataDir, 'quire.db'));
  const databaseUrl = `sqlite:${path.join(dataDir, 'quire.db')}`;
  const { works, popular, others } = await pickWorks(databaseUrl, popularCount, hitWorks);
  const before = await countRows(databaseUrl);

  const profileDir = values.profile ? path.resolve(values.profile) : null;
  const quire: RunningQuire = await startQuire({
    dataDir, timeoutMs: 120_000, env: { TRUST_PROXY: '127.0.0.1' },
    ...(profileDir ? { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profileDir] } : {}),
  });
  const pid = quire.child.pid!;
  const loads: number[] = [];
  let pages: PagesResult;
  let writes: WritesResult;
  let schedule: Schedule;
  // Quire's CPU seconds and the profile's time ranges, per kind of window.
  const cpu = { alone: 0, writes: 0 };
  const ranges: Record<'alone' | 'writes', [number, number][]> = { alone: [], writes: [] };
  let cost = { page: 0, kudos: 0 };
  try {
    process.stderr.write(`Quire on ${num(works)} works; warm-up ${warmup}s, then ${rounds} rounds of ${windowMs / 1000}s of pages at ${pageRate}/s alone and ${windowMs / 1000}s with ${writeRate} writes/s\n`);
    // The hits' works are rendered and cached once here, so the writes measure counting a view,
    // not drawing a page nobody has read yet.
    for (const id of others) await get(`${quire.baseUrl}/works/${id}`, { 'x-real-ip': address(2, id) });

    loads.push(load1());
    // Both load processes start before the schedule does, and keep to it by the clock.
    const plan = (rate: number): Plan => ({ baseUrl: quire.baseUrl, rate, popular, others, guests: 50, mix, schedule });
    schedule = { startAt: 0, warmupMs: warmup * 1000, windowMs, rounds, settleMs: settle * 1000 };
    schedule.startAt = Date.now() + 15_000 + schedule.warmupMs;
    const writer = startLoad<WritesResult>('writes', plan(writeRate));
    const reader = startLoad<PagesResult>('pages', plan(pageRate));
    await writer.ready;
    // Quire's CPU time and the profile's ranges, window by window (the settling seconds too).
    for (let w = 0; w < 2 * rounds; w++) {
      const from = schedule.startAt + w * windowMs;
      await sleepUntil(from);
      const c0 = await cpuSeconds(pid);
      const t0 = monotonicMicros();
      await sleepUntil(from + windowMs);
      const kind = w % 2 ? 'writes' : 'alone';
      cpu[kind] += (await cpuSeconds(pid)) - c0;
      ranges[kind].push([t0, monotonicMicros()]);
    }
    pages = await reader.result;
    writes = await writer.result;
    loads.push(load1());
    cost = await costPerRequest(quire.baseUrl, pid, popular);
  } finally {
    await quire.stop(); // flushes buffered hits
  }
  const after = await countRows(databaseUrl);

  const alone = stats(pages.rounds.flatMap((r) => r.alone));
  const withWrites = stats(pages.rounds.flatMap((r) => r.writes));
  const writeStats = stats(writes.latencies);
  const perRound = pages.rounds.map((r) => round(stats(r.writes).p99 / stats(r.alone).p99, 2));
  const lag = (ms: number[]) => { const l = stats(ms); return `${l.p99}/${l.max}`; };
  const fmtStatuses = (s: Record<string, number>) => Object.entries(s).map(([k, v]) => `${k}:${v}`).join(' ');
  const measured = (r: PagesResult, k: 'alone' | 'writes') => r.rounds.reduce((n, x) => n + x[k].length, 0);
  const rows: (string | number)[][] = [['windows', 'measured', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'send lag p99/max']];
  rows.push(['pages alone', measured(pages, 'alone'), alone.p50, alone.p95, alone.p99, alone.max, lag(pages.lags.alone)]);
  rows.push(['pages + writes', measured(pages, 'writes'), withWrites.p50, withWrites.p95, withWrites.p99, withWrites.max, lag(pages.lags.writes)]);
  rows.push(['writes (kudos+hits)', writes.sent, writeStats.p50, writeStats.p95, writeStats.p99, writeStats.max, lag(writes.lags)]);
  const ratio = round(withWrites.p99 / alone.p99, 3);
  const measuredSeconds = (rounds * (windowMs - schedule.settleMs)) / 1000;
  process.stdout.write(`Guest pages: ${popular.length} most-kudosed of ${num(works)} works, ${pageRate} req/s open loop; writes ${writeRate} req/s (${mix === 'both' ? `half kudos on those works, half hits on ${others.length} others` : mix === 'kudos' ? 'kudos only' : `hits only, on ${others.length} other works`})\n`);
  process.stdout.write(`${rounds} rounds of ${windowMs / 1000} s alone then ${windowMs / 1000} s with writes, the first ${settle} s of each window not measured: ${measuredSeconds} s of each\n`);
  process.stdout.write(`load average (1 min) before, after: ${loads.join(', ')} (${os.cpus().length} CPUs)\n\n`);
  process.stdout.write(`${table(rows)}\n\n`);
  process.stdout.write(`statuses: pages ${fmtStatuses(pages.statuses)}; writes ${fmtStatuses(writes.statuses)}; errors: pages ${pages.errors}, writes ${writes.errors}\n`);
  process.stdout.write(`Quire's CPU time: ${round(cpu.alone, 1)} s in the ${seconds} s alone, ${round(cpu.writes, 1)} s in the ${seconds} s with writes\n`);
  process.stdout.write(`Quire's CPU per request, one at a time: ${cost.page} ms a guest page view, ${cost.kudos} ms a guest kudos\n`);
  process.stdout.write(`rows added: ${num(after.kudos - before.kudos)} kudos, ${num(after.hits - before.hits)} hits (page views count one hit per work)\n`);
  process.stdout.write(`p99 ratio round by round: ${perRound.join(', ')}\n`);
  process.stdout.write(`p99 with writes / without: ${ratio} (${ratio <= 1.2 ? 'within' : 'OVER'} the 1.2 budget)\n`);

  if (profileDir) {
    const profile = await mainProfile(profileDir, pid);
    for (const kind of ['alone', 'writes'] as const) {
      const { busyMs, lines } = selfTimes(profile, ranges[kind], 15);
      process.stdout.write(`\nQuire's self time, pages ${kind === 'alone' ? 'alone' : '+ writes'}: ${num(busyMs)} ms busy\n`);
      process.stdout.write(`${table([['share', 'ms', 'function'], ...lines.map((l) => [`${(l.share * 100).toFixed(1)}%`, num(l.ms), l.fn])])}\n`);
    }
  }

  process.stdout.write(`${JSON.stringify({
    bench: 'responses', works, popular: popular.length, hit_works: others.length, seconds, rounds, settle_s: settle, page_rate: pageRate, write_rate: writeRate, writes: mix,
    write_rate_achieved: round(writes.sent / writes.seconds, 1),
    p50_ms_without: alone.p50, p95_ms_without: alone.p95, p99_ms_without: alone.p99,
    p50_ms_with: withWrites.p50, p95_ms_with: withWrites.p95, p99_ms_with: withWrites.p99, p99_ratio: ratio, p99_ratio_by_round: perRound,
    server_cpu_s_without: round(cpu.alone, 1), server_cpu_s_with: round(cpu.writes, 1),
    cpu_ms_per_page: cost.page, cpu_ms_per_kudos: cost.kudos,
    kudos_added: after.kudos - before.kudos, hits_added: after.hits - before.hits,
    page_errors: pages.errors, write_errors: writes.errors, load_average: loads,
  })}\n`);
  return 0;
}

await runBench(main);
