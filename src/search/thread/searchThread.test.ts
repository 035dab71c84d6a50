import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_FILTER } from '../workIndex.js';
import { testDatabase } from '../../testing/testDatabase.js';
import { TestClient, testArchive, workFields, type TestArchive } from '../../testing/testApp.js';
import { startSearchThread } from './searchThread.js';

// The server's search thread, through the app as `quire serve` builds it: listings, filters,
// text search and privacy answered by the thread, each write seen by the next page.

let archive: TestArchive;
let writer: TestClient;
let guest: TestClient;
const failures: Error[] = [];

async function post(overrides: Record<string, string | string[]>): Promise<number> {
  const user = (await archive.services.accounts.findUser('threaded'))!;
  const pseud = (await archive.services.accounts.pseudsOf(user.id))[0]!;
  const res = await writer.post('/works', workFields({ freeforms: '', ...overrides }, pseud.id));
  expect(res.status, writer.lastHtml.slice(0, 500)).toBe(303);
  return Number(/\/works\/(\d+)/.exec(res.headers.get('location')!)![1]);
}

beforeAll(async () => {
  archive = await testArchive({}, { searchThread: { onFailure: (err) => failures.push(err) } });
  await archive.services.index.ready();
  writer = await new TestClient(archive.app).signUp('threaded');
  guest = new TestClient(archive.app);
});
afterAll(async () => { await archive.close(); });

describe('listings and search on the search thread', () => {
  it('lists a new work on the next page, by tag and by text, and forgets it once deleted', async () => {
    const id = await post({ title: 'Quayside Lamps', text: 'The quayside lamps guttered in the rain.', fandoms: 'Harbour Town', characters: 'Lamp Keeper' });
    expect(await guest.page('/works')).toContain('Quayside Lamps');
    expect(await guest.page('/tags/Harbour%20Town/works')).toContain('Quayside Lamps');
    const found = await guest.page('/works/search?q=%22lamps+guttered%22');
    expect(found).toContain('1 – 1 of 1 Works');
    expect(found).toContain('<mark>lamps guttered</mark>');

    const gone = await writer.post(`/works/${id}/delete`, {});
    expect(gone.status).toBe(303);
    expect(await guest.page('/tags/Harbour%20Town/works')).not.toContain('Quayside Lamps');
    expect(await guest.page('/works/search?q=guttered')).not.toContain('Quayside Lamps');
  });

  it('keeps restricted works from guests in listings, counts and search, and shows them to members', async () => {
    await post({ title: 'Members Lantern', text: 'A lantern only members read about.', restricted: 'on', fandoms: 'Lantern Bay' });
    await post({ title: 'Open Lantern', text: 'A lantern anyone may read about.', fandoms: 'Lantern Bay' });
    const forGuest = await guest.page('/tags/Lantern%20Bay/works');
    expect(forGuest).toContain('Open Lantern');
    expect(forGuest).not.toContain('Members Lantern');
    expect(forGuest).toContain('1 – 1 of 1 Works');
    expect(await guest.page('/works/search?q=lantern')).not.toContain('Members Lantern');
    expect(await writer.page('/works/search?q=lantern')).toContain('Members Lantern');
  });

  it('follows tag wrangling: the canonical tag’s listing finds works tagged with its synonym', async () => {
    await post({ title: 'Tidal Clock', text: 'The clock ran by the tide.', fandoms: 'Tide Clocks' });
    await post({ title: 'Moon Clock', text: 'The clock ran by the moon.', fandoms: 'Tidal Clocks (Series)' });
    const canonical = (await archive.services.tags.findByName('Tide Clocks'))!;
    const synonym = (await archive.services.tags.findByName('Tidal Clocks (Series)'))!;
    await archive.services.wrangling.makeCanonical(canonical.id, true);
    await archive.services.wrangling.makeSynonym(synonym.id, canonical.id);
    const html = await guest.page('/tags/Tide%20Clocks/works');
    expect(html).toContain('Tidal Clock');
    expect(html).toContain('Moon Clock');
  });
});

describe('a search thread that cannot start', () => {
  it('fails its calls with the reason, tells the server, and stays down once closed', async () => {
    const database = await testDatabase();
    const heard: Error[] = [];
    const thread = startSearchThread(database, { url: 'nowhere:at-all', followEveryMs: 0 }, (err) => heard.push(err));
    await expect(thread.index.ready()).rejects.toThrow(/nowhere:at-all|search thread/);
    await expect.poll(() => heard.length).toBeGreaterThan(0);
    await thread.index.close();
    await expect(thread.index.list({ scope: { kind: 'all' }, visibility: { includeRestricted: false }, filter: NO_FILTER, sort: 'revised_at', page: 1, perPage: 20 }))
      .rejects.toThrow('search is closed');
    await database.close();
  });

  it('the healthy thread above never failed', () => {
    expect(failures).toEqual([]);
  });
});
