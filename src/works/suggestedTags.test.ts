import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, workFields, type TestArchive } from '../testing/testApp.js';

let archive: TestArchive;
let writer: TestClient;

beforeAll(async () => {
  archive = await testArchive();
  writer = await new TestClient(archive.app).signUp('suggested');
});
afterAll(async () => { await archive.close(); });

describe('tag suggestions on preview', () => {
  it('offers canonical tags named in the text, and adds one only when the writer asks', async () => {
    const user = (await archive.services.accounts.findUser('suggested'))!;
    const pseud = (await archive.services.accounts.pseudsOf(user.id))[0]!;
    // An earlier work brings the character tag into the archive; a wrangler made it canonical.
    await writer.post('/works', workFields({ characters: 'Chairman Meow' }, pseud.id));
    const db = archive.services.database.db;
    await db.updateTable('tags').set({ canonical: 1 }).where('name_key', '=', 'chairman meow').execute();

    const res = await writer.post('/works', workFields({ action: 'preview', characters: '', text: 'Chairman Meow slept. Later Chairman Meow woke.' }, pseud.id));
    const id = Number(/\/works\/(\d+)/.exec(res.headers.get('location')!)![1]);
    const page = await writer.page(`/works/${id}`);
    expect(page).toContain('Tags you might add');
    expect(page).toContain('mentioned 2 times');
    const tagId = (await archive.services.tags.findByName('Chairman Meow'))!.id;
    const before = await db.selectFrom('work_tags').select('tag_id').where('work_id', '=', id).execute();
    expect(before.map((t) => t.tag_id)).not.toContain(tagId);

    const reader = await new TestClient(archive.app).signUp('not_the_writer');
    expect((await reader.post(`/works/${id}/tags`, { tag_id: String(tagId) })).status).toBe(404);
    expect((await writer.post(`/works/${id}/tags`, { tag_id: String(tagId) })).status).toBe(303);
    const after = await db.selectFrom('work_tags').select('tag_id').where('work_id', '=', id).execute();
    expect(after.map((t) => t.tag_id)).toContain(tagId);
    expect(await writer.page(`/works/${id}`)).not.toContain('Tags you might add');
  });
});
