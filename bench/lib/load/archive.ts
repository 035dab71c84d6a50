/**
 * The archive a load run uses: the generated corpus (made on first use, its full-text index
 * filled once), copied to a temp dir so the run's writes never pile up in the corpus itself.
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

async function searchIndexIsEmpty(dbFile: string): Promise<boolean> {
  const database = connect(`sqlite:${dbFile}`);
  try {
    const r = await sql<{ rowid: number }>`select rowid from work_search limit 1`.execute(database.db);
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
  if (await searchIndexIsEmpty(dbFile)) {
    log('filling the full-text index once (quire reindex), for the text searches');
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: corpusDir, LOG_LEVEL: 'warn' };
    // This corpus, whatever the outer shell points at (vitest sets BASE_URL to '/').
    delete env.DATABASE_URL;
    delete env.BASE_URL;
    await tsx(['src/main.ts', 'reindex'], env, 3 * 3_600_000);
  }
  const dir = await tempDir('quire-load-');
  for (const suffix of ['', '-wal']) {
    if (existsSync(dbFile + suffix)) await copyFile(dbFile + suffix, path.join(dir, `quire.db${suffix}`));
  }
  return dir;
}
