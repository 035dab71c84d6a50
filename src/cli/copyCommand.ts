import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { connect } from '../db/connect.js';
import { copyArchive } from '../ops/copy.js';
import { tableProgress } from './progress.js';
import { UsageError } from './usage.js';

/** `quire copy [--from URL] --to URL`: the whole archive into an empty database. */
export async function copyCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, to: { type: 'string' } } });
  if (!values.to) throw new UsageError('Say where to copy the archive with --to URL (sqlite:FILE or postgres://...).');
  const fromUrl = values.from ?? loadConfig().databaseUrl;
  if (fromUrl === values.to) throw new UsageError('--from and --to name the same database.');
  const [source, target] = [connect(fromUrl), connect(values.to)];
  try {
    const outcome = await copyArchive(source, target, tableProgress());
    if (!outcome.ok) {
      process.stderr.write(`quire: ${outcome.reason}\n`);
      return 1;
    }
    const rows = outcome.report.tables.reduce((n, t) => n + t.rows, 0);
    process.stdout.write(`Copied ${rows} rows in ${outcome.report.tables.length} tables; every count matches. Indexed ${outcome.report.indexedWorks} works for search.\n`);
    return 0;
  } finally {
    await source.close();
    await target.close();
  }
}
