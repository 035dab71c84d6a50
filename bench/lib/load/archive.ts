/**
 * The archive a load run uses: the generated corpus (made on first use, its full-text index
 * filled once), copied so the run's writes never pile up in the corpus itself: to a temp dir
 * (SQLite), or to a new database made from the corpus's as a template (PostgreSQL).
 */
import { existsSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { connect } from '../../../src/db/connect.js';
import { run, tempDir } from '../processes.js';
import { ROOT } from '../quire.js';

const log = (line: string) => process.stderr.write(`load: ${line}\n`);

async function tsx(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number) {
  const t0 = performance.now();
  const r = await run(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env, timeoutMs });
  if (r.code !== 0) throw new Error(`${args.join(' ')} failed (exit ${r.code}):\n${r.stderr.slice(-4000)}`);
  log(`${args.slice(0, 2).join(' ')} took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return r;
}

async function searchIndexIsEmpty(url: string): Promise<boolean> {
  const database = connect(url);
  try {
    const r = await sql`select 1 from work_search limit 1`.execute(database.db);
    return r.rows.length === 0;
  } finally {
    await database.close();
  }
}

/** The corpus in `corpusDir` (generating `works` works there if it has none), copied to a temp dir. */
export async function prepareArchive(corpusDir: string, works: number): Promise<string> {
  const dbFile = path.join(corpusDir, 'quire.db');
  if (!existsSync(dbFile)) {
    log(`no corpus in ${corpusDir}: generating ${works.toLocaleString('en')} works`);
    await tsx(['bench/corpus.ts', '--works', String(works), '--data-dir', corpusDir], process.env, 3 * 3_600_000);
  }
  await fillSearchIndex(`sqlite:${dbFile}`, corpusDir);
  const dir = await tempDir('quire-load-');
  for (const suffix of ['', '-wal']) {
    if (existsSync(dbFile + suffix)) await copyFile(dbFile + suffix, path.join(dir, `quire.db${suffix}`));
  }
  return dir;
}

async function fillSearchIndex(url: string, dataDir: string) {
  if (!(await searchIndexIsEmpty(url))) return;
  log('filling the full-text index once (quire reindex), for the text searches');
  // This corpus, whatever the outer shell points at (vitest sets BASE_URL to '/').
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: url, LOG_LEVEL: 'warn' };
  delete env.BASE_URL;
  await tsx(['src/main.ts', 'reindex'], env, 3 * 3_600_000);
}

async function countWorks(url: string): Promise<number> {
  const database = connect(url);
  try {
    return Number((await database.db.selectFrom('works').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  } catch {
    return 0; // no tables yet: an empty database
  } finally {
    await database.close();
  }
}

/** Runs one statement in the server's `postgres` database (creating and dropping databases). */
async function onServer(url: string, statement: string) {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const database = connect(admin.toString());
  try {
    await sql.raw(statement).execute(database.db);
  } finally {
    await database.close();
  }
}

/**
 * The corpus in the PostgreSQL database at `corpusUrl` (generating `works` works there if it
 * has none; the database must exist), copied into a new database of its own for this run.
 */
export async function preparePostgresArchive(corpusUrl: string, works: number): Promise<{ url: string; drop: () => Promise<void> }> {
  if ((await countWorks(corpusUrl)) === 0) {
    log(`no corpus in ${corpusUrl}: generating ${works.toLocaleString('en')} works`);
    await tsx(['bench/corpus.ts', '--works', String(works), '--database-url', corpusUrl], process.env, 3 * 3_600_000);
  }
  const dataDir = await tempDir('quire-load-');
  await fillSearchIndex(corpusUrl, dataDir);
  const corpus = new URL(corpusUrl);
  const source = decodeURIComponent(corpus.pathname.slice(1));
  const copy = `${source}_run_${process.pid}`;
  const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
  // A file-level copy: the corpus stays as it was generated, run after run.
  await onServer(corpusUrl, `create database ${quoted(copy)} template ${quoted(source)}`);
  corpus.pathname = `/${encodeURIComponent(copy)}`;
  return { url: corpus.toString(), drop: () => onServer(corpusUrl, `drop database if exists ${quoted(copy)} with (force)`) };
}
