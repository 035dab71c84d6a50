import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { connect } from '../db/connect.js';
import { exportArchive } from '../ops/exportArchive.js';
import { importArchive } from '../ops/importArchive.js';
import { tableProgress } from './progress.js';
import { UsageError } from './usage.js';

/** `quire export DIR [--with-passwords]`: DATABASE_URL's archive as JSON Lines, while it serves. */
export async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'with-passwords': { type: 'boolean' } } });
  const [dir] = positionals;
  if (!dir || positionals.length > 1) throw new UsageError('Name one new directory to export into: quire export DIR [--with-passwords]');
  const database = connect(loadConfig().databaseUrl);
  try {
    const outcome = await exportArchive(database, dir, { withPasswords: values['with-passwords'] }, tableProgress());
    if (!outcome.ok) {
      process.stderr.write(`quire: ${outcome.reason}\n`);
      return 1;
    }
    const rows = outcome.manifest.tables.reduce((n, t) => n + t.rows, 0);
    const secrets = outcome.manifest.passwords ? 'with password hashes and two-factor secrets' : 'without passwords (users set new ones by "Forgot your password?")';
    process.stdout.write(`Exported ${rows} rows of ${outcome.manifest.tables.length} tables to ${dir}, ${secrets}.\n`);
    return 0;
  } finally {
    await database.close();
  }
}

/** `quire import-archive DIR`: an export into DATABASE_URL, which must hold no archive yet. */
export async function importArchiveCommand(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [dir] = positionals;
  if (!dir || positionals.length > 1) throw new UsageError('Name the directory `quire export` wrote: quire import-archive DIR');
  const database = connect(loadConfig().databaseUrl);
  try {
    const outcome = await importArchive(database, dir, tableProgress());
    if (!outcome.ok) {
      process.stderr.write(`quire: ${outcome.reason}\n`);
      return 1;
    }
    const rows = outcome.report.tables.reduce((n, t) => n + t.rows, 0);
    process.stdout.write(`Imported ${rows} rows of ${outcome.report.tables.length} tables from ${dir}; every count matches. Indexed ${outcome.report.indexedWorks} works for search.\n`);
    return 0;
  } finally {
    await database.close();
  }
}
