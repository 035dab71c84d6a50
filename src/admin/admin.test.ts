import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, type TestArchive } from '../testing/testApp.js';

let archive: TestArchive;
let guest: TestClient;
let admin: TestClient;
let helper: TestClient;

const isWrangler = async (login: string) =>
  (await archive.services.database.db.selectFrom('users').select('is_wrangler').where('login_key', '=', login).executeTakeFirstOrThrow()).is_wrangler;

beforeAll(async () => {
  archive = await testArchive();
  guest = new TestClient(archive.app);
  admin = await new TestClient(archive.app).signUp('boss');
  helper = await new TestClient(archive.app).signUp('helper_1');
  await new TestClient(archive.app).signUp('helpless');
  await archive.services.database.db.updateTable('users').set({ is_admin: 1 }).where('login_key', '=', 'boss').execute();
});
afterAll(async () => { await archive.close(); });

describe('admin: users and the wrangler role', () => {
  it('sends guests to sign in and turns other users away', async () => {
    const res = await guest.get('/admin/users?q=help');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?return_to=%2Fadmin%2Fusers%3Fq%3Dhelp');
    expect((await helper.get('/admin/users')).status).toBe(403);
    expect((await helper.post('/admin/users/helper_1/wrangler', { wrangler: '1' })).status).toBe(403);
    expect(await isWrangler('helper_1')).toBe(0);
  });

  it('finds users by the start of their login, with _ taken literally', async () => {
    const html = await admin.page('/admin/users?q=HELP');
    expect(html).toContain('>helper_1</a>');
    expect(html).toContain('>helpless</a>');
    const literal = await admin.page('/admin/users?q=helper_');
    expect(literal).toContain('>helper_1</a>');
    expect(literal).not.toContain('>helpless</a>');
    expect(await admin.page('/admin/users?q=nobody')).toContain('No user’s login starts with “nobody”.');
  });

  it('grants and revokes the wrangler role, which takes effect at once', async () => {
    await admin.get('/admin/users?q=helper_1');
    let res = await admin.post('/admin/users/helper_1/wrangler?q=helper_1', { wrangler: '1' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/users?q=helper_1');
    expect(await isWrangler('helper_1')).toBe(1);
    expect(await admin.page(res.headers.get('location')!)).toContain('helper_1 is now a tag wrangler.');
    expect((await helper.get('/tags/wrangle')).status).toBe(200);
    res = await admin.post('/admin/users/helper_1/wrangler', { wrangler: '0' });
    expect(res.status).toBe(303);
    expect(await isWrangler('helper_1')).toBe(0);
    expect((await helper.get('/tags/wrangle')).status).toBe(403);
  });

  it('says so when the user does not exist', async () => {
    expect((await admin.post('/admin/users/ghost/wrangler', { wrangler: '1' })).status).toBe(404);
    expect(admin.lastHtml).toContain('There is no user called “ghost”.');
  });
});
