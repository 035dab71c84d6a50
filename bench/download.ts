/**
 * EPUB of a very long work: how long the first download takes (made from the database) and a
 * repeat (from the download cache).
 *
 *   npm run bench:download [-- --words 500000 --chapters 50 --repeats 5]
 *
 * Builds a temp SQLite archive holding one posted work of N invented words (generated prose,
 * with emphasis and a blockquote every so often, so the XHTML converter has markup to do),
 * split over C chapters, then asks the downloads service for its EPUB as a guest: once cold,
 * then R times cached. Then the same over HTTP, from `quire serve` on that archive (a process
 * of its own, so its first download is made anew): what a reader waits for, to the last byte.
 * Prints a table, then one line of JSON.
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { connect } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { downloadsService } from '../src/downloads/service.js';
import { textToParagraphs } from '../src/formats/paragraphs.js';
import { countWords } from '../src/formats/wordCount.js';
import { GUEST } from '../src/policy/viewer.js';
import { PageCache } from '../src/web/pageCache.js';
import { generateText } from './lib/text.js';
import { get } from './lib/net.js';
import { cleanup } from './lib/processes.js';
import { startQuire } from './lib/quire.js';

const { values } = parseArgs({ options: { words: { type: 'string' }, chapters: { type: 'string' }, repeats: { type: 'string' } } });
const words = Number(values.words ?? 500_000);
const chapterCount = Number(values.chapters ?? 50);
const repeats = Number(values.repeats ?? 5);
for (const [name, n] of [['words', words], ['chapters', chapterCount], ['repeats', repeats]] as const) {
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number ≥ 1`);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'quire-bench-download-'));
const database = connect(`sqlite:${path.join(dir, 'quire.db')}`);
try {
  await migrateToLatest(database.db);
  const db = database.db;
  const now = new Date().toISOString();
  const work = await db.insertInto('works').values({
    title: 'A Very Long Work', summary: '<p>Generated for the download benchmark.</p>', notes: '', end_notes: '', language: 'en',
    restricted: 0, status: 'posted', expected_chapters: chapterCount, posted_chapters: chapterCount, word_count: words,
    published_at: now, revised_at: now, created_at: now, version: 1, kudos_count: 0, hits_count: 0, comments_count: 0, bookmarks_count: 0,
  }).returning('id').executeTakeFirstOrThrow();
  let total = 0;
  for (let i = 0; i < chapterCount; i++) {
    const share = Math.floor(words / chapterCount) + (i < words % chapterCount ? 1 : 0);
    const html = textToParagraphs(generateText({ words: share, seed: i + 1 }).text)
      .replace(/<p>(\S+) (\S+)/g, (m, a: string, b: string) => (a.length % 7 === 0 ? `<p><em>${a}</em> <strong>${b}</strong>` : m))
      .replace(/<p>([^<]{0,400})<\/p>\n<p>/g, (m, t: string) => (t.length % 11 === 0 ? `<blockquote><p>${t}</p></blockquote>\n<p>` : m));
    total += countWords(html);
    await db.insertInto('chapters').values({
      work_id: work.id, position: i + 1, title: `Part ${i + 1}`, summary: '', notes: '', end_notes: '', body: html, word_count: share,
      status: 'posted', published_at: now, created_at: now, updated_at: now,
    }).execute();
  }

  const downloads = downloadsService(db, 'http://localhost:3000', new PageCache(256 * 1024 * 1024));
  const time = async () => {
    const t0 = process.hrtime.bigint();
    const file = await downloads.download(GUEST, work.id, 'epub');
    if (!file) throw new Error('no EPUB');
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, bytes: file.bytes.length };
  };
  const cold = await time();
  const cached: number[] = [];
  for (let i = 0; i < repeats; i++) cached.push((await time()).ms);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const cachedMedian = median(cached);
  await database.close();

  const quire = await startQuire({ dataDir: dir });
  const url = `${quire.baseUrl}/downloads/${work.id}/a-very-long-work.epub`;
  const fetchMs = async () => {
    const t0 = process.hrtime.bigint();
    const res = await get(url);
    if (res.status !== 200 || res.headers.get('content-type') !== 'application/epub+zip') throw new Error(`GET ${url}: ${res.status} ${res.headers.get('content-type')}`);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const httpCold = await fetchMs();
  const httpCached: number[] = [];
  for (let i = 0; i < repeats; i++) httpCached.push(await fetchMs());
  await quire.stop();
  const r = (n: number) => Math.round(n * 100) / 100;
  console.log(`work: ${total.toLocaleString('en')} words in ${chapterCount} chapters; EPUB ${(cold.bytes / 1e6).toFixed(2)} MB`);
  console.log(`cold (made from the database)   ${r(cold.ms)} ms`);
  console.log(`cached (median of ${repeats})          ${r(cachedMedian)} ms`);
  console.log(`over HTTP, first download      ${r(httpCold)} ms`);
  console.log(`over HTTP, cached (median of ${repeats}) ${r(median(httpCached))} ms`);
  console.log(JSON.stringify({
    bench: 'download', format: 'epub', words: total, chapters: chapterCount, epub_bytes: cold.bytes, cold_ms: r(cold.ms), cached_median_ms: r(cachedMedian),
    http_cold_ms: r(httpCold), http_cached_median_ms: r(median(httpCached)),
  }));
} finally {
  await database.close().catch(() => {});
  await cleanup();
  rmSync(dir, { recursive: true, force: true });
}
