import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/connect.js';
import { reindexWorks } from './reindex.js';
import { anyDb, countRows, dependencyOrder, foreignKeysOf, tablesOf, type Table } from './tables.js';

/**
 * Filling an empty archive from elsewhere: another database (`quire copy`) or an exported
 * directory (`quire import-archive`). Both give their rows through a RowSource; the load is one
 * transaction on the target, parents first, checked row for row, and the search index is
 * rebuilt from the works afterwards.
 */

export type Row = Record<string, unknown>;

export interface RowSource {
  /** The columns the source holds for a table; undefined when it holds no such table. */
  columns(table: string): string[] | undefined;
  count(table: string): Promise<number>;
  /** Every row of a table, with the given columns, in batches of at most `batch`. */
  rows(table: string, columns: string[], batch: number): AsyncIterable<Row[]>;
}

export type LoadProgress = (table: string, done: number, total: number) => void;
export type LoadReport = { tables: { table: string; rows: number }[]; indexedWorks: number };

export async function loadArchive(target: Database, source: RowSource, onProgress: LoadProgress = () => {}): Promise<LoadReport> {
  const targetTables = (await tablesOf(target)).filter((t) => source.columns(t.name));
  const order = dependencyOrder(targetTables, await foreignKeysOf(target));
  const totals = new Map<string, number>();
  for (const { table } of order) totals.set(table.name, await source.count(table.name));

  await anyDb(target).transaction().execute(async (trx) => {
    // Rows the target's migrations seeded (ratings, warnings…) give way to the source's own.
    for (const { table } of [...order].reverse()) await trx.deleteFrom(table.name).execute();
    for (const { table, deferred } of order) {
      const held = source.columns(table.name)!;
      const columns = table.columns.filter((c) => held.includes(c));
      await loadTable(source, trx, table.name, columns, deferred, totals.get(table.name)!, onProgress);
    }
    if (target.dialect === 'postgres') await resetSequences(trx, order.map((o) => o.table));
  });

  const tables: LoadReport['tables'] = [];
  for (const { table } of order) {
    const [from, to] = [totals.get(table.name)!, await countRows(anyDb(target), table.name)];
    if (from !== to) throw new Error(`Check failed: ${table.name} has ${from} rows in the source but ${to} in the target.`);
    tables.push({ table: table.name, rows: to });
  }
  const indexedWorks = await reindexWorks(target, (done, total) => onProgress('full-text index', done, total));
  return { tables, indexedWorks };
}

async function loadTable(source: RowSource, to: Kysely<any>, table: string, columns: string[], deferred: string[], total: number, onProgress: LoadProgress) {
  // Bounded by both dialects' parameter limits, and kept small: chapters can be large.
  const batch = Math.max(1, Math.min(200, Math.floor(30_000 / columns.length)));
  let done = 0;
  onProgress(table, 0, total);
  for await (const rows of source.rows(table, columns, batch)) {
    // A column pointing at a row not written yet is filled in once the whole table is there.
    const values = deferred.length ? rows.map((r) => ({ ...r, ...Object.fromEntries(deferred.map((c) => [c, null])) })) : rows;
    await to.insertInto(table).values(values).execute();
    done += rows.length;
    onProgress(table, done, total);
  }
  if (deferred.length === 0) return;
  const keys = columns.includes('id') ? ['id'] : columns.filter((c) => !deferred.includes(c));
  for await (const rows of source.rows(table, [...keys, ...deferred], batch)) {
    for (const row of rows) {
      if (deferred.every((c) => row[c] === null)) continue;
      let update = to.updateTable(table).set(Object.fromEntries(deferred.map((c) => [c, row[c]])));
      for (const k of keys) update = update.where(k, '=', row[k]);
      await update.execute();
    }
  }
}

/** Ids were written as they were: each serial's next value must come after the largest. */
async function resetSequences(trx: Kysely<any>, tables: Table[]) {
  for (const t of tables) {
    if (!t.columns.includes('id')) continue;
    const { rows } = await sql<{ seq: string | null }>`select pg_get_serial_sequence(${t.name}, 'id') as seq`.execute(trx);
    const seq = rows[0]?.seq;
    if (seq) await sql`select setval(${seq}, coalesce(max(id), 0) + 1, false) from ${sql.table(t.name)}`.execute(trx);
  }
}
