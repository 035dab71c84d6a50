import { PostgresAdapter, sql, type Kysely } from 'kysely';

// PostgreSQL checks phrases in passages of a work's chapter text and in its head (title,
// creators, tags, summary), and ranks by the head, instead of reading one tsvector of the whole
// work back for each (src/search/text/postgresDocument.ts). Works indexed before keep being
// found through `doc` until `quire reindex` files them again.
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await db.schema.alterTable('work_search').addColumn('head', sql`tsvector`).execute();
  await sql`create index work_search_head on work_search using gin (head)`.execute(db);
  await db.schema.createTable('work_search_passages')
    .addColumn('work_id', 'integer', (c) => c.notNull().references('work_search.work_id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('body', sql`tsvector`, (c) => c.notNull())
    .addPrimaryKeyConstraint('work_search_passages_pk', ['work_id', 'seq'])
    .execute();
  await sql`create index work_search_passages_body on work_search_passages using gin (body)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await db.schema.dropTable('work_search_passages').execute();
  await db.schema.alterTable('work_search').dropColumn('head').execute();
}
