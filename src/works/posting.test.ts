import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, workFields, type TestArchive } from '../testing/testApp.js';

let archive: TestArchive;
let writer: TestClient;
let reader: TestClient;
let guest: TestClient;
beforeAll(async () => {
  archive = await testArchive();
  writer = await new TestClient(archive.app).signUp('writer');
  reader = await new TestClient(archive.app).signUp('reader');
  guest = new TestClient(archive.app);
});
afterAll(async () => { await archive.close(); });

async function defaultPseud(login: string) {
  const user = await archive.services.accounts.findUser(login);
  return (await archive.services.accounts.pseudsOf(user!.id))[0]!.id;
}

async function postWork(overrides: Record<string, string | string[]> = {}) {
  const res = await writer.post('/works', workFields(overrides, await defaultPseud('writer')));
  expect(res.status, writer.lastHtml.slice(0, 2000)).toBe(303);
  return Number(/\/works\/(\d+)/.exec(res.headers.get('location')!)![1]);
}

const workRow = (id: number) => archive.services.database.db.selectFrom('works').selectAll().where('id', '=', id).executeTakeFirst();
const countRows = async (table: 'works' | 'chapters' | 'tags') =>
  Number((await archive.services.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('posting a work', () => {
  it('posts a work with every kind of tag and shows the AO3 header', async () => {
    const id = await postWork({ summary: 'A <em>letter</em>.\nAnd a key.', notes: 'For the prompt.', end_notes: 'Thanks for reading!' });
    const html = await guest.page(`/works/${id}`);
    for (const text of ['Teen And Up Audiences', 'No Archive Warnings Apply', 'M/M', 'Shadowhunters (TV)', 'Magnus Bane/Alec Lightwood',
      'Alec Lightwood', 'Angst', 'English', 'The Letter and the Key', '<p>A <em>letter</em>.</p>\n<p>And a key.</p>', 'For the prompt.', 'Thanks for reading!', 'Chapters:', '1/?']) {
      expect(html).toContain(text);
    }
    expect(html).toContain('<p>He had expected to come home to an empty apartment.</p>');
    expect(html).toContain('href="/tags/Magnus%20Bane*s*Alec%20Lightwood/works"');
    const row = await workRow(id);
    expect(row?.word_count).toBe(17);
    expect(row?.status).toBe('posted');
    expect(row?.published_at).toBeTruthy();
  });

  it('sanitizes hostile HTML on write', async () => {
    const id = await postWork({
      text_format: 'html',
      text: '<p onclick="alert(1)">Hello <script>alert(2)</script><a href="javascript:alert(3)">x</a> world</p><img src=x onerror=alert(4)>',
      summary: '<iframe src="https://evil.example"></iframe><strong>bold</strong>',
    });
    const stored = await archive.services.database.db.selectFrom('chapters').select('body').where('work_id', '=', id).executeTakeFirstOrThrow();
    expect(stored.body).not.toMatch(/script|onclick|onerror|javascript:/i);
    const html = await guest.page(`/works/${id}`);
    expect(html).not.toMatch(/<script>alert|onerror=|javascript:alert|<iframe/i);
    expect(html).toContain('<strong>bold</strong>');
  });

  it('escapes titles and tags rather than running them', async () => {
    const id = await postWork({ title: '<img src=x onerror=alert(1)>', freeforms: '<b>bold tag</b>' });
    const html = await guest.page(`/works/${id}`);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;b&gt;bold tag&lt;/b&gt;');
  });

  it('comes back with every field as typed and a message beside each wrong one', async () => {
    const before = await countRows('works');
    const res = await writer.post('/works', workFields({ fandoms: '', text: 'short', summary: 'My summary, kept.', title: 'Kept title', rating: '' }, await defaultPseud('writer')));
    expect(res.status).toBe(422);
    const html = writer.lastHtml;
    expect(html).toContain('Enter at least one fandom.');
    expect(html).toContain('Chapter text must be at least 10 characters.');
    expect(html).toContain('Choose a rating.');
    expect(html).toContain('value="Kept title"');
    expect(html).toContain('My summary, kept.');
    expect(html).toContain('>short</textarea>');
    expect(html).toMatch(/id="fandoms-error"/);
    expect(await countRows('works')).toBe(before);
  });

  it.each([
    [{ title: 'x'.repeat(256) }, 'Title must be at most 255'],
    [{ summary: 'x'.repeat(1251) }, 'Summary must be at most 1,250'],
    [{ notes: 'x'.repeat(5001) }, 'Notes must be at most 5,000'],
    [{ warnings: [] as string[] }, 'at least one archive warning'],
    [{ rating: 'Very Explicit' }, 'Choose a rating.'],
    [{ expected_chapters: 'many' }, 'Chapters must be a number'],
    [{ freeforms: Array.from({ length: 80 }, (_, i) => `tag ${i}`).join(', ') }, 'must not add up to more than 75'],
    [{ characters: 'x'.repeat(151) }, 'at most 150 characters'],
    [{ language: 'xx' }, 'Choose a language.'],
    [{ text: 'x'.repeat(510_001) }, 'at most 510,000 characters'],
  ])('refuses %#: %s', async (overrides, message) => {
    const res = await writer.post('/works', workFields(overrides as Record<string, string | string[]>, await defaultPseud('writer')));
    expect(res.status).toBe(422);
    expect(writer.lastHtml).toContain(message);
  });

  it('refuses a tag already used as another kind, rolling back the whole work', async () => {
    const works = await countRows('works');
    const tags = await countRows('tags');
    const res = await writer.post('/works', workFields({ characters: 'Shadowhunters (TV)', freeforms: 'Brand New Tag Here' }, await defaultPseud('writer')));
    expect(res.status).toBe(422);
    expect(writer.lastHtml).toContain('is already a Fandom tag');
    expect(await countRows('works')).toBe(works);
    expect(await countRows('tags')).toBe(tags);
  });

  it('will not post as someone else’s pseud', async () => {
    const res = await writer.post('/works', workFields({}, await defaultPseud('reader')));
    expect(res.status).toBe(422);
    expect(writer.lastHtml).toContain('your own pseuds');
  });

  it('sends guests to sign in instead of posting', async () => {
    expect((await guest.get('/works/new')).status).toBe(302);
    const res = await guest.post('/works', workFields({}, 1));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/login/);
  });
});

describe('drafts and preview', () => {
  it('keeps a draft for its creator alone until it is posted', async () => {
    const id = await postWork({ action: 'draft', title: 'Secret Draft' });
    expect((await guest.get(`/works/${id}`)).status).toBe(404);
    expect((await reader.get(`/works/${id}`)).status).toBe(404);
    expect(await writer.page(`/works/${id}`)).toContain('This is a draft');
    expect(await guest.page('/works')).not.toContain('Secret Draft');
    expect(await writer.page('/works')).not.toContain('Secret Draft');
    expect(await writer.page('/users/writer/works/drafts')).toContain('Secret Draft');
    expect((await reader.get('/users/writer/works/drafts')).status).toBe(404);

    expect((await reader.post(`/works/${id}/post`)).status).toBe(404);
    expect((await writer.post(`/works/${id}/post`)).status).toBe(303);
    expect(await guest.page(`/works/${id}`)).toContain('Secret Draft');
    expect(await guest.page('/works')).toContain('Secret Draft');
  });

  it('preview saves a draft and shows it to the writer', async () => {
    const res = await writer.post('/works', workFields({ action: 'preview', title: 'Previewed' }, await defaultPseud('writer')));
    expect(res.status).toBe(303);
    const id = Number(/\/works\/(\d+)/.exec(res.headers.get('location')!)![1]);
    expect((await workRow(id))?.status).toBe('draft');
    const html = await writer.page(`/works/${id}`);
    expect(html).toContain('Previewed');
    expect(html).toContain('>Post</button>');
  });
});

describe('restricted works', () => {
  it('never shows a restricted work to guests, anywhere', async () => {
    const id = await postWork({ restricted: 'on', title: 'Members Only Story', fandoms: 'Restricted Fandom' });
    for (const path of ['/works', '/', '/users/writer/works', '/users/writer', `/users/writer/pseuds/writer/works`, '/tags/Restricted%20Fandom/works']) {
      expect(await guest.page(path), path).not.toContain('Members Only Story');
    }
    const page = await guest.get(`/works/${id}`);
    expect(page.status).toBe(404);
    expect(guest.lastHtml).not.toContain('Members Only Story');
    expect((await guest.get(`/works/${id}/navigate`)).status).toBe(404);
    // The tag exists only on this restricted work: guests are not told it exists.
    expect((await guest.get('/tags/Restricted%20Fandom/works')).status).toBe(404);
    expect(await reader.page(`/works/${id}`)).toContain('Members Only Story');
    expect(await reader.page('/tags/Restricted%20Fandom/works')).toContain('Members Only Story');
  });
});

describe('editing', () => {
  it('lets the creator edit; others get 403, guests are sent to sign in', async () => {
    const id = await postWork({ title: 'Before Edit' });
    expect((await reader.get(`/works/${id}/edit`)).status).toBe(404);
    expect((await reader.post(`/works/${id}`, workFields({ title: 'Hijacked' }, await defaultPseud('reader')))).status).toBe(403);
    expect((await guest.post(`/works/${id}`, workFields({ title: 'Hijacked' }))).status).toBe(302);
    const form = await writer.page(`/works/${id}/edit`);
    expect(form).toContain('value="Before Edit"');
    const res = await writer.post(`/works/${id}`, workFields({ title: 'After Edit', fandoms: 'Shadowhunters (TV), The Mortal Instruments' }, await defaultPseud('writer')));
    expect(res.status).toBe(303);
    const html = await guest.page(`/works/${id}`);
    expect(html).toContain('After Edit');
    expect(html).not.toContain('Hijacked');
    expect(html).toContain('The Mortal Instruments');
  });

  it('shows the new version to guests at once (no stale cached page)', async () => {
    const id = await postWork({ title: 'Cached Once' });
    expect(await guest.page(`/works/${id}`)).toContain('Cached Once');
    const etag = (await guest.get(`/works/${id}`)).headers.get('etag')!;
    const notModified = await guest.request('GET', `/works/${id}`, undefined, { 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    await writer.post(`/works/${id}`, workFields({ title: 'Cached Twice' }, await defaultPseud('writer')));
    const fresh = await guest.request('GET', `/works/${id}`, undefined, { 'if-none-match': etag });
    expect(fresh.status).toBe(200);
    expect(await fresh.text()).toContain('Cached Twice');
  });
});

describe('chapters', () => {
  it('adds, edits, reorders and deletes chapters, keeping counts right', async () => {
    const id = await postWork({ expected_chapters: '2', text: 'one two three four five' });
    expect((await reader.post(`/works/${id}/chapters`, { chapter_title: 'x', text: 'intruder text here', action: 'post' })).status).toBe(403);
    const add = await writer.post(`/works/${id}/chapters`, { chapter_title: 'The Key', text_format: 'plain', text: 'six seven eight nine ten eleven', action: 'post' });
    expect(add.status).toBe(303);
    const ch2 = Number(/chapters\/(\d+)/.exec(add.headers.get('location')!)![1]);
    let row = await workRow(id);
    expect(row).toMatchObject({ posted_chapters: 2, expected_chapters: 2, word_count: 11 });

    const chapterPage = await guest.page(`/works/${id}/chapters/${ch2}`);
    expect(chapterPage).toContain('Chapter 2: The Key');
    expect(chapterPage).toContain('six seven eight');
    expect(chapterPage).not.toContain('one two three');
    expect(chapterPage).toContain('← Previous Chapter');
    const full = await guest.page(`/works/${id}?view_full_work=true`);
    expect(full).toContain('one two three');
    expect(full).toContain('six seven eight');
    const index = await guest.page(`/works/${id}/navigate`);
    expect(index.match(/<li><a href="\/works\/\d+\/chapters\/\d+">Chapter/g)).toHaveLength(2);

    // A third chapter beyond the plan raises the plan, as a writer who wrote more would expect.
    const add3 = await writer.post(`/works/${id}/chapters`, { text: 'twelve thirteen fourteen fifteen', action: 'post' });
    const ch3 = Number(/chapters\/(\d+)/.exec(add3.headers.get('location')!)![1]);
    row = await workRow(id);
    expect(row).toMatchObject({ posted_chapters: 3, expected_chapters: 3, word_count: 15 });

    const edit = await writer.post(`/works/${id}/chapters/${ch2}`, { chapter_title: 'The Key, Revised', text_format: 'plain', text: 'just three words', action: 'draft' });
    expect(edit.status).toBe(303);
    expect((await workRow(id))?.word_count).toBe(12);

    const chapters = await archive.services.database.db.selectFrom('chapters').select(['id', 'position']).where('work_id', '=', id).orderBy('position').execute();
    const first = chapters[0]!.id;
    expect((await writer.post(`/works/${id}/chapters/order`, { [`position_${first}`]: '3', [`position_${ch2}`]: '1', [`position_${ch3}`]: '2' })).status).toBe(303);
    const order = await archive.services.database.db.selectFrom('chapters').select('id').where('work_id', '=', id).orderBy('position').execute();
    expect(order.map((c) => c.id)).toEqual([ch2, ch3, first]);

    expect((await reader.post(`/works/${id}/chapters/${ch3}/delete`)).status).toBe(403);
    expect((await writer.post(`/works/${id}/chapters/${ch3}/delete`)).status).toBe(303);
    row = await workRow(id);
    expect(row).toMatchObject({ posted_chapters: 2, word_count: 8 });
  });

  it('keeps a draft chapter from readers until it is posted', async () => {
    const id = await postWork();
    const res = await writer.post(`/works/${id}/chapters`, { chapter_title: 'Not Yet', text: 'unfinished chapter text', action: 'draft' });
    const ch = Number(/chapters\/(\d+)/.exec(res.headers.get('location')!)![1]);
    expect((await guest.get(`/works/${id}/chapters/${ch}`)).status).toBe(404);
    expect(await guest.page(`/works/${id}`)).not.toContain('Not Yet');
    expect((await workRow(id))?.posted_chapters).toBe(1);
    await writer.post(`/works/${id}/chapters/${ch}`, { chapter_title: 'Now', text: 'finished chapter text', action: 'post' });
    expect((await guest.get(`/works/${id}/chapters/${ch}`)).status).toBe(200);
    expect((await workRow(id))?.posted_chapters).toBe(2);
  });

  it('will not delete the only chapter', async () => {
    const id = await postWork();
    const [ch] = await archive.services.database.db.selectFrom('chapters').select('id').where('work_id', '=', id).execute();
    expect((await writer.post(`/works/${id}/chapters/${ch!.id}/delete`)).status).toBe(422);
  });
});

describe('deleting a work', () => {
  it('asks first, lets only the creator delete, and removes its chapters and tags links', async () => {
    const id = await postWork({ title: 'Doomed Work' });
    expect(await writer.page(`/works/${id}/delete`)).toContain('Are you sure');
    expect((await reader.get(`/works/${id}/delete`)).status).toBe(404);
    expect((await reader.post(`/works/${id}/delete`)).status).toBe(403);
    expect((await guest.post(`/works/${id}/delete`)).status).toBe(302);
    expect((await writer.post(`/works/${id}/delete`)).status).toBe(303);
    expect((await guest.get(`/works/${id}`)).status).toBe(404);
    const db = archive.services.database.db;
    expect(await db.selectFrom('chapters').select('id').where('work_id', '=', id).execute()).toEqual([]);
    expect(await db.selectFrom('work_tags').select('tag_id').where('work_id', '=', id).execute()).toEqual([]);
    expect(await db.selectFrom('creatorships').select('pseud_id').where('work_id', '=', id).execute()).toEqual([]);
  });
});
