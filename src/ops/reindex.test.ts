import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connect } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { documentWriter } from '../search/text/index.js';
import { p, useTextSearch } from '../search/text/textSearchTestKit.js';
import { testDialect } from '../testing/testDatabase.js';
import { prepareBatch, reindexWorks, writeBatch } from './reindex.js';

const kit = useTextSearch();
const { found, work } = kit;

describe('reindexing every work', () => {
  it('rebuilds the index, its batches made on a worker thread with a connection of its own', async () => {
    const id = await work({ title: 'Rebuilt', chapters: [p('The cormorant dived.')] });
    await sql`delete from work_search`.execute(kit.database.db);
    expect(await found('cormorant')).toEqual([]);
    const seen: number[] = [];
    const done = await reindexWorks(kit.database, (n) => seen.push(n));
    expect(done).toBeGreaterThanOrEqual(1);
    expect(seen.at(-1)).toBe(done);
    expect(await found('"the cormorant dived"')).toEqual([id]);
  });

  it.skipIf(testDialect !== 'postgres')('on PostgreSQL, leaves no entries in GIN\'s pending list for searches to scan', async () => {
    const { db } = kit.database;
    for (let i = 0; i < 3; i++) await work({ title: `Pending ${i}`, chapters: [p(`The gannet number ${i} circled.`)] });
    await reindexWorks(kit.database);
    // What the settling merged is gone: merging again finds nothing.
    const { rows } = await sql<{ pages: number }>`select gin_clean_pending_list('work_search_doc'::regclass) as pages`.execute(db);
    expect(Number(rows[0]!.pages)).toBe(0);
    expect((await found('gannet')).length).toBe(3);
  });

  it('never files a text older than the work: works changed or deleted after their batch was made are made again', async () => {
    const edited = await work({ title: 'Keeper', chapters: [p('The lighthouse hums.')] });
    const deleted = await work({ title: 'Gone', chapters: [p('The albatross soars.')] });
    const { db } = kit.database;
    const documents = documentWriter(kit.database.dialect);
    const batch = (await prepareBatch(db, documents, edited - 1))!;
    expect(batch.ids).toEqual(expect.arrayContaining([edited, deleted]));

    // Meanwhile the server edits one work (a new version, indexed in its own transaction) and deletes the other.
    await db.updateTable('chapters').set({ body: p('The windmill hums.') }).where('work_id', '=', edited).execute();
    await db.updateTable('works').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', edited).execute();
    await kit.reindex(edited);
    await db.deleteFrom('chapters').where('work_id', '=', deleted).execute();
    await db.deleteFrom('creatorships').where('work_id', '=', deleted).execute();
    await db.deleteFrom('works').where('id', '=', deleted).execute();
    await kit.reindex(deleted);

    await db.transaction().execute((trx) => writeBatch(trx, documents, batch));
    expect(await found('windmill')).toEqual([edited]);
    expect(await found('lighthouse')).toEqual([]);
    expect(await found('albatross')).toEqual([]);
  });
});

describe('reindexing a database no other connection can open (SQLite in memory)', () => {
  const memory = useTextSearch(async () => {
    const database = connect('sqlite::memory:');
    await migrateToLatest(database.db);
    return database;
  });

  it('makes its batches in turn, on its own connection', async () => {
    const id = await memory.work({ title: 'Remembered', chapters: [p('The puffin nests.')] });
    await sql`delete from work_search`.execute(memory.database.db);
    expect(await reindexWorks(memory.database)).toBe(1);
    expect(await memory.found('puffin')).toEqual([id]);
  });
});
