import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWork, user, type User } from '../../responses/testKit.js';
import { testArchive, type TestArchive } from '../../testing/testApp.js';
import { logCountsChange } from '../changeLog.js';
import { NO_FILTER, type SortKey, type WorkListQuery } from '../workIndex.js';

// Kept listing answers: reused until a change that could alter them, and only until then.

let archive: TestArchive;
let writer: { viewer: User; pseudId: number };

const post = (title: string, fandom: string) => postWork(archive, writer, { title, fandoms: fandom, freeforms: '', relationships: '', characters: '' });

async function inFandom(name: string, sort: SortKey = 'revised_at'): Promise<WorkListQuery> {
  const tag = (await archive.services.tags.findByName(name))!;
  return { scope: { kind: 'tag', tagId: tag.id }, visibility: { includeRestricted: false }, filter: NO_FILTER, sort, page: 1, perPage: 20, facetSize: 10 };
}
const everything: WorkListQuery = { scope: { kind: 'all' }, visibility: { includeRestricted: false }, filter: NO_FILTER, sort: 'revised_at', page: 1, perPage: 20, facetSize: 10 };

beforeAll(async () => {
  archive = await testArchive();
  writer = await user(archive, 'cachewatcher');
});
afterAll(async () => { await archive.close(); });

describe('kept listing answers', () => {
  it('outlive changes to works outside their scope, and not changes inside it', async () => {
    const index = archive.services.index;
    const first = await post('Orchard One', 'Orchard Keepers');
    await post('Harbour One', 'Harbour Watch');
    const orchard = await inFandom('Orchard Keepers');
    const kept = await index.list(orchard);
    expect(kept.ids).toEqual([first]);
    expect(await index.list(orchard)).toBe(kept);
    const all = await index.list(everything);

    await post('Harbour Two', 'Harbour Watch');
    expect(await index.list(orchard)).toBe(kept);
    const allAfter = await index.list(everything);
    expect(allAfter).not.toBe(all);
    expect(allAfter.total).toBe(all.total + 1);

    const second = await post('Orchard Two', 'Orchard Keepers');
    const fresh = await index.list(orchard);
    expect(fresh.ids).toEqual([second, first]);
    expect(fresh.facets.fandom?.[0]).toMatchObject({ name: 'Orchard Keepers', count: 2 });
  });

  it('outlive count changes unless sorted by a count of a work in scope', async () => {
    const index = archive.services.index;
    const older = await post('Meadow Old', 'Meadow Walkers');
    const newer = await post('Meadow New', 'Meadow Walkers');
    const byDate = await index.list(await inFandom('Meadow Walkers'));
    const byKudos = await index.list(await inFandom('Meadow Walkers', 'kudos_count'));
    expect(byKudos.ids).toEqual([newer, older]);

    const db = archive.services.database.db;
    await db.updateTable('works').set({ kudos_count: 5 }).where('id', '=', older).execute();
    await logCountsChange(db, [older]);
    await index.sync();
    expect(await index.list(await inFandom('Meadow Walkers'))).toBe(byDate);
    expect((await index.list(await inFandom('Meadow Walkers', 'kudos_count'))).ids).toEqual([older, newer]);
  });

  it('keep sidebar counts across sorts and count changes, and count again when a work in scope changes', async () => {
    const index = archive.services.index;
    const db = archive.services.database.db;
    const one = await post('Fen One', 'Fen Folk');
    await post('Fen Two', 'Fen Folk');
    const byDate = await index.list(await inFandom('Fen Folk'));
    const byKudos = await index.list(await inFandom('Fen Folk', 'kudos_count'));
    expect(byKudos.facets).toBe(byDate.facets);
    expect(byKudos.facets.fandom?.[0]).toMatchObject({ name: 'Fen Folk', count: 2 });

    await db.updateTable('works').set({ kudos_count: 3 }).where('id', '=', one).execute();
    await logCountsChange(db, [one]);
    await index.sync();
    const reordered = await index.list(await inFandom('Fen Folk', 'kudos_count'));
    expect(reordered).not.toBe(byKudos);
    expect(reordered.ids[0]).toBe(one);
    expect(reordered.facets).toBe(byDate.facets);

    await post('Fen Three', 'Fen Folk');
    const after = await index.list(await inFandom('Fen Folk', 'kudos_count'));
    expect(after.facets).not.toBe(byDate.facets);
    expect(after.facets.fandom?.[0]).toMatchObject({ name: 'Fen Folk', count: 3 });
  });

  it('are all dropped when wrangling changes what tags stand for', async () => {
    const index = archive.services.index;
    await post('Glade One', 'Glade Dwellers');
    const glade = await inFandom('Glade Dwellers');
    const kept = await index.list(glade);
    await index.tagsChanged();
    const again = await index.list(glade);
    expect(again).not.toBe(kept);
    expect(again.ids).toEqual(kept.ids);
  });
});
