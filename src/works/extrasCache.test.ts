import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, workFields, type TestArchive } from '../testing/testApp.js';

// Listings keep works' creators and tags by version (extrasCache.ts): every change to them must
// show in the next listing, however often the listing was seen before.
let archive: TestArchive;
let guest: TestClient;
let viewer: { kind: 'user'; id: number; login: string; isAdmin: boolean; isWrangler: boolean };
let pseudId: number;
let workId: number;

beforeAll(async () => {
  archive = await testArchive();
  await new TestClient(archive.app).signUp('cachedwriter');
  const user = (await archive.services.accounts.findUser('cachedwriter'))!;
  pseudId = (await archive.services.accounts.pseudsOf(user.id))[0]!.id;
  viewer = { kind: 'user', id: user.id, login: 'cachedwriter', isAdmin: false, isWrangler: false };
  const fields = workFields({ title: 'Kept Between Requests', fandoms: 'Cache Fandom', freeforms: 'First Tag' }, pseudId);
  const r = await archive.services.posting.createWork(viewer, fields, fields, 'post');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  workId = r.value;
  guest = new TestClient(archive.app);
});
afterAll(async () => { await archive.close(); });

describe('listings after a work’s tags change', () => {
  it('show the tags the work has now, after an edit', async () => {
    expect(await guest.page('/tags/Cache%20Fandom/works')).toContain('First Tag');
    const edit = await archive.services.posting.updateWork(viewer, workId, workFields({ title: 'Kept Between Requests', fandoms: 'Cache Fandom', freeforms: 'Second Tag' }, pseudId));
    expect(edit).toMatchObject({ ok: true });
    const page = await guest.page('/tags/Cache%20Fandom/works');
    expect(page).toContain('Second Tag');
    expect(page).not.toContain('First Tag');
  });

  it('show a tag’s new name after a wrangler renames it', async () => {
    expect(await guest.page('/works')).toContain('Second Tag');
    const tag = (await archive.services.wrangling.findByName('Second Tag'))!;
    expect(await archive.services.wrangling.rename(tag.id, 'Renamed Tag')).toMatchObject({ ok: true });
    const page = await guest.page('/works');
    expect(page).toContain('Renamed Tag');
    expect(page).not.toContain('Second Tag');
  });
});
