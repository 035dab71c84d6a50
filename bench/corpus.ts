/**
 * Generates a deterministic archive with AO3's shape into a fresh database, for benchmarks.
 *
 *   npx tsx bench/corpus.ts --works N [--text] [--seed S] [--data-dir DIR | --database-url URL]
 *
 * Same seed and N give byte-identical rows. The default target is bench/.corpus/N/quire.db
 * (git-ignored), so `DATA_DIR=bench/.corpus/N npx tsx src/main.ts serve` serves it.
 * Progress goes to stderr; one line of JSON with the corpus's numbers goes to stdout.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { connect } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { CATEGORIES, RATINGS, WARNINGS } from '../src/tags/kinds.js';
import { Archive } from './lib/corpus/archive.js';
import { checkCorpus, STATISTICS_FROM } from './lib/corpus/check.js';
import { percentile } from './lib/corpus/distributions.js';
import { generate } from './lib/corpus/generator.js';
import { restoreSeeded, setAsideSeeded, type SeededAccounts } from './lib/corpus/seeded.js';
import { PostgresSink, SqliteSink, type Sink } from './lib/corpus/sink.js';

const USAGE = `usage: npx tsx bench/corpus.ts --works N [--text] [--seed S] [--data-dir DIR | --database-url URL]

  --works N           how many works (required)
  --text              write real-length chapter text (invented prose); without it every
                      chapter body is a one-line placeholder, but word counts are still real
  --seed S            integer seed (default 1); the same seed gives the same corpus
  --data-dir DIR      SQLite target DIR/quire.db (default bench/.corpus/N)
  --database-url URL  sqlite:FILE or postgres://... instead of --data-dir
`;

/** The ratings, warnings and categories the first migration seeds. */
const FIXED_TAGS = RATINGS.length + WARNINGS.length + CATEGORIES.length;
/** Works per transaction. */
const BATCH = 10_000;
/** Text mode: ~9,000 mean words a work (the lognormal's mean) at ~5.4 bytes a word (measured). */
const TEXT_BYTES_PER_WORK = 50_000;

class Refusal extends Error {}

function fail(message: string): never {
  process.stderr.write(`corpus: ${message}\n`);
  process.exit(1);
}

function parseCount(name: string, value: string | undefined, min: number): number {
  const cleaned = (value ?? '').replace(/[_,]/g, '');
  if (!/^\d+$/.test(cleaned) || Number(cleaned) < min || !Number.isSafeInteger(Number(cleaned))) {
    fail(`--${name} needs a whole number >= ${min} (got "${value ?? ''}")\n${USAGE}`);
  }
  return Number(cleaned);
}

const log = (line: string) => process.stderr.write(`corpus: ${line}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        works: { type: 'string' },
        text: { type: 'boolean', default: false },
        seed: { type: 'string', default: '1' },
        'data-dir': { type: 'string' },
        'database-url': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (args.works === undefined) fail(`--works is required\n${USAGE}`);
  const works = parseCount('works', args.works, 1);
  const seed = parseCount('seed', args.seed, 0) >>> 0;
  const text = args.text;
  if (args['data-dir'] && args['database-url']) fail('give --data-dir or --database-url, not both');

  const benchDir = path.dirname(fileURLToPath(import.meta.url));
  const url = args['database-url'] ?? `sqlite:${path.join(path.resolve(args['data-dir'] ?? path.join(benchDir, '.corpus', String(works))), 'quire.db')}`;
  const isPostgres = url.startsWith('postgres://') || url.startsWith('postgresql://');
  if (!isPostgres && !url.startsWith('sqlite:')) fail(`--database-url must start with sqlite: or postgres:// (got "${url}")`);
  if (!isPostgres && url === 'sqlite::memory:') fail('an in-memory database would vanish when the script ends');
  const where = isPostgres ? url.replace(/\/\/[^@/]*@/, '//…@') : url.slice('sqlite:'.length);

  if (text) {
    const gb = (works * TEXT_BYTES_PER_WORK) / 1e9;
    log(`--text: expect roughly ${gb < 1 ? `${Math.round(gb * 1000)} MB` : `${gb.toFixed(1)} GB`} of database (100,000 works is several GB)`);
  }

  const started = performance.now();

  // Schema through the app's own migrations, after making sure we are not writing over an archive.
  const elsewhere = isPostgres
    ? 'Drop and recreate that database, or give another --database-url.'
    : `Delete it (rm -r ${path.dirname(where)}) or give another --data-dir.`;
  const database = connect(url);
  let fixedRows: Array<{ id: number; name: string; type: string }>;
  let seeded: SeededAccounts = [];
  try {
    const count = async (table: string): Promise<number> => {
      try {
        const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(database.db);
        return Number(r.rows[0]?.n ?? 0);
      } catch {
        return 0; // no such table yet: a fresh database
      }
    };
    const existingWorks = await count('works');
    if (existingWorks > 0) {
      throw new Refusal(`${where} already has ${fmt(existingWorks)} works; the corpus goes into a fresh database only.\n  ${elsewhere}`);
    }
    const existingUsers = await count('users');
    const existingTags = await count('tags');
    await migrateToLatest(database.db);
    fixedRows = await database.db.selectFrom('tags').select(['id', 'name', 'type']).orderBy('id').execute();
    if (existingUsers > 0 || fixedRows.length > FIXED_TAGS || existingTags > FIXED_TAGS) {
      throw new Refusal(`${where} is not fresh (${fmt(existingUsers)} users, ${fmt(Math.max(existingTags, fixedRows.length))} tags); ` +
        `the corpus goes into a fresh database only.\n  ${elsewhere}`);
    }
    seeded = await setAsideSeeded(database.db);
  } catch (err) {
    await database.close();
    if (err instanceof Refusal) fail(err.message);
    throw err;
  }
  await database.close();

  const fixed = Archive.fixedTags(fixedRows);
  const sink: Sink = isPostgres ? await PostgresSink.open(url) : new SqliteSink(url.slice('sqlite:'.length), text);
  try {
    await load(sink, { works, seed, text, fixed, fixedRows, started, where });
    await restoreSeeded(url, seeded);
  } finally {
    await sink.close();
  }
}

type LoadOptions = {
  works: number;
  seed: number;
  text: boolean;
  fixed: ReturnType<typeof Archive.fixedTags>;
  fixedRows: Array<{ id: number; name: string; type: string }>;
  started: number;
  where: string;
};

async function load(sink: Sink, o: LoadOptions): Promise<void> {
  const { works, seed, text } = o;
  log(`${fmt(works)} works${text ? ' with text' : ''}, seed ${seed} -> ${o.where} (${sink.dialect})`);

  // Works are made in a worker thread while this one writes them.
  const messages = generate({
    works, seed, text, fixed: o.fixed,
    takenNames: o.fixedRows.map((r) => r.name),
    firstTagId: Math.max(...o.fixedRows.map((r) => r.id)) + 1,
  });
  const first = (await messages.next()).value;
  if (!first || first.type !== 'cast') throw new Error('corpus generator: expected the cast first');
  const { cast, info } = first;
  const byType = Object.entries<number>(info.tagsByType).map(([k, v]) => `${fmt(v)} ${k}`).join(', ');
  log(`cast: ${fmt(cast.users.length)} users; ${fmt(cast.tags.length)} tags (${byType}); ` +
    `${fmt(info.fandoms)} fandoms with Zipf exponent ${info.fandomExponent.toFixed(3)}, ${info.metaTags} "All Media Types" meta tags, ${fmt(info.synonyms)} character synonyms`);
  await sink.cast(cast);

  const words = new Int32Array(works);
  let wordsTotal = 0;
  let workTags = 0;
  let chapters = 0;
  let tags = cast.tags.length;
  let done = 0;
  let inTransaction = 0;
  let commitSeconds = 0;
  const step = Math.max(1, Math.ceil(works / 20));
  let nextReport = step;
  const loadStarted = performance.now();
  for await (const m of messages) {
    if (m.type === 'done') break;
    if (m.type !== 'chunk') continue;
    if (inTransaction === 0) await sink.begin();
    const { works: chunk, newTags } = m.chunk;
    await sink.works(chunk, newTags);
    tags += newTags.length;
    for (const w of chunk) {
      words[w.id - 1] = w.words;
      wordsTotal += w.words;
      workTags += w.tags.length;
      chapters += w.chapterWords.length;
    }
    done += chunk.length;
    inTransaction += chunk.length;
    // One transaction per ~10,000 works.
    if (inTransaction >= BATCH || done === works) {
      const committing = performance.now();
      await sink.commit();
      commitSeconds += (performance.now() - committing) / 1000;
      inTransaction = 0;
    }
    if (done >= nextReport && done < works) {
      const s = (performance.now() - loadStarted) / 1000;
      log(`${fmt(done)}/${fmt(works)} works (${Math.round((100 * done) / works)}%), ${fmt(done / s)} works/s`);
      while (nextReport <= done) nextReport += step;
    }
  }
  if (done !== works) throw new Error(`corpus generator stopped after ${done} of ${works} works`);
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  log(`${fmt(works)} works written in ${loadSeconds.toFixed(1)}s (${fmt(works / loadSeconds)} works/s, ${commitSeconds.toFixed(1)}s of it committing); building indexes`);
  const indexing = performance.now();
  await sink.finish();
  log(`indexes built in ${((performance.now() - indexing) / 1000).toFixed(1)}s`);
  const seconds = (performance.now() - o.started) / 1000;

  words.sort();
  const medianWords = percentile(words, 0.5);
  const p99Words = percentile(words, 0.99);
  const maxWords = words[works - 1] ?? 0;
  tags += o.fixedRows.length;

  const check = await checkCorpus(sink, o.fixed, works);
  log(`largest fandom "${check.largestFandom}": ${(100 * check.largestFandomShare).toFixed(2)}% of works; ` +
    `words median ${fmt(medianWords)}, p99 ${fmt(p99Words)}, max ${fmt(maxWords)}; ${fmt(chapters)} chapters, ${fmt(wordsTotal)} words`);
  log('the full-text index (work_search) is left empty: run `quire reindex` to fill it');
  if (works < STATISTICS_FROM) log(`(fewer than ${fmt(STATISTICS_FROM)} works: shape statistics not asserted)`);

  process.stdout.write(`${JSON.stringify({
    bench: 'corpus',
    works,
    users: cast.users.length,
    tags,
    work_tags: workTags,
    chapters,
    words_total: wordsTotal,
    largest_fandom_share: Number(check.largestFandomShare.toFixed(4)),
    median_words: medianWords,
    p99_words: p99Words,
    seconds: Number(seconds.toFixed(2)),
    works_per_second: Math.round(works / seconds),
    max_words: maxWords,
    fandoms: info.fandoms,
    load_seconds: Number(loadSeconds.toFixed(2)),
    seed,
    text,
    dialect: sink.dialect,
  })}\n`);

  if (check.problems.length > 0) {
    for (const p of check.problems) log(`SELF-CHECK FAILED: ${p}`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`corpus: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
