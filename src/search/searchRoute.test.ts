import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, workFields, type TestArchive } from '../testing/testApp.js';
import { postedBodies } from '../works/store.js';

const fixture = path.resolve(import.meta.dirname, '../../../shared/fixtures/letter-and-key.txt');
const hasFixture = fs.existsSync(fixture);

let archive: TestArchive;
let writer: TestClient;
let guest: TestClient;

async function post(overrides: Record<string, string | string[]>) {
  const user = (await archive.services.accounts.findUser('searcher'))!;
  const pseud = (await archive.services.accounts.pseudsOf(user.id))[0]!;
  const res = await writer.post('/works', workFields({ freeforms: '', ...overrides }, pseud.id));
  expect(res.status, writer.lastHtml.slice(0, 500)).toBe(303);
}

beforeAll(async () => {
  archive = await testArchive();
  writer = await new TestClient(archive.app).signUp('searcher');
  guest = new TestClient(archive.app);
  await post({ title: 'Lanterns at Low Tide', text: 'The harbour lanterns flickered while the tide went out.', fandoms: 'Harbour Lights' });
  await post({ title: 'Hidden Lanterns', text: 'Only members may read about these lanterns.', restricted: 'on', fandoms: 'Harbour Lights' });
  await post({ title: 'Draft Lanterns', text: 'A draft about lanterns nobody may see.', action: 'draft', fandoms: 'Harbour Lights' });
  await post({ title: 'Storm Glass', text: 'Nothing about lights here, only a storm and glass.', fandoms: 'Other Place' });
  if (hasFixture) {
    await post({ title: 'The Letter and the Key', text: fs.readFileSync(fixture, 'utf8'), fandoms: 'Shadowhunters (TV)' });
  }
});
afterAll(async () => { await archive.close(); });

describe('/works/search', () => {
  it('finds words in the story text and shows a highlighted snippet', async () => {
    const html = await guest.page('/works/search?q=flickered');
    expect(html).toContain('1 – 1 of 1 Works');
    expect(html).toContain('Lanterns at Low Tide');
    expect(html).toContain('<mark>flickered</mark>');
  });

  it('takes the snippet from the chapter with the word, however far in, never from an unposted one', async () => {
    await post({ title: 'Five Rooms', text: 'The first room was empty.', fandoms: 'Other Place' });
    const work = await archive.services.database.db.selectFrom('works').select('id').where('title', '=', 'Five Rooms').executeTakeFirstOrThrow();
    const chapter = async (text: string, action: string) => {
      const res = await writer.post(`/works/${work.id}/chapters`, { chapter_title: '', text_format: 'plain', text, action });
      expect(res.status).toBe(303);
    };
    await chapter('A draft room with a hidden quillwort sketch.', 'draft');
    for (const text of ['The second room was bare.', 'The third room was dusty.', 'In the fourth room a quillwort grew by the window.', 'The fifth room was quiet.']) {
      await chapter(text, 'post');
    }
    const html = await guest.page('/works/search?q=quillwort');
    expect(html).toContain('Five Rooms');
    expect(html).toContain('<mark>quillwort</mark> grew by the window');
    expect(html).not.toContain('sketch');
    // Asked for by id, an unposted chapter's text is still not given out.
    const draft = await archive.services.database.db.selectFrom('chapters').select('id').where('work_id', '=', work.id).where('status', '=', 'draft').executeTakeFirstOrThrow();
    expect((await postedBodies(archive.services.database.db, [draft.id])).size).toBe(0);
  });

  it('stops reading a long work for its passage after a few MB, and shows its opening instead', async () => {
    const hall = 'The long hall went on and on past doors. '.repeat(11_900); // ~490,000 characters, near the most a chapter holds
    await post({ title: 'Long Halls', text: `It began at the gate. ${hall}`, fandoms: 'Other Place' });
    const work = await archive.services.database.db.selectFrom('works').select('id').where('title', '=', 'Long Halls').executeTakeFirstOrThrow();
    const chapters = [...Array(6).fill(hall), `At the very end of the hall a moonwort grew. ${hall}`];
    for (const text of chapters) {
      const res = await writer.post(`/works/${work.id}/chapters`, { chapter_title: '', text_format: 'plain', text, action: 'post' });
      expect(res.status).toBe(303);
    }
    // Chapter one, then two and three, then four to seven (3.4 MB read in all): the eighth is not read.
    const html = await guest.page('/works/search?q=moonwort');
    expect(html).toContain('Long Halls');
    expect(html).not.toContain('<mark>moonwort</mark>');
    expect(html).toContain('It began at the gate.');
  }, 60_000);

  it('never shows restricted works to guests, nor drafts to anyone', async () => {
    const asGuest = await guest.page('/works/search?q=lanterns');
    expect(asGuest).toContain('Lanterns at Low Tide');
    expect(asGuest).not.toContain('Hidden Lanterns');
    expect(asGuest).not.toContain('Draft Lanterns');
    expect(asGuest).toContain('of 1 Works');
    const asWriter = await writer.page('/works/search?q=lanterns');
    expect(asWriter).toContain('Hidden Lanterns');
    expect(asWriter).not.toContain('Draft Lanterns');
  });

  it('combines a search with filters', async () => {
    const other = (await archive.services.tags.findByName('Other Place'))!.id;
    const html = await guest.page(`/works/search?q=storm&include=${other}`);
    expect(html).toContain('Storm Glass');
    const none = await guest.page(`/works/search?q=storm&exclude=${other}`);
    expect(none).toContain('No works found.');
  });

  it.skipIf(!hasFixture)('finds the fixture work by a phrase from its text', async () => {
    const html = await guest.page(`/works/search?q=${encodeURIComponent('"in Chairman Meow\'s bed"')}`);
    expect(html).toContain('The Letter and the Key');
    expect(html).toMatch(/<mark>in Chairman Meow(&#39;|')s bed<\/mark>/);
  });

  it.each([
    ['"unbalanced', 'quote'],
    ['x'.repeat(10_000), '1,000'],
    ['-onlyexcluded', 'at least one word'],
  ])('answers a bad query %s with a message', async (q, message) => {
    const res = await guest.get(`/works/search?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(400);
    expect(guest.lastHtml).toContain(message);
  });

  it('shows the search form for an empty query', async () => {
    const res = await guest.get('/works/search');
    expect(res.status).toBe(200);
    expect(guest.lastHtml).toContain('Search works');
  });
});
