import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, workFields, type TestArchive } from '../testing/testApp.js';

let archive: TestArchive;
let guest: TestClient;
let reader: TestClient;
let wrangler: TestClient;
let writer: TestClient;
let workId: number;

const db = () => archive.services.database.db;
const tagRow = (name: string) => db().selectFrom('tags').selectAll().where('name_key', '=', name.toLowerCase()).executeTakeFirst();
const version = async (id: number) => (await db().selectFrom('works').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

async function post(overrides: Record<string, string>) {
  const user = await archive.services.accounts.findUser('rwriter');
  const pseud = (await archive.services.accounts.pseudsOf(user!.id))[0]!.id;
  const res = await writer.post('/works', workFields(overrides, pseud));
  expect(res.status, writer.lastHtml.slice(0, 500)).toBe(303);
  return Number(/\/works\/(\d+)/.exec(res.headers.get('location')!)![1]);
}

beforeAll(async () => {
  archive = await testArchive();
  guest = new TestClient(archive.app);
  reader = await new TestClient(archive.app).signUp('rreader');
  wrangler = await new TestClient(archive.app).signUp('rwrangler');
  writer = await new TestClient(archive.app).signUp('rwriter');
  await db().updateTable('users').set({ is_wrangler: 1 }).where('login_key', '=', 'rwrangler').execute();
  workId = await post({ freeforms: 'Angst, Letters' });
  await post({ title: 'Draft', freeforms: 'Secret Draft Freeform', action: 'draft' });
  await post({ title: 'Members', freeforms: 'Members Only Freeform', restricted: 'on' });
});
afterAll(async () => { await archive.close(); });

describe('who may wrangle', () => {
  it.each(['/tags/wrangle', '/tags/Angst/edit'])('sends guests to sign in from %s', async (path) => {
    const res = await guest.get(path);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/login?return_to=${encodeURIComponent(path)}`);
    expect((await guest.post(path, { canonical: '1' })).status).toBe(302);
  });

  it('tells signed-in readers the queue and edit forms are for wranglers, and changes nothing', async () => {
    for (const path of ['/tags/wrangle', '/tags/Angst/edit']) {
      const res = await reader.get(path);
      expect(res.status).toBe(403);
      expect(reader.lastHtml).toContain('Only tag wranglers can change tags');
    }
    expect((await reader.post('/tags/Angst/edit', { name: 'Angst', canonical: '1' })).status).toBe(403);
    expect((await tagRow('Angst'))!.canonical).toBe(0);
  });
});

describe('the queue', () => {
  it('lists unwrangled tags of a fandom and makes the chosen ones canonical', async () => {
    const html = await wrangler.page('/tags/wrangle?type=character&fandom=Shadowhunters%20(TV)');
    expect(html).toContain('Magnus Bane');
    expect(html).toContain('2 unwrangled characters in Shadowhunters (TV)');
    const ids = [(await tagRow('Magnus Bane'))!.id, (await tagRow('Alec Lightwood'))!.id].map(String);
    const res = await wrangler.post('/tags/wrangle?type=character&fandom=Shadowhunters%20(TV)', { tags: ids, action: 'canonical' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/tags/wrangle?type=character&fandom=Shadowhunters%20(TV)');
    expect((await tagRow('Alec Lightwood'))!.canonical).toBe(1);
    expect(await wrangler.page(res.headers.get('location')!)).toContain('2 tags made canonical.');
  });

  it('says what is wrong beside the bulk form, keeping the choices', async () => {
    const angst = String((await tagRow('Angst'))!.id);
    const res = await wrangler.post('/tags/wrangle?type=freeform', { tags: angst, action: 'synonym', synonym_of: 'Nothing Like This' });
    expect(res.status).toBe(422);
    expect(wrangler.lastHtml).toContain('There is no tag called “Nothing Like This”.');
    expect(wrangler.lastHtml).toMatch(new RegExp(`value="${angst}" id="tag-${angst}" checked`));
  });

  it('says when the chosen fandom does not exist', async () => {
    expect((await wrangler.get('/tags/wrangle?type=character&fandom=Nope')).status).toBe(404);
    expect(wrangler.lastHtml).toContain('There is no fandom called “Nope”.');
  });
});

describe('editing a tag', () => {
  it('makes a tag canonical, a synonym, and a child, and the tag pages say so', async () => {
    await wrangler.get('/tags/Letters/edit');
    let res = await wrangler.post('/tags/Letters/edit', { name: 'Letters', canonical: '1', synonym_of: '', parent: 'Shadowhunters (TV)' });
    expect(res.status).toBe(422);
    expect(wrangler.lastHtml).toMatch(/id="parent-error">“Shadowhunters \(TV\)” isn’t canonical/);
    await archive.services.wrangling.makeCanonical((await tagRow('Shadowhunters (TV)'))!.id, true);
    res = await wrangler.post('/tags/Letters/edit', { name: 'Letters', canonical: '1', synonym_of: '', parent: 'Shadowhunters (TV)' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/tags/Letters/edit');
    res = await wrangler.post('/tags/Angst/edit', { name: 'Angst', synonym_of: 'Letters', parent: '' });
    expect(res.status).toBe(303);
    expect((await tagRow('Angst'))!.merger_id).toBe((await tagRow('Letters'))!.id);
    const synonymPage = await guest.page('/tags/Angst');
    expect(synonymPage).toContain('This tag has been made a synonym of <a href="/tags/Letters">Letters</a>');
    const canonicalPage = await guest.page('/tags/Letters');
    expect(canonicalPage).toContain('<a href="/tags/Letters/works">Works in this tag</a> (1 work)');
    expect(canonicalPage).toContain('href="/tags/Shadowhunters%20(TV)"');
    expect(canonicalPage).toContain('href="/tags/Angst"');
    expect(canonicalPage).not.toContain('/edit');
    expect(await wrangler.page('/tags/Letters')).toContain('href="/tags/Letters/edit"');
  });

  it('removes a parent with its button', async () => {
    const fandom = (await tagRow('Shadowhunters (TV)'))!.id;
    await wrangler.get('/tags/Letters/edit');
    expect((await wrangler.post('/tags/Letters/edit', { remove_parent: String(fandom) })).status).toBe(303);
    expect((await wrangler.post('/tags/Letters/edit', { remove_parent: String(fandom) })).status).toBe(422);
    expect(wrangler.lastHtml).toContain('That tag is not a parent of this one.');
  });

  it('renames a tag and gives the works carrying it new versions, so their pages show the new name', async () => {
    const before = await version(workId);
    expect(await guest.page(`/works/${workId}`)).toContain('>Letters</a>');
    await wrangler.get('/tags/Letters/edit');
    const res = await wrangler.post('/tags/Letters/edit', { name: 'Love Letters', canonical: '1', synonym_of: '', parent: '' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/tags/Love%20Letters/edit');
    expect(await version(workId)).toBe(before + 1);
    expect(await guest.page(`/works/${workId}`)).toContain('>Love Letters</a>');
  });

  it('shows what was typed with the problem beside the field', async () => {
    const res = await wrangler.post('/tags/Love%20Letters/edit', { name: 'Love, Letters', canonical: '1', synonym_of: '', parent: '' });
    expect(res.status).toBe(422);
    expect(wrangler.lastHtml).toContain('id="name-error">Tag names can’t contain commas.');
    expect(wrangler.lastHtml).toContain('value="Love, Letters"');
  });

  it('finds tags whose names need escaping in URLs', async () => {
    expect((await guest.get('/tags/Magnus%20Bane*s*Alec%20Lightwood')).status).toBe(200);
    expect((await wrangler.get('/tags/Magnus%20Bane*s*Alec%20Lightwood/edit')).status).toBe(200);
  });
});

describe('privacy of tag names', () => {
  it('hides tag pages of tags seen only where the viewer may not look', async () => {
    expect((await guest.get('/tags/Secret%20Draft%20Freeform')).status).toBe(404);
    expect((await reader.get('/tags/Secret%20Draft%20Freeform')).status).toBe(404);
    expect((await guest.get('/tags/Members%20Only%20Freeform')).status).toBe(404);
    expect((await reader.get('/tags/Members%20Only%20Freeform')).status).toBe(200);
    expect((await wrangler.get('/tags/Secret%20Draft%20Freeform')).status).toBe(200);
  });

  it('autocompletes only names a reader could already find', async () => {
    const ask = async (client: TestClient, q: string) => {
      const res = await client.request('GET', `/tags/autocomplete?type=freeform&q=${encodeURIComponent(q)}`);
      expect(res.headers.get('content-type')).toContain('application/json');
      return res.json();
    };
    expect(await ask(guest, 'sec')).toEqual([]);
    expect(await ask(guest, 'mem')).toEqual([]);
    expect(await ask(reader, 'mem')).toEqual(['Members Only Freeform']);
    expect(await ask(guest, 'lett')).toEqual(['Love Letters']);
    expect((await guest.request('GET', '/tags/autocomplete?type=rating&q=ex')).status).toBe(400);
  });
});
