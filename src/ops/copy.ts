import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { archiveRows } from './archiveRows.js';
import { loadArchive, type LoadProgress, type LoadReport, type RowSource } from './load.js';
import { anyDb, countRows, tablesOf, type Table } from './tables.js';

/** Moving an archive between databases (SQLite ⇄ PostgreSQL, or server to server). */

export type CopyRefusal = { ok: false; reason: string };

export async function copyArchive(source: Database, target: Database, onProgress: LoadProgress = () => {}): Promise<{ ok: true; report: LoadReport } | CopyRefusal> {
  await migrateToLatest(source.db);
  await migrateToLatest(target.db);
  const held = await archiveRows(target);
  if (held > 0) return { ok: false, reason: `The target already holds an archive (${held} users and works); Quire copies only into an empty one.` };
  return { ok: true, report: await loadArchive(target, databaseRows(anyDb(source), await tablesOf(source)), onProgress) };
}

/** Tables of a database as a RowSource, read in pages (through `db`, which may be a transaction). */
export function databaseRows(db: Kysely<any>, tables: Table[]): RowSource {
  const columns = new Map(tables.map((t) => [t.name, t.columns]));
  return {
    columns: (table) => columns.get(table),
    count: (table) => countRows(db, table),
    async *rows(table, columns, batch) {
      const order = columns.map((_, i) => sql.raw(String(i + 1)));
      for (let offset = 0; ; offset += batch) {
        // Ordered by every column: rows are distinct, so the order is total and pages never overlap.
        const rows = await db.selectFrom(table).select(columns).orderBy(sql.join(order)).limit(batch).offset(offset).execute();
        if (rows.length === 0) return;
        yield rows;
      }
    },
  };
}
