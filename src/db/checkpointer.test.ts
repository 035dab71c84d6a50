import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Database } from './connect.js';

const dirs: string[] = [];
const opened: Database[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function fillWal(database: Database) {
  await sql`create table notes (body text)`.execute(database.db);
  // ~4 MB through the WAL: 1,000 pages' worth, the point where a commit would checkpoint.
  for (let i = 0; i < 40; i++) await sql`insert into notes (body) select ${'x'.repeat(100_000)}`.execute(database.db);
}

const open = (options: Parameters<typeof connect>[1]) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-checkpoint-'));
  dirs.push(dir);
  const file = path.join(dir, 'quire.db');
  const database = connect(`sqlite:${file}`, options);
  opened.push(database);
  return { database, file };
};

describe('SQLite checkpoints for the server', () => {
  it('are taken by a worker thread, not inside commits, and the WAL still goes back into the file', async () => {
    const { database, file } = open({ backgroundCheckpoints: true });
    const pragma = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(database.db);
    expect(pragma.rows[0]?.wal_autocheckpoint).toBe(0);
    await fillWal(database);
    const deadline = Date.now() + 10_000;
    while (fs.statSync(file).size < 4_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(fs.statSync(file).size).toBeGreaterThan(4_000_000);
    const rows = await sql<{ n: number }>`select count(*) as n from notes`.execute(database.db);
    expect(rows.rows[0]?.n).toBe(40);
  });

  it('are left to SQLite for commands (no worker)', async () => {
    const { database } = open({});
    const pragma = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(database.db);
    expect(pragma.rows[0]?.wal_autocheckpoint).toBe(1000);
  });
});
