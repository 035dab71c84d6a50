import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, withSearchPath, type Database } from '../db/connect.js';
import { TestClient, testArchive, workFields, type TestArchive } from '../testing/testApp.js';
import { TEST_PG_URL, testDialect } from '../testing/testDatabase.js';
import { tablesOf } from './tables.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const quire = (url: string, ...args: string[]) =>
  run(process.execPath, ['bin/quire.js', ...args], { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'silent', DATABASE_URL: url } });
const failure = (p: Promise<unknown>) => p.then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => e);

let archive: TestArchive;
let dir: string;
let targetUrl: string;
let dropTarget = async () => {};
beforeAll(async () => {
  archive = await testArchive();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-backup-'));
  const writer = await new TestClient(archive.app).signUp('simon', 'daylighter');
  const pseud = (await archive.services.accounts.pseudsOf((await archive.services.accounts.findUser('simon'))!.id))[0]!.id;
  for (const title of ['First', 'Second', 'Third']) await writer.post('/works', workFields({ title }, pseud));
  if (testDialect === 'sqlite') {
    targetUrl = `sqlite:${path.join(dir, 'restored.db')}`;
  } else {
    // A database of its own, holding the archive's schema under the same name.
    const name = `r_${randomBytes(5).toString('hex')}`;
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(archive.services.database.db)).rows[0]!.s;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const base = new URL(TEST_PG_URL);
    base.pathname = `/${name}`;
    targetUrl = withSearchPath(base.toString(), schema);
    dropTarget = async () => {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
});
afterAll(async () => {
  await archive.close();
  await dropTarget();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every table's rows, in a total order, for comparing two archives. */
async function contents(database: Database) {
  const out: Record<string, unknown[]> = {};
  for (const t of await tablesOf(database)) {
    const order = t.columns.map((_, i) => sql.raw(String(i + 1)));
    out[t.name] = await (database.db as unknown as Kysely<any>).selectFrom(t.name).selectAll().orderBy(sql.join(order)).execute();
  }
  return out;
}

describe('quire backup and quire restore', () => {
  it('backs up while the archive serves, and the restore holds the same rows', async () => {
    const file = path.join(dir, 'quire.backup');
    // Readers keep reading through the backup.
    const guest = new TestClient(archive.app);
    const [backup] = await Promise.all([quire(archive.services.config.databaseUrl, 'backup', file), guest.get('/works')]);
    expect(backup.stdout).toContain(`Backed up the archive to ${file}`);

    const restore = await quire(targetUrl, 'restore', file);
    expect(restore.stdout).toContain('Restored the archive');
    const restored = connect(targetUrl);
    try {
      const [before, after] = [await contents(archive.services.database), await contents(restored)];
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      expect(after.works).toHaveLength(3);
      expect(after).toEqual(before);
    } finally {
      await restored.close();
    }
  });

  it('refuses to restore over an archive unless forced', async () => {
    const file = path.join(dir, 'quire.backup');
    const refused = await failure(quire(targetUrl, 'restore', file));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already holds an archive');
    expect((await quire(targetUrl, 'restore', file, '--force')).stdout).toContain('Restored');
  });

  it('explains a file that is not a backup, and a missing one', async () => {
    const junk = path.join(dir, 'notes.txt');
    fs.writeFileSync(junk, 'not a backup');
    expect(await failure(quire(targetUrl, 'restore', junk))).toMatchObject({ code: 1, stderr: expect.stringContaining('not a Quire backup') });
    expect(await failure(quire(targetUrl, 'restore', path.join(dir, 'nope')))).toMatchObject({ code: 1, stderr: expect.stringContaining('There is no backup') });
    expect(await failure(quire(targetUrl, 'backup'))).toMatchObject({ code: 2, stderr: expect.stringContaining('quire backup FILE') });
  });
});
