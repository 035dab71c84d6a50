import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../search/query.js';
import { TestClient, testArchive, workFields, type TestArchive } from '../testing/testApp.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

let archive: TestArchive;
beforeAll(async () => {
  archive = await testArchive();
  const writer = await new TestClient(archive.app).signUp('reindexer');
  const user = (await archive.services.accounts.findUser('reindexer'))!;
  const pseud = (await archive.services.accounts.pseudsOf(user.id))[0]!;
  await writer.post('/works', workFields({ text: 'The lighthouse keeper counted every gull twice.' }, pseud.id));
});
afterAll(async () => { await archive.close(); });

const found = async (q: string) => {
  const parsed = parseQuery(q);
  if (!parsed.ok) throw new Error(parsed.message);
  return Array.from((await archive.services.textSearch.match(parsed.query)).ids).length;
};

describe('quire reindex', () => {
  it('rebuilds the full-text index of every work', async () => {
    expect(await found('lighthouse')).toBe(1);
    const db = archive.services.database.db;
    await sql`delete from work_search`.execute(db);
    expect(await found('lighthouse')).toBe(0);
    const { stdout } = await run(process.execPath, ['bin/quire.js', 'reindex'], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: archive.services.config.databaseUrl, LOG_LEVEL: 'silent' },
    });
    expect(stdout).toMatch(/Indexed 1 works in/);
    expect(await found('lighthouse')).toBe(1);
    expect(await found('"counted every gull"')).toBe(1);
  });
});
