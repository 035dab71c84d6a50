import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUEST, type Viewer } from '../../policy/viewer.js';
import { TestClient, testArchive, workFields, type TestArchive } from '../../testing/testApp.js';
import type { WorkFilter } from '../workIndex.js';
import { memoryWorkIndex } from './index.js';

let archive: TestArchive;
let writer: Viewer & { kind: 'user' };
let pseudId: number;
const ids: Record<string, number> = {};

async function post(key: string, overrides: Record<string, string | string[]>) {
  const fields = workFields({ title: key, freeforms: '', relationships: '', characters: '', ...overrides }, pseudId);
  const r = await archive.services.posting.createWork(writer, fields, fields, 'post');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  ids[key] = r.value;
}

const tagId = async (name: string) => (await archive.services.tags.findByName(name))!.id;
const filter = (f: Partial<WorkFilter>): WorkFilter => ({ include: [], exclude: [], ratings: [], ...f });
async function titles(f: Partial<WorkFilter>, viewer: Viewer = GUEST, sort: 'revised_at' | 'title' | 'word_count' = 'title') {
  const r = await archive.services.reading.list(viewer, { scope: { kind: 'all' }, filter: filter(f), sort, page: 1 });
  return r.works.map((w) => w.title);
}

beforeAll(async () => {
  archive = await testArchive();
  await new TestClient(archive.app).signUp('filterer');
  const user = (await archive.services.accounts.findUser('filterer'))!;
  writer = { kind: 'user', id: user.id, login: user.login, isAdmin: false, isWrangler: false };
  pseudId = (await archive.services.accounts.pseudsOf(user.id))[0]!.id;
  await post('A angst', { fandoms: 'Shadowhunters', characters: 'Alec Lightwood, Magnus Bane', freeforms: 'Angst', text: 'one two three four five six seven eight nine ten', expected_chapters: '1' });
  await post('B fluff', { fandoms: 'Shadowhunters', characters: 'Alec', freeforms: 'Fluff', rating: 'General Audiences', text: 'short text for b here' });
  await post('C crossover', { fandoms: 'Shadowhunters, Doctor Who', characters: 'Alexander Lightwood', freeforms: 'Angst, Fluff', rating: 'Explicit', language: 'de' });
  await post('D other', { fandoms: 'Doctor Who', characters: 'The Doctor', freeforms: 'Hurt/Comfort', text: 'x '.repeat(500), expected_chapters: '2' });
  await post('E secret', { fandoms: 'Shadowhunters', characters: 'Alec Lightwood', freeforms: 'Angst', restricted: 'on' });
  await post('F sub-fandom', { fandoms: 'Shadowhunters (TV)', freeforms: 'Angst' });
  // Wrangling, done directly: "Alec" and "Alexander Lightwood" are synonyms of "Alec Lightwood";
  // "Shadowhunters (TV)" is a sub-tag of the meta tag "Shadowhunters".
  const db = archive.services.database.db;
  const alec = await tagId('Alec Lightwood');
  await db.updateTable('tags').set({ canonical: 1 }).where('id', 'in', [alec, await tagId('Shadowhunters'), await tagId('Shadowhunters (TV)')]).execute();
  await db.updateTable('tags').set({ merger_id: alec }).where('id', 'in', [await tagId('Alec'), await tagId('Alexander Lightwood')]).execute();
  await db.insertInto('tag_parents').values({ child_id: await tagId('Shadowhunters (TV)'), parent_id: await tagId('Shadowhunters') }).execute();
  await archive.services.index.tagsChanged();
});
afterAll(async () => { await archive.close(); });

describe('filtering listings', () => {
  it('finds works tagged with any synonym of a canonical tag', async () => {
    expect(await titles({ include: [await tagId('Alec Lightwood')] })).toEqual(['A angst', 'B fluff', 'C crossover']);
    // A synonym in the URL means its canonical tag.
    expect(await titles({ include: [await tagId('Alec')] })).toEqual(['A angst', 'B fluff', 'C crossover']);
  });

  it('includes sub-tags of a meta tag', async () => {
    expect(await titles({ include: [await tagId('Shadowhunters')] })).toEqual(['A angst', 'B fluff', 'C crossover', 'F sub-fandom']);
    expect(await titles({ include: [await tagId('Shadowhunters (TV)')] })).toEqual(['F sub-fandom']);
  });

  it('ANDs includes and removes any excluded tag', async () => {
    const angst = await tagId('Angst');
    const fluff = await tagId('Fluff');
    expect(await titles({ include: [angst, fluff] })).toEqual(['C crossover']);
    expect(await titles({ include: [angst], exclude: [fluff] })).toEqual(['A angst', 'F sub-fandom']);
    expect(await titles({ exclude: [await tagId('Alec Lightwood'), await tagId('Doctor Who')] })).toEqual(['F sub-fandom']);
  });

  it('ORs ratings', async () => {
    expect(await titles({ ratings: [await tagId('General Audiences'), await tagId('Explicit')] })).toEqual(['B fluff', 'C crossover']);
  });

  it('filters crossovers, words, completion, single chapters and language', async () => {
    expect(await titles({ crossover: 'only' })).toEqual(['C crossover']);
    expect(await titles({ crossover: 'exclude' })).toEqual(['A angst', 'B fluff', 'D other', 'F sub-fandom']);
    expect(await titles({ wordsFrom: 10, wordsTo: 10 })).toEqual(['A angst']);
    expect(await titles({ wordsFrom: 18 })).toEqual(['D other']);
    expect(await titles({ wordsTo: 9 })).toEqual(['B fluff']);
    expect(await titles({ complete: 'complete' })).toEqual(['A angst']);
    expect(await titles({ complete: 'in_progress' })).toEqual(['B fluff', 'C crossover', 'D other', 'F sub-fandom']);
    expect(await titles({ singleChapter: true })).toEqual(['A angst']);
    expect(await titles({ language: 'de' })).toEqual(['C crossover']);
    expect(await titles({ language: 'fr' })).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await titles({ updatedFrom: today, updatedTo: today })).toHaveLength(5);
    expect(await titles({ updatedTo: '2000-01-01' })).toEqual([]);
  });

  it('sorts by words and by title', async () => {
    expect((await titles({}, GUEST, 'word_count'))[0]).toBe('D other');
    expect(await titles({}, GUEST, 'title')).toEqual(['A angst', 'B fluff', 'C crossover', 'D other', 'F sub-fandom']);
  });

  it('counts facets once per work under the canonical tag, and never counts what the viewer may not see', async () => {
    const list = async (viewer: Viewer) => archive.services.reading.list(viewer, { scope: { kind: 'all' }, page: 1, facets: true });
    const guest = await list(GUEST);
    expect(guest.total).toBe(5);
    expect(guest.facets.character?.find((t) => t.name === 'Alec Lightwood')?.count).toBe(3);
    expect(guest.facets.character?.some((t) => t.name === 'Alec')).toBe(false);
    expect(guest.facets.freeform?.find((t) => t.name === 'Angst')?.count).toBe(3);
    const member = await list(writer);
    expect(member.total).toBe(6);
    expect(member.facets.freeform?.find((t) => t.name === 'Angst')?.count).toBe(4);
  });

  it('keeps the unfiltered listing’s counts equal to counting afresh, through changes', async () => {
    const facetsOf = async (viewer: Viewer, f: Partial<WorkFilter>) =>
      (await archive.services.reading.list(viewer, { scope: { kind: 'all' }, filter: filter(f), page: 1, facets: true })).facets;
    const same = async () => {
      for (const viewer of [GUEST, writer]) {
        // words from 0 matches every work but is a filter, so its counts are made by counting.
        expect(await facetsOf(viewer, {})).toEqual(await facetsOf(viewer, { wordsFrom: 0 }));
      }
    };
    await same();
    await post('H counted', { fandoms: 'Shadowhunters', characters: 'Alec', freeforms: 'Angst, Brand New Freeform' });
    await same();
    const edit = workFields({ title: 'H counted', freeforms: 'Fluff', relationships: '', characters: '', restricted: 'on' }, pseudId);
    expect((await archive.services.posting.updateWork(writer, ids['H counted']!, edit)).ok).toBe(true);
    await same();
    expect((await archive.services.posting.deleteWork(writer, ids['H counted']!)).ok).toBe(true);
    await same();
  });

  it('hears of changes made by another process through the change log', async () => {
    const other = memoryWorkIndex(archive.services.database.db);
    const query = { scope: { kind: 'all' as const }, visibility: { includeRestricted: false }, filter: filter({}), sort: 'title' as const, page: 1, perPage: 20 };
    const before = (await other.list(query)).total;
    await post('G later', { fandoms: 'Shadowhunters' });
    expect((await other.list(query)).total).toBe(before);
    await other.sync();
    expect((await other.list(query)).total).toBe(before + 1);
    const del = await archive.services.posting.deleteWork(writer, ids['G later']!);
    expect(del.ok).toBe(true);
    await other.sync();
    expect((await other.list(query)).total).toBe(before);
    other.close();
  });

  it('pages through every result with an exact total', async () => {
    const r = await archive.services.reading.list(GUEST, { scope: { kind: 'all' }, sort: 'title', page: 2 });
    expect(r.total).toBe(5);
    expect(r.works).toEqual([]);
  });
});

describe('synonyms in URLs and searches', () => {
  it('sends a synonym’s works page to its canonical tag’s', async () => {
    const res = await new TestClient(archive.app).get('/tags/Alec/works?sort=title');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/tags/Alec%20Lightwood/works?sort=title');
  });

  it('searches tag: through wrangling, as filters do', async () => {
    const client = new TestClient(archive.app);
    const html = await client.page(`/works/search?q=${encodeURIComponent('tag:"Alec Lightwood"')}`);
    expect(html).toContain('of 3 Works');
    const synonym = await client.page(`/works/search?q=${encodeURIComponent('tag:Alec -fluff')}`);
    expect(synonym).toContain('A angst');
    expect(synonym).not.toContain('B fluff');
  });
});

describe('filter URLs', () => {
  it('filters through the listing URL and keeps filters in page links', async () => {
    const client = new TestClient(archive.app);
    const angst = await tagId('Angst');
    const html = await client.page(`/works?include=${angst}&sort=title`);
    expect(html).toContain('1 – 3 of 3 Works');
    expect(html).toMatch(new RegExp(`<input type="checkbox" name="include" value="${angst}" checked`));
    expect(html).toContain('Angst<span class="count"> (3)</span>');
  });

  it('turns typed tag names into ids, and explains unknown ones', async () => {
    const client = new TestClient(archive.app);
    const res = await client.get('/works?include_names=angst&exclude_names=Fluff');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/works?include=${await tagId('Angst')}&exclude=${await tagId('Fluff')}`);
    expect((await client.get('/works?include_names=No Such Tag Anywhere')).status).toBe(400);
    expect(client.lastHtml).toContain('There is no tag called “No Such Tag Anywhere”');
  });

  it.each([
    ['words_from=-5', 'whole number of words'],
    ['words_from=500&words_to=10', 'must not be less than'],
    ['updated_from=2024-13-45', 'not a real date'],
    ['include=abc', 'tag ids'],
    ['sort=random', 'sort order'],
    ['page=1000000000', 'whole number from 1 to 9,999,999'],
    [`include_names=${'x'.repeat(10_000)}`, 'at most 150 characters'],
  ])('answers %s with a clear message', async (query, message) => {
    const client = new TestClient(archive.app);
    const res = await client.get(`/works?${query}`);
    expect(res.status).toBe(400);
    expect(client.lastHtml).toContain(message);
  });
});

describe('saved excluded tags', () => {
  it('leave a reader’s excluded tags out of every listing unless turned off for the page', async () => {
    const client = await new TestClient(archive.app).signUp('picky_reader');
    expect((await client.post('/settings/filters', { name: 'fluff' })).status).toBe(303);
    expect((await client.post('/settings/filters', { name: 'Not A Real Tag' })).status).toBe(422);
    expect(client.lastHtml).toContain('There is no tag called “Not A Real Tag”');
    const html = await client.page('/works?sort=title');
    expect(html).not.toContain('>B fluff<');
    expect(html).not.toContain('>C crossover<');
    expect(html).toContain('Works with your excluded tag are left out.');
    const all = await client.page('/works?sort=title&saved=off');
    expect(all).toContain('>B fluff<');
    // Someone else's listings are untouched.
    expect(await new TestClient(archive.app).page('/works?sort=title')).toContain('>B fluff<');
    const fluff = await tagId('Fluff');
    expect((await client.post(`/settings/filters/${fluff}/delete`)).status).toBe(303);
    expect(await client.page('/works?sort=title')).toContain('>B fluff<');
  });

  it('needs a signed-in reader', async () => {
    expect((await new TestClient(archive.app).get('/settings/filters')).status).toBe(302);
  });
});
