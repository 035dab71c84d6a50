import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import pg from 'pg';
import { connect, type Database } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';

export const testDialect = process.env.QUIRE_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const TEST_PG_URL = process.env.QUIRE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A fresh, migrated database of the dialect under test: a new SQLite file, or a new PostgreSQL
 * schema, so runs (and files within a run) never see each other's rows.
 */
export async function testDatabase(dialect: 'sqlite' | 'postgres' = testDialect): Promise<Database> {
  const name = `t_${process.pid}_${randomBytes(5).toString('hex')}`;
  if (dialect === 'postgres') {
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`create schema ${name}`);
    await admin.end();
    const database = connect(TEST_PG_URL, { schema: name });
    await migrateToLatest(database.db);
    return {
      ...database,
      close: async () => {
        await database.close();
        const dropper = new pg.Client({ connectionString: TEST_PG_URL });
        await dropper.connect();
        await dropper.query(`drop schema ${name} cascade`);
        await dropper.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-test-'));
  const url = `sqlite:${path.join(dir, 'quire.db')}`;
  const database = connect(url);
  await migrateToLatest(database.db);
  return {
    ...database,
    close: async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
