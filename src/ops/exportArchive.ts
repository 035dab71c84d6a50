import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/connect.js';
import { MIGRATION_NAMES, migrateToLatest } from '../db/migrate.js';
import { databaseRows } from './copy.js';
import type { LoadProgress, RowSource } from './load.js';
import { anyDb, dependencyOrder, foreignKeysOf, tablesOf } from './tables.js';
import {
  ARCHIVE_FORMAT, ARCHIVE_VERSION, MANIFEST, NEVER_EXPORTED, SIGN_IN_SECRETS, neverExported,
  isCellValue, tableFile, type Manifest,
} from './archiveFormat.js';

export type ExportRefusal = { ok: false; reason: string };

/**
 * Writes the whole archive into DIR (new or empty) as JSON Lines, from one consistent snapshot
 * of the database, so it may run while the archive serves.
 */
export async function exportArchive(database: Database, dir: string, options: { withPasswords?: boolean } = {}, onProgress: LoadProgress = () => {}): Promise<{ ok: true; manifest: Manifest } | ExportRefusal> {
  if (fs.existsSync(dir) && (!fs.statSync(dir).isDirectory() || fs.readdirSync(dir).length > 0)) {
    return { ok: false, reason: `${dir} is not an empty directory; name a new one so no earlier export is mixed into this one.` };
  }
  await migrateToLatest(database.db);
  const withPasswords = options.withPasswords ?? false;
  const tables = (await tablesOf(database)).filter((t) => !NEVER_EXPORTED.has(t.name) && (withPasswords || !SIGN_IN_SECRETS.tables.has(t.name)));
  const order = dependencyOrder(tables, await foreignKeysOf(database));
  fs.mkdirSync(dir, { recursive: true });

  const snapshot = anyDb(database).transaction();
  const listed = await (database.dialect === 'postgres' ? snapshot.setIsolationLevel('repeatable read') : snapshot).execute(async (trx) => {
    const rows = databaseRows(trx, order.map((o) => o.table));
    const written: Manifest['tables'] = [];
    for (const { table } of order) {
      const left = withPasswords ? [] : SIGN_IN_SECRETS.columns[table.name] ?? [];
      const columns = table.columns.filter((c) => !left.includes(c));
      written.push(await writeTable(rows, dir, table.name, columns, onProgress));
    }
    return written;
  });

  const manifest: Manifest = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exported_at: new Date().toISOString(),
    migration: MIGRATION_NAMES.at(-1)!,
    passwords: withPasswords,
    tables: listed,
  };
  fs.writeFileSync(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return { ok: true, manifest };
}

async function writeTable(source: RowSource, dir: string, table: string, columns: string[], onProgress: LoadProgress): Promise<Manifest['tables'][number]> {
  const total = await source.count(table);
  const hash = createHash('sha256');
  const file = await fs.promises.open(path.join(dir, tableFile(table)), 'wx');
  let rows = 0;
  onProgress(table, 0, total);
  try {
    for await (const batch of source.rows(table, columns, 500)) {
      let text = '';
      for (const row of batch) {
        if (neverExported(table, row)) continue;
        for (const c of columns) {
          if (!isCellValue(row[c])) throw new Error(`${table}.${c} holds a value JSON cannot carry as it is (${typeof row[c]}).`);
        }
        text += `${JSON.stringify(row)}\n`;
        rows++;
      }
      hash.update(text);
      await file.write(text);
      onProgress(table, rows, total);
    }
  } finally {
    await file.close();
  }
  return { name: table, rows, columns, sha256: hash.digest('hex') };
}
