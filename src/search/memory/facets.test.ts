import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUEST } from '../../policy/viewer.js';
import { postWork, user, type User } from '../../responses/testKit.js';
import { testArchive, type TestArchive } from '../../testing/testApp.js';

// Sidebar counts: one per work for each tag it shows as, however many synonyms it carries,
// and wrangling taken into account at once.

let archive: TestArchive;
let writer: { viewer: User; pseudId: number };

const post = (title: string, characters: string) => postWork(archive, writer, { title, fandoms: 'Lantern Isles', characters, freeforms: '', relationships: '' });

/** Character counts as counted for a filtered listing (words from 0 matches every work, but counts afresh). */
async function characters(): Promise<Record<string, number>> {
  const r = await archive.services.reading.list(GUEST, { scope: { kind: 'all' }, filter: { include: [], exclude: [], ratings: [], wordsFrom: 0 }, page: 1, facets: true });
  return Object.fromEntries((r.facets.character ?? []).map((t) => [t.name, t.count]));
}

beforeAll(async () => {
  archive = await testArchive();
  writer = await user(archive, 'facetcounter');
  await post('Both names', 'Keeper Ines, Ines');
  await post('Full name', 'Keeper Ines');
  await post('Short name', 'Ines, Old Tom');
});
afterAll(async () => { await archive.close(); });

describe('sidebar counts', () => {
  it('count each tag carried, before wrangling', async () => {
    expect(await characters()).toEqual({ 'Keeper Ines': 2, Ines: 2, 'Old Tom': 1 });
  });

  it('count a work once under a canonical tag it carries twice, once wrangled, and again when unwrangled', async () => {
    const { tags, wrangling } = archive.services;
    const canonical = (await tags.findByName('Keeper Ines'))!;
    const synonym = (await tags.findByName('Ines'))!;
    await wrangling.makeCanonical(canonical.id, true);
    await wrangling.makeSynonym(synonym.id, canonical.id);
    expect(await characters()).toEqual({ 'Keeper Ines': 3, 'Old Tom': 1 });
    await wrangling.removeSynonym(synonym.id);
    expect(await characters()).toEqual({ 'Keeper Ines': 2, Ines: 2, 'Old Tom': 1 });
  });
});
