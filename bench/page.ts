/**
 * The guest work page against nginx serving the same bytes from a file.
 *
 *   npm run bench:page [-- --seconds 10 --connections 32 --warmup 2 --words 5000 --profile DIR
 *                          --database-url postgres://...]
 *
 * Starts Quire over a temp data dir, imports one work whose only chapter is N words (default 5,000) of invented
 * prose, fetches /works/:id as a guest, has nginx serve those exact bytes, then drives each with
 * wrk in turn (same settings). Prints a table, then one line of JSON. --profile DIR runs Quire
 * with --cpu-prof and leaves the .cpuprofile in DIR.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { mainProfile, monotonicMicros, selfTimes } from './lib/cpuprofile.js';
import { get } from './lib/net.js';
import { NGINX, startNginx } from './lib/nginx.js';
import { runBench, tempDir } from './lib/processes.js';
import { importWork, startQuire } from './lib/quire.js';
import { num, round, table } from './lib/report.js';
import { generateText } from './lib/text.js';
import { missingTools, runWrk, wrkCommand, type WrkOptions, type WrkResult } from './lib/wrk.js';

/** A guest page's bytes without its per-visitor CSRF token. */
const withoutToken = (body: Buffer) => body.toString('utf8').replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf"');

const wholeNumber = (name: string, raw: string | undefined, fallback: number, min = 1) => {
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min} (got "${raw}")`);
  return n;
};

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      words: { type: 'string' },
      profile: { type: 'string' },
      'database-url': { type: 'string' },
    },
  });
  const seconds = wholeNumber('seconds', values.seconds, 10);
  const connections = wholeNumber('connections', values.connections, 32);
  const warmup = wholeNumber('warmup', values.warmup, 2, 0);
  const words = wholeNumber('words', values.words, 5000);

  const missing = await missingTools([NGINX, 'wrk']);
  if (missing.length) {
    process.stderr.write(`bench:page needs ${missing.join(' and ')}. Install them with: apt-get install nginx wrk\n`);
    return 1;
  }

  const work = await tempDir('quire-bench-page-');
  // --database-url: the same page served from another database (PostgreSQL), side by side.
  const quire = await startQuire({
    nodeArgs: values.profile ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(values.profile)] : [],
    ...(values['database-url'] ? { env: { DATABASE_URL: values['database-url'] } } : {}),
  });

  const text = generateText({ words, seed: 5000 });
  const chapterFile = path.join(work, 'chapter.txt');
  await writeFile(chapterFile, text.text);
  const workPath = await importWork(quire, chapterFile, { title: 'Benchmark Work', fandom: 'Benchmark Fandom' });
  const quireUrl = quire.baseUrl + workPath;

  const first = await get(quireUrl);
  if (first.status !== 200) throw new Error(`GET ${quireUrl} as a guest: ${first.status}\n${first.body.toString('utf8').slice(0, 500)}`);
  const pageFile = path.join(work, 'page.html');
  await writeFile(pageFile, first.body);
  const siteWords = /Words:<\/dt><dd>([\d,]+)</.exec(first.body.toString('utf8'))?.[1];

  const nginx = await startNginx({ 'page.html': pageFile });
  const nginxUrl = `${nginx.baseUrl}/page.html`;
  const fromNginx = await get(nginxUrl);
  if (fromNginx.status !== 200 || !fromNginx.body.equals(first.body)) throw new Error(`nginx does not serve the saved page (${fromNginx.status}, ${fromNginx.body.length} bytes)`);

  const wrk: WrkOptions = { seconds, connections, threads: 1 };
  const measure = async (url: string): Promise<WrkResult> => {
    if (warmup > 0) await runWrk(url, { ...wrk, seconds: warmup });
    return runWrk(url, wrk);
  };
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  process.stderr.write(`Quire ${quireUrl} and nginx ${nginxUrl}: ${first.body.length} bytes, ${text.words} words; ${warmup}s warm-up then ${seconds}s each\n`);
  const quireStart = monotonicMicros();
  const q = await measure(quireUrl);
  const quireEnd = monotonicMicros();
  const n = await measure(nginxUrl);

  // The page must still be what was measured: a 200 of the same length (and bytes) as the file.
  const after = await get(quireUrl);
  const problems: string[] = [];
  if (after.status !== 200) problems.push(`Quire answered ${after.status} after the run`);
  if (after.body.length !== first.body.length) problems.push(`Quire's page is ${after.body.length} bytes, the file ${first.body.length}`);
  // Each guest's page carries their own CSRF token (of the same length): the rest must not change.
  else if (withoutToken(after.body) !== withoutToken(first.body)) problems.push("Quire's page changed during the run (same length, other bytes)");

  let profileReport = '';
  if (values.profile) {
    const dir = path.resolve(values.profile);
    await quire.stop();
    const { busyMs, lines } = selfTimes(await mainProfile(dir, quire.child.pid!), [[quireStart, quireEnd]], 25);
    profileReport =
      `Quire main thread under wrk (warm-up included): ${num(busyMs)} ms busy; self time, top ${lines.length} (profile in ${dir}):\n` +
      table(lines.map((l) => [l.fn, num(l.ms), `${(100 * l.share).toFixed(1)}%`])) + '\n';
  }

  const ratio = q.rps / n.rps;
  const row = (name: string, r: WrkResult) =>
    [name, num(r.rps, 1), num(r.requests), r.p50.toFixed(2), r.p90.toFixed(2), r.p99.toFixed(2), String(r.non2xx), String(r.socketErrors)];
  process.stdout.write(
    `\nGuest work page: ${num(text.words)} words (page says ${siteWords ?? '?'}), ${num(first.body.length)} bytes of HTML\n` +
      `${wrkCommand('URL', wrk)}${warmup > 0 ? ` (after a ${warmup}s warm-up)` : ''}; load average before: ${load}\n\n` +
      table([
        ['server', 'req/s', 'requests', 'p50 ms', 'p90 ms', 'p99 ms', 'non-2xx', 'socket errors'],
        row('quire  ' + workPath, q),
        row('nginx  /page.html', n),
      ]) +
      `\n\nquire/nginx: ${round(ratio, 3)} of nginx's throughput\n` +
      problems.map((p) => `CHECK FAILED: ${p}\n`).join('') +
      (profileReport ? `\n${profileReport}` : '') +
      '\n',
  );
  const json = {
    bench: 'page',
    database: values['database-url']?.startsWith('postgres') ? 'postgres' : 'sqlite',
    words: text.words,
    bytes: first.body.length,
    quire_rps: round(q.rps),
    nginx_rps: round(n.rps),
    ratio: round(ratio, 4),
    quire_p50_ms: round(q.p50, 3),
    quire_p90_ms: round(q.p90, 3),
    quire_p99_ms: round(q.p99, 3),
    nginx_p50_ms: round(n.p50, 3),
    nginx_p90_ms: round(n.p90, 3),
    nginx_p99_ms: round(n.p99, 3),
    errors: q.non2xx + q.socketErrors + n.non2xx + n.socketErrors,
    seconds,
    connections,
  };
  process.stdout.write(JSON.stringify(json) + '\n');
  return problems.length ? 1 : 0;
}

void runBench(main);
