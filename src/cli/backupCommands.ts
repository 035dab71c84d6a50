import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { backupArchive, restoreArchive } from '../ops/backup.js';
import { UsageError } from './usage.js';

/** `quire backup FILE`: a consistent copy of DATABASE_URL's archive, taken while it serves. */
export async function backupCommand(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('Name one file to write the backup to: quire backup FILE');
  const kind = await backupArchive(loadConfig().databaseUrl, file);
  process.stdout.write(`Backed up the archive to ${file} (${kind === 'sqlite' ? 'SQLite online backup' : 'pg_dump custom format'}).\n`);
  return 0;
}

/** `quire restore FILE [--force]`: a backup into DATABASE_URL, which must be empty unless forced. */
export async function restoreCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean' } } });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('Name the backup file to restore: quire restore FILE [--force]');
  const outcome = await restoreArchive(loadConfig().databaseUrl, file, { force: values.force });
  if (!outcome.ok) {
    process.stderr.write(`quire: ${outcome.reason}\n`);
    return 1;
  }
  process.stdout.write(`Restored the archive from ${file}.\n`);
  return 0;
}
