import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/connect.js';

/**
 * The archive's tables as the database itself describes them, so that copy, export and import
 * take in tables added by later migrations without changes here.
 */

/** Never moved between archives: the migration history (each database has its own), the
 * full-text index (rebuilt from the works afterwards), and rate-limit counters (short-lived). */
const SKIPPED = /^(kysely_migration.*|work_search.*|rate_limits|sqlite_.*)$/;

export type Table = { name: string; columns: string[]; nullable: Set<string> };
export type ForeignKey = { table: string; column: string; references: string };

export const anyDb = (d: Database) => d.db as unknown as Kysely<any>;

export async function countRows(db: Kysely<any>, table: string): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function tablesOf(database: Database): Promise<Table[]> {
  const db = anyDb(database);
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

export async function foreignKeysOf(database: Database): Promise<ForeignKey[]> {
  const db = anyDb(database);
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

export type OrderedTable = { table: Table; deferred: string[] };

/**
 * Parents before children. A foreign key that cannot be honoured by the order (a table pointing
 * at itself, or a cycle) is deferred: its column is written as null, then filled in.
 */
export function dependencyOrder(tables: Table[], keys: ForeignKey[]): OrderedTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const order: OrderedTable[] = [];
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
