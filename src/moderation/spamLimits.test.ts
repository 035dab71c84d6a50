import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, workFields, type TestArchive } from '../testing/testApp.js';

// Other suites turn the limits off (their accounts are minutes old); this one is about them.
let strict: TestArchive;
beforeAll(async () => { strict = await testArchive({ newAccountLimits: true }); });
afterAll(async () => { await strict.close(); });

describe('new-account spam limits', () => {
  it('holds accounts younger than a day to a few links and a slow pace', async () => {
    const fresh = await new TestClient(strict.app).signUp('mod_fresh');
    const user = await strict.services.accounts.findUser('mod_fresh');
    const pseud = (await strict.services.accounts.pseudsOf(user!.id))[0]!.id;
    const fields = (f: Record<string, string>) => workFields(f, pseud);
    const spam = await fresh.post('/works', fields({ summary: 'Buy <a href="https://a.example">now</a> https://b.example www.c.example' }));
    expect(spam.status).toBe(422);
    expect(fresh.lastHtml).toContain('at most 2 links');
    for (let i = 0; i < 5; i++) expect((await fresh.post('/works', fields({ title: `Fresh ${i}` }))).status).toBe(303);
    expect((await fresh.post('/works', fields({ title: 'Too many' }))).status).toBe(422);
    expect(fresh.lastHtml).toContain('at most 5 works an hour');
    // Links cannot be edited in afterwards either.
    const [first] = await strict.services.database.db.selectFrom('works').select('id').orderBy('id').execute();
    expect((await fresh.post(`/works/${first!.id}`, fields({ title: 'Fresh 0', action: 'update', notes: 'https://a.example https://b.example https://c.example' }))).status).toBe(422);
    expect(fresh.lastHtml).toContain('at most 2 links');
    // A day later the account is trusted.
    await strict.services.database.db.updateTable('users').set({ created_at: new Date(Date.now() - 2 * 86_400_000).toISOString() }).where('login_key', '=', 'mod_fresh').execute();
    expect((await fresh.post('/works', fields({ title: 'Now fine', summary: 'a https://a.example b https://b.example c https://c.example' }))).status).toBe(303);
  });
});
