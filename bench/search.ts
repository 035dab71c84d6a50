/**
 * Tag listings, filters with sidebar counts, and text search, on a generated corpus.
 *
 *   npm run bench:search [-- --data-dir bench/.corpus/1000000 --text-dir bench/.corpus/100000-text --requests 200]
 *   npm run bench:search [-- --database-url postgres://.../corpus --text-database-url postgres://.../text]
 *
 * Starts Quire on the corpus (generate it first with `npm run bench:corpus -- --works N`) and asks,
 * one request at a time so each latency is the server's alone:
 *  - filtered: a fandom's listing with one of its characters included, two common additional tags
 *    excluded, one rating, sorted by kudos, with sidebar counts (every request a different
 *    fandom, character or page, so no answer is served from the listing index's answer cache);
 *  - largest fandom: the largest fandom's unfiltered listing with sidebar counts, page after page
 *    (past its last page, the pages again in other orders);
 *  - phrase search (with --text-dir, a corpus made with --text and indexed by `quire reindex`,
 *    which --reindex runs and times first): a two-word phrase from the generated prose.
 * Prints a table, then one line of JSON.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { connect } from '../src/db/connect.js';
import type { SortKey } from '../src/search/workIndex.js';
import { tagSlug } from '../src/tags/urls.js';
import { PER_PAGE } from '../src/works/reading.js';
import { get } from './lib/net.js';
import { runBench } from './lib/processes.js';
import { ROOT, startQuire, type RunningQuire } from './lib/quire.js';
import { round, table } from './lib/report.js';

type Stats = { n: number; p50: number; p95: number; p99: number; max: number; mean: number; errors: number };

function stats(ms: number[], errors: number): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { n: s.length, p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(s[s.length - 1] ?? 0), mean: round(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)), errors };
}

/** The largest fandom's listing in these orders, in turn, when its pages are fewer than the requests. */
const LARGEST_SORTS: readonly SortKey[] = ['revised_at', 'kudos_count', 'word_count', 'hits_count', 'title', 'published_at'];

async function measure(quire: RunningQuire, paths: string[]): Promise<Stats> {
  const times: number[] = [];
  let errors = 0;
  for (const p of paths) {
    const t0 = performance.now();
    const r = await get(quire.baseUrl + p);
    times.push(performance.now() - t0);
    if (r.status !== 200) errors++;
  }
  return stats(times, errors);
}

/** Fandoms by size, each with its most used characters, and the commonest additional tags. */
async function pickQueries(databaseUrl: string) {
  const database = connect(databaseUrl);
  const { db } = database;
  try {
    const fandoms = await db.selectFrom('work_tags').innerJoin('tags', 'tags.id', 'work_tags.tag_id')
      .select(['tags.id', 'tags.name', (eb) => eb.fn.countAll<number>().as('n')])
      .where('tags.type', '=', 'fandom').groupBy(['tags.id', 'tags.name']).orderBy('n', 'desc').limit(60).execute();
    const freeforms = await db.selectFrom('work_tags').innerJoin('tags', 'tags.id', 'work_tags.tag_id')
      .select(['tags.id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('tags.type', '=', 'freeform').groupBy('tags.id').orderBy('n', 'desc').limit(2).execute();
    const rating = await db.selectFrom('tags').select('id').where('name', '=', 'Teen And Up Audiences').executeTakeFirstOrThrow();
    const withCharacters = [];
    for (const f of fandoms.slice(0, 50)) {
      const chars = await db.selectFrom('tag_parents').innerJoin('tags', 'tags.id', 'tag_parents.child_id')
        .select('tags.id').where('tag_parents.parent_id', '=', f.id).where('tags.type', '=', 'character').where('tags.canonical', '=', 1)
        .orderBy('tags.id').limit(4).execute();
      withCharacters.push({ ...f, characters: chars.map((c) => c.id) });
    }
    const works = Number((await db.selectFrom('works').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const largestVisible = Number((await db.selectFrom('work_tags').innerJoin('works', 'works.id', 'work_tags.work_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('work_tags.tag_id', '=', fandoms[0]!.id).where('works.status', '=', 'posted')
      .where('works.restricted', '=', 0).where('works.hidden_at', 'is', null)
      .executeTakeFirstOrThrow()).n);
    return { works, fandoms: withCharacters, largestVisible, exclude: freeforms.map((f) => f.id), rating: rating.id };
  } finally {
    await database.close();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: {
    'data-dir': { type: 'string' }, 'text-dir': { type: 'string' }, requests: { type: 'string' }, reindex: { type: 'boolean' },
    // A corpus loaded into PostgreSQL (bench:corpus --database-url), measured the same way.
    'database-url': { type: 'string' }, 'text-database-url': { type: 'string' },
  } });
  const dataDir = path.resolve(values['data-dir'] ?? path.join(ROOT, 'bench/.corpus/1000000'));
  const databaseUrl = values['database-url'] ?? `sqlite:${path.join(dataDir, 'quire.db')}`;
  const requests = Number(values.requests ?? 200);
  if (!values['database-url'] && !existsSync(path.join(dataDir, 'quire.db'))) {
    process.stderr.write(`No corpus at ${dataDir}. Make one with: npm run bench:corpus -- --works 1000000\n`);
    return 1;
  }
  const q = await pickQueries(databaseUrl);
  const largest = q.fandoms[0]!;
  const filtered: string[] = [];
  for (let i = 0; filtered.length < requests; i++) {
    const f = q.fandoms[i % q.fandoms.length]!;
    const ch = f.characters[Math.floor(i / q.fandoms.length) % Math.max(1, f.characters.length)];
    const page = 1 + Math.floor(i / (q.fandoms.length * 4));
    if (ch === undefined) continue;
    filtered.push(`/tags/${tagSlug(f.name)}/works?include=${ch}&exclude=${q.exclude[0]}&exclude=${q.exclude[1]}&rating=${q.rating}&sort=kudos_count${page > 1 ? `&page=${page}` : ''}`);
  }
  // Page after page; a fandom with fewer pages than requests is gone through again in another
  // order, so that no answer is asked twice (a repeat would come from the answer cache).
  const pages = Math.max(1, Math.ceil(q.largestVisible / PER_PAGE));
  const largestPages = Array.from({ length: requests }, (_, i) => {
    const params = new URLSearchParams();
    const sort = LARGEST_SORTS[Math.floor(i / pages) % LARGEST_SORTS.length]!;
    if (sort !== 'revised_at') params.set('sort', sort);
    if (i % pages > 0) params.set('page', String((i % pages) + 1));
    return `/tags/${tagSlug(largest.name)}/works${params.size > 0 ? `?${params}` : ''}`;
  });

  const started = performance.now();
  const quire = await startQuire({ dataDir, timeoutMs: 600_000, ...(values['database-url'] ? { env: { DATABASE_URL: databaseUrl } } : {}) });
  const startSeconds = (performance.now() - started) / 1000;
  const rssMb = async () => {
    const { readFile } = await import('node:fs/promises');
    const status = await readFile(`/proc/${quire.child.pid}/status`, 'utf8').catch(() => '');
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  };
  const rows: (string | number)[][] = [['scenario', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors']];
  let result: Record<string, number | string>;
  try {
    await measure(quire, filtered.slice(0, 10)); // warm up code paths, not answers
    const filteredStats = await measure(quire, filtered);
    const largestStats = await measure(quire, largestPages);
    rows.push(['filtered tag listing', filteredStats.n, filteredStats.p50, filteredStats.p95, filteredStats.p99, filteredStats.max, filteredStats.errors],
      [`largest fandom (${largest.n} works)`, largestStats.n, largestStats.p50, largestStats.p95, largestStats.p99, largestStats.max, largestStats.errors]);
    result = {
      bench: 'search', database: databaseUrl.startsWith('sqlite:') ? 'sqlite' : 'postgres', works: q.works, start_seconds: round(startSeconds, 1), rss_mb: await rssMb(),
      filtered_p50_ms: filteredStats.p50, filtered_p95_ms: filteredStats.p95, filtered_p99_ms: filteredStats.p99,
      largest_fandom_works: Number(largest.n), largest_p50_ms: largestStats.p50, largest_p95_ms: largestStats.p95, largest_p99_ms: largestStats.p99,
      errors: filteredStats.errors + largestStats.errors,
    };
  } finally {
    await quire.stop();
  }
  const textUrl = values['text-database-url'];
  if (values['text-dir'] || textUrl) Object.assign(result, await textScenario(path.resolve(values['text-dir'] ?? dataDir), textUrl, requests, rows, values.reindex ?? false));
  process.stdout.write(`${table(rows)}\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}

/** With --reindex, rebuilds the text corpus's full-text index (timing it); then measures phrase searches. */
async function textScenario(dir: string, databaseUrl: string | undefined, requests: number, rows: (string | number)[][], reindex: boolean) {
  const quire = await startQuire({ dataDir: dir, timeoutMs: 600_000, ...(databaseUrl ? { env: { DATABASE_URL: databaseUrl } } : {}) });
  try {
    const t0 = performance.now();
    const re = reindex ? await quire.cli(['reindex'], 3_600_000) : { stdout: '' };
    const indexSeconds = reindex ? (performance.now() - t0) / 1000 : 0;
    const rate = Number(/\((\d+) works\/s\)/.exec(re.stdout)?.[1] ?? 0);
    // Phrases from the generator's vocabulary: take adjacent word pairs from a work's first page.
    const page = (await get(`${quire.baseUrl}/works?sort=word_count`)).body.toString();
    const firstWork = /href="(\/works\/\d+)"/.exec(page)?.[1] ?? '/works/1';
    const text = (await get(quire.baseUrl + firstWork)).body.toString().replace(/<[^>]+>/g, ' ');
    const words = text.split(/\s+/).filter((w) => /^[a-z]{4,}$/.test(w));
    const phrases = Array.from({ length: requests }, (_, i) => `"${words[(i * 37) % (words.length - 1)]} ${words[((i * 37) % (words.length - 1)) + 1]}"`);
    const paths = phrases.map((p) => `/works/search?q=${encodeURIComponent(p)}`);
    await measure(quire, paths.slice(0, 5));
    const s = await measure(quire, paths);
    rows.push(['phrase search', s.n, s.p50, s.p95, s.p99, s.max, s.errors]);
    return { text_works_indexed_per_second: rate, text_index_seconds: round(indexSeconds, 1), phrase_p50_ms: s.p50, phrase_p95_ms: s.p95, phrase_p99_ms: s.p99, phrase_errors: s.errors };
  } finally {
    await quire.stop();
  }
}

await runBench(main);
