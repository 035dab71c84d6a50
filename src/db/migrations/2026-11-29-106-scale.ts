import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Rate-limit counters shared by every app process (when there is no Redis): one row per
  // limiter, key and fixed window; rows past their window are swept.
  await db.schema.createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limits_expires').on('rate_limits').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
}
