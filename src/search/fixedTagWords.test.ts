import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, workFields, type TestArchive } from '../testing/testApp.js';

// Every work has a rating, a warning and a category: their words are not searched as text
// (they would match the whole archive), but they stay filters, and tag: still names them.
let archive: TestArchive;
let guest: TestClient;

beforeAll(async () => {
  archive = await testArchive();
  const writer = await new TestClient(archive.app).signUp('fixedtags');
  const user = (await archive.services.accounts.findUser('fixedtags'))!;
  const pseud = (await archive.services.accounts.pseudsOf(user.id))[0]!;
  for (const [title, freeforms] of [['Quiet Harbour', 'Archive Fic'], ['Loud Harbour', 'Fluff']] as const) {
    const res = await writer.post('/works', workFields({ title, freeforms, rating: 'Mature', warnings: 'No Archive Warnings Apply', text: 'The tide came in.' }, pseud.id));
    expect(res.status).toBe(303);
  }
  guest = new TestClient(archive.app);
});
afterAll(async () => { await archive.close(); });

describe('search and the fixed tags', () => {
  it('a word of the warnings finds only works that use it themselves', async () => {
    const html = await guest.page('/works/search?q=archive');
    expect(html).toContain('1 – 1 of 1 Works');
    expect(html).toContain('Quiet Harbour');
    expect(await guest.page('/works/search?q=warnings')).not.toContain('Harbour');
  });

  it('tag: still finds works by their rating', async () => {
    const html = await guest.page('/works/search?q=tag%3A%22Mature%22');
    expect(html).toContain('1 – 2 of 2 Works');
  });
});
