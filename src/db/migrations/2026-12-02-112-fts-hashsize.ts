import { PostgresAdapter, sql, type Kysely } from 'kysely';

// FTS5 gathers a transaction's new words in memory and writes them out as a segment each time
// they pass `hashsize` (1 MB by default), so a batch of long works makes many small segments to
// merge. 16 MB cut `quire reindex` time by about a fifth (bench/RESULTS.md); a transaction of
// one work never comes near it, so the server holds no more memory than before.
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`insert into work_search (work_search, rank) values ('hashsize', ${sql.lit(16 * 1024 * 1024)})`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`insert into work_search (work_search, rank) values ('hashsize', ${sql.lit(1024 * 1024)})`.execute(db);
}
