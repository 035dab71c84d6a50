import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { reindexWorks } from './reindex.js';
import { archiveRows } from './archiveRows.js';

/**
 * Moving an archive between databases (SQLite ⇄ PostgreSQL, or server to server). Tables are
 * found by introspection, so tables added by later migrations are copied without changes here;
 * they are copied parents first, in one transaction on the target, and checked row for row.
 */

/** Not copied: the migration history (the target has its own), the full-text index (rebuilt
 * from the works afterwards), and rate-limit counters (short-lived). */
const SKIPPED = /^(kysely_migration.*|work_search.*|rate_limits|sqlite_.*)$/;

export type CopyProgress = (table: string, done: number, total: number) => void;
export type CopyReport = { tables: { table: string; rows: number }[]; indexedWorks: number };
export type CopyRefusal = { ok: false; reason: string };

export type Table = { name: string; columns: string[]; nullable: Set<string> };
type ForeignKey = { table: string; column: string; references: string };

const any = (d: Database) => d.db as unknown as Kysely<any>;

export async function copyArchive(source: Database, target: Database, onProgress: CopyProgress = () => {}): Promise<{ ok: true; report: CopyReport } | CopyRefusal> {
  await migrateToLatest(source.db);
  await migrateToLatest(target.db);
  const held = await archiveRows(target);
  if (held > 0) return { ok: false, reason: `The target already holds an archive (${held} users and works); Quire copies only into an empty one.` };
  const sourceTables = new Map((await tablesOf(source)).map((t) => [t.name, t]));
  const targetTables = (await tablesOf(target)).filter((t) => sourceTables.has(t.name));
  const order = dependencyOrder(targetTables, await foreignKeysOf(target));
  const totals = new Map<string, number>();
  for (const { table } of order) totals.set(table.name, await countRows(source, table.name));

  await any(target).transaction().execute(async (trx) => {
    // Rows the target's migrations seeded (ratings, warnings…) give way to the source's own.
    for (const { table } of [...order].reverse()) await trx.deleteFrom(table.name).execute();
    for (const { table, deferred } of order) {
      const columns = table.columns.filter((c) => sourceTables.get(table.name)!.columns.includes(c));
      await copyTable(any(source), trx, table.name, columns, deferred, totals.get(table.name)!, onProgress);
    }
    if (target.dialect === 'postgres') await resetSequences(trx, order.map((o) => o.table));
  });

  const tables: CopyReport['tables'] = [];
  for (const { table } of order) {
    const [from, to] = [totals.get(table.name)!, await countRows(target, table.name)];
    if (from !== to) throw new Error(`Copy check failed: ${table.name} has ${from} rows in the source but ${to} in the target.`);
    tables.push({ table: table.name, rows: to });
  }
  const indexedWorks = await reindexWorks(target, (done, total) => onProgress('full-text index', done, total));
  return { ok: true, report: { tables, indexedWorks } };
}

async function copyTable(from: Kysely<any>, to: Kysely<any>, table: string, columns: string[], deferred: string[], total: number, onProgress: CopyProgress) {
  // Bounded by both dialects' parameter limits, and kept small: chapters can be large.
  const batch = Math.max(1, Math.min(200, Math.floor(30_000 / columns.length)));
  const order = columns.map((_, i) => sql.raw(String(i + 1)));
  let done = 0;
  onProgress(table, 0, total);
  for (;;) {
    // Ordered by every column: rows are distinct, so the order is total and pages never overlap.
    const rows = await from.selectFrom(table).select(columns).orderBy(sql.join(order)).limit(batch).offset(done).execute();
    if (rows.length === 0) break;
    // A column pointing at a row not copied yet is filled in once the whole table is there.
    const values = deferred.length ? rows.map((r) => ({ ...r, ...Object.fromEntries(deferred.map((c) => [c, null])) })) : rows;
    await to.insertInto(table).values(values).execute();
    done += rows.length;
    onProgress(table, done, total);
  }
  if (deferred.length === 0) return;
  const keys = columns.includes('id') ? ['id'] : columns.filter((c) => !deferred.includes(c));
  for (let offset = 0; ; offset += batch) {
    const rows = await from.selectFrom(table).select([...keys, ...deferred]).orderBy(sql.join(keys.map((_, i) => sql.raw(String(i + 1))))).limit(batch).offset(offset).execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      if (deferred.every((c) => row[c] === null)) continue;
      let update = to.updateTable(table).set(Object.fromEntries(deferred.map((c) => [c, row[c]])));
      for (const k of keys) update = update.where(k, '=', row[k]);
      await update.execute();
    }
  }
}

async function countRows(database: Database, table: string): Promise<number> {
  const row = await any(database).selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function tablesOf(database: Database): Promise<Table[]> {
  const db = any(database);
  let columns: { table: string; column: string; nullable: boolean }[];
  if (database.dialect === 'postgres') {
    // This archive's schema only (the search path's), never other schemas on the server.
    columns = (await sql<{ table: string; column: string; nullable: boolean }>`
      select c.table_name as "table", c.column_name as "column", c.is_nullable = 'YES' as nullable
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`.execute(db)).rows;
  } else {
    columns = (await db.introspection.getTables()).filter((t) => !t.isView)
      .flatMap((t) => t.columns.map((c) => ({ table: t.name, column: c.name, nullable: c.isNullable })));
  }
  const tables = new Map<string, Table>();
  for (const c of columns) {
    if (SKIPPED.test(c.table)) continue;
    let t = tables.get(c.table);
    if (!t) tables.set(c.table, (t = { name: c.table, columns: [], nullable: new Set() }));
    t.columns.push(c.column);
    if (c.nullable) t.nullable.add(c.column);
  }
  return [...tables.values()];
}

async function foreignKeysOf(database: Database): Promise<ForeignKey[]> {
  const db = any(database);
  if (database.dialect === 'sqlite') {
    const names = (await tablesOf(database)).map((t) => t.name);
    const keys: ForeignKey[] = [];
    for (const table of names) {
      const { rows } = await sql<{ table: string; from: string }>`select "table", "from" from pragma_foreign_key_list(${table})`.execute(db);
      for (const r of rows) keys.push({ table, column: r.from, references: r.table });
    }
    return keys;
  }
  const { rows } = await sql<ForeignKey>`
    select cl.relname as "table", a.attname as "column", ref.relname as "references"
    from pg_constraint c
    join pg_class cl on cl.oid = c.conrelid
    join pg_class ref on ref.oid = c.confrelid
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
    where c.contype = 'f' and cl.relnamespace = current_schema()::regnamespace`.execute(db);
  return rows;
}

/**
 * Parents before children. A foreign key that cannot be honoured by the order (a table pointing
 * at itself, or a cycle) is deferred: its column is copied as null, then filled in.
 */
export function dependencyOrder(tables: Table[], keys: ForeignKey[]): { table: Table; deferred: string[] }[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const order: { table: Table; deferred: string[] }[] = [];
  const parents = (t: Table) => keys.filter((k) => k.table === t.name && k.references !== t.name && byName.has(k.references));
  while (order.length < tables.length) {
    const left = tables.filter((t) => !done.has(t.name));
    const ready = left.find((t) => parents(t).every((k) => done.has(k.references)))
      // A cycle: take the table whose missing parents can all be deferred (nullable columns).
      ?? left.find((t) => parents(t).every((k) => done.has(k.references) || t.nullable.has(k.column)));
    if (!ready) throw new Error(`Cannot order tables for copying: ${left.map((t) => t.name).join(', ')} depend on each other through required columns.`);
    const deferred = keys.filter((k) => k.table === ready.name && (k.references === ready.name || (byName.has(k.references) && !done.has(k.references)))).map((k) => k.column);
    for (const c of deferred) if (!ready.nullable.has(c)) throw new Error(`Cannot copy ${ready.name}: ${c} refers to its own table and may not be empty.`);
    order.push({ table: ready, deferred: [...new Set(deferred)] });
    done.add(ready.name);
  }
  return order;
}

/** Ids were copied as they were: each serial's next value must come after the largest. */
async function resetSequences(trx: Kysely<any>, tables: Table[]) {
  for (const t of tables) {
    if (!t.columns.includes('id')) continue;
    const { rows } = await sql<{ seq: string | null }>`select pg_get_serial_sequence(${t.name}, 'id') as seq`.execute(trx);
    const seq = rows[0]?.seq;
    if (seq) await sql`select setval(${seq}, coalesce(max(id), 0) + 1, false) from ${sql.table(t.name)}`.execute(trx);
  }
}
