import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, workFields, type TestArchive } from '../testing/testApp.js';

let archive: TestArchive;
let guest: TestClient;
let writer: TestClient;
let ids: number[] = [];

beforeAll(async () => {
  archive = await testArchive();
  writer = await new TestClient(archive.app).signUp('lister');
  await writer.post('/users/lister/pseuds', { name: 'Second Self' });
  const user = await archive.services.accounts.findUser('lister');
  const [main, second] = await archive.services.accounts.pseudsOf(user!.id);
  const viewer = { kind: 'user' as const, id: user!.id, login: 'lister', isAdmin: false, isWrangler: false };
  ids = [];
  for (let i = 1; i <= 23; i++) {
    const pseud = i % 5 === 0 ? second! : main!;
    const fields = workFields({ title: `Listed Work ${i}`, fandoms: i % 2 ? 'Odd Fandom' : 'Even Fandom/Thing' }, pseud.id);
    const r = await archive.services.posting.createWork(viewer, fields, fields, 'post');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    ids.push(r.value);
  }
  guest = new TestClient(archive.app);
});
afterAll(async () => { await archive.close(); });

const titles = (html: string) => [...html.matchAll(/<a href="\/works\/\d+">(Listed Work \d+)<\/a>/g)].map((m) => m[1]);

describe('work listings', () => {
  it('shows 20 works a page, newest updated first, with page links', async () => {
    const first = await guest.page('/works');
    expect(titles(first)).toHaveLength(20);
    expect(titles(first)[0]).toBe('Listed Work 23');
    expect(first).toContain('1 – 20 of 23 Works');
    expect(first).toContain('href="/works?page=2"');
    const second = await guest.page('/works?page=2');
    expect(titles(second)).toEqual(['Listed Work 3', 'Listed Work 2', 'Listed Work 1']);
  });

  it('answers bad page numbers with a clear message', async () => {
    for (const page of ['0', '-1', 'abc', '1e9']) {
      const res = await guest.get(`/works?page=${page}`);
      expect(res.status, page).toBe(400);
      expect(guest.lastHtml).toContain('whole number');
    }
    const beyond = await guest.get('/works?page=1000000');
    expect(beyond.status).toBe(404);
    expect(guest.lastHtml).toContain('This list has 2 pages');
  });

  it('lists a tag’s works, a user’s works and a pseud’s works', async () => {
    const tag = await guest.page('/tags/Even%20Fandom*s*Thing/works');
    expect(titles(tag)).toHaveLength(11);
    expect(titles(tag).every((t) => Number(t!.split(' ')[2]) % 2 === 0)).toBe(true);
    expect((await guest.get('/tags/No%20Such%20Tag/works')).status).toBe(404);
    expect(await guest.page('/users/lister/works')).toContain('of 23 Works');
    const pseud = await guest.page('/users/lister/pseuds/Second%20Self/works');
    expect(titles(pseud)).toEqual(['Listed Work 20', 'Listed Work 15', 'Listed Work 10', 'Listed Work 5']);
    expect(pseud).toContain('Second Self (lister)');
    expect((await guest.get('/users/nobody/works')).status).toBe(404);
  });

  it('shows blurbs with fandom, rating, warnings, words and chapters', async () => {
    const html = await guest.page('/works');
    const blurb = /<li class="blurb" id="work_\d+">[\s\S]*?<\/li>\s*(?=<li class="blurb"|<\/ol>)/.exec(html)![0];
    for (const text of ['Odd Fandom', 'Teen And Up Audiences', 'No Archive Warnings Apply', 'M/M', 'Work in Progress', 'Words:', 'Chapters:', '1/?', 'English', 'lister']) {
      expect(blurb).toContain(text);
    }
  });
});
