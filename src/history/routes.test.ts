import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWork } from '../stats/testKit.js';
import { TestClient, testArchive, type TestArchive } from '../testing/testApp.js';
import type { SignedInViewer } from '../web/session.js';

let archive: TestArchive;
let guest: TestClient;
let reader: TestClient;
let other: TestClient;
let writer: TestClient;
let writerViewer: SignedInViewer;
let work: number;
let second: number;

const db = () => archive.services.database.db;
const viewerOf = async (login: string): Promise<SignedInViewer> => {
  const user = await archive.services.accounts.findUser(login);
  return { kind: 'user', id: user!.id, login, isAdmin: false, isWrangler: false };
};

beforeAll(async () => {
  archive = await testArchive();
  guest = new TestClient(archive.app);
  reader = await new TestClient(archive.app).signUp('rhreader');
  other = await new TestClient(archive.app).signUp('rhother');
  writer = await new TestClient(archive.app).signUp('rhwriter');
  writerViewer = await viewerOf('rhwriter');
  work = await makeWork(archive, writerViewer, { title: 'Read Me Twice' }, 2);
  second = await makeWork(archive, writerViewer, { title: 'Save For Later' });
});
afterAll(async () => { await archive.close(); });

describe('the work page', () => {
  it('offers signed-in readers Mark for Later, and keeps it out of the page guests share', async () => {
    const before = await guest.page(`/works/${work}`);
    expect(before).not.toContain('Mark for Later');
    const html = await reader.page(`/works/${work}`);
    expect(html).toMatch(new RegExp(`<form method="post" action="/works/${work}/mark_for_later"[^>]*><input type="hidden" name="_csrf" value="[^"]+"/><input type="hidden" name="return_to" value="/works/${work}"/><button type="submit">Mark for Later</button>`));
    const after = await guest.page(`/works/${work}`);
    expect(after).not.toContain('Mark for Later');
    expect(after).not.toContain('rhreader');
  });

  it('records a signed-in reader\'s visit, but not a guest\'s or the creator\'s', async () => {
    await reader.get(`/works/${work}`);
    await guest.get(`/works/${work}`);
    await writer.get(`/works/${work}`);
    await archive.services.history.flush();
    const rows = await db().selectFrom('readings').selectAll().where('work_id', '=', work).execute();
    expect(rows.map((r) => r.user_id)).toEqual([(await viewerOf('rhreader')).id]);
    expect(rows[0]!.visit_count).toBe(2);
  });
});

describe('the readings page', () => {
  it('shows the reader the works they read, with visits and the chapter', async () => {
    const html = await reader.page('/users/rhreader/readings');
    expect(html).toContain('<h1>History</h1>');
    expect(html).toContain('Read Me Twice');
    expect(html).toContain('Visited twice.');
    expect(html).toMatch(/Last read: <a href="\/works\/\d+\/chapters\/\d+">Chapter 1<\/a>/);
    expect(html).not.toContain('Save For Later');
  });

  it('names the last chapter read only for works of several chapters', async () => {
    const single = await makeWork(archive, writerViewer, { title: 'Just One Part' });
    await reader.get(`/works/${single}`);
    const html = await reader.page('/users/rhreader/readings');
    const entry = html.slice(html.indexOf('Just One Part'), html.indexOf('<li class="blurb', html.indexOf('Just One Part')));
    expect(entry).toContain('Visited once.');
    expect(entry).not.toContain('Last read');
  });

  it('is nobody else\'s: other readers, guests and unknown logins get 404', async () => {
    expect((await other.get('/users/rhreader/readings')).status).toBe(404);
    expect(other.lastHtml).not.toContain('Read Me Twice');
    expect((await guest.get('/users/rhreader/readings')).status).toBe(404);
    expect((await guest.get('/users/rhreader/readings?show=to-read')).status).toBe(404);
    expect((await reader.get('/users/nobody-here/readings')).status).toBe(404);
    expect((await other.get('/users/rhreader/readings/clear')).status).toBe(404);
  });

  it('answers a bad list or page with a message', async () => {
    expect((await reader.get('/users/rhreader/readings?show=everything')).status).toBe(400);
    expect(reader.lastHtml).toContain('This list could not be shown');
    expect((await reader.get('/users/rhreader/readings?page=0')).status).toBe(400);
    expect((await reader.get('/users/rhreader/readings?page=9')).status).toBe(404);
    expect(reader.lastHtml).toContain('This list has 1 pages.');
  });

  it('says when a work was updated since the last visit', async () => {
    const growing = await makeWork(archive, writerViewer, { title: 'Still Growing' });
    await reader.get(`/works/${growing}`);
    const entry = (html: string) => {
      const start = html.indexOf('Still Growing');
      const next = html.indexOf('<li class="blurb', start);
      return html.slice(start, next < 0 ? undefined : next);
    };
    expect(entry(await reader.page('/users/rhreader/readings'))).not.toContain('Update available');
    await new Promise((r) => setTimeout(r, 5)); // the new chapter is posted after the visit, to the millisecond
    const added = await archive.services.posting.addChapter(writerViewer, growing, { chapter_title: 'More', text: 'And then some.', text_format: 'plain' }, 'post');
    expect(added.ok).toBe(true);
    expect(entry(await reader.page('/users/rhreader/readings'))).toContain('Update available.');
  });

  it('never shows the title of a work that went back to draft', async () => {
    const fading = await makeWork(archive, writerViewer, { title: 'Quietly Withdrawn' });
    await reader.get(`/works/${fading}`);
    await db().updateTable('works').set({ status: 'draft' }).where('id', '=', fading).execute();
    const html = await reader.page('/users/rhreader/readings');
    expect(html).toContain('A work you can no longer read');
    expect(html).not.toContain('Quietly Withdrawn');
    expect((await reader.post(`/users/rhreader/readings/${fading}/delete`)).status).toBe(303);
    expect(await reader.page('/users/rhreader/readings')).not.toContain('A work you can no longer read');
  });
});

describe('Marked for Later', () => {
  it('marks from the work page, lists it, and turns the button into Mark as Read', async () => {
    await reader.get(`/works/${second}`);
    const res = await reader.post(`/works/${second}/mark_for_later`, { return_to: `/works/${second}` });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/works/${second}`);
    const page = await reader.page(`/works/${second}`);
    expect(page).toContain('This work was added to your Marked for Later list.');
    expect(page).toContain(`action="/works/${second}/mark_as_read"`);
    const list = await reader.page('/users/rhreader/readings?show=to-read');
    expect(list).toContain('<h1>Marked for Later</h1>');
    expect(list).toContain('Save For Later');
    expect(list).not.toContain('Read Me Twice');
  });

  it('unmarks with Mark as Read from the list, back to the list', async () => {
    await reader.get('/users/rhreader/readings?show=to-read');
    const res = await reader.post(`/works/${second}/mark_as_read`, { return_to: '/users/rhreader/readings?show=to-read' });
    expect(res.headers.get('location')).toBe('/users/rhreader/readings?show=to-read');
    expect(await reader.page('/users/rhreader/readings?show=to-read')).toContain('You have not marked any works for later.');
  });

  it('needs a signed-in reader, a CSRF token, a readable work and a local return address', async () => {
    const asGuest = await guest.post(`/works/${second}/mark_for_later`);
    expect(asGuest.status).toBe(302);
    expect(asGuest.headers.get('location')).toMatch(/^\/login/);
    expect((await reader.post(`/works/${second}/mark_for_later`, {}, { csrf: null })).status).toBe(403);
    const draft = await makeWork(archive, writerViewer, { title: 'Not Yet', action: 'draft' });
    expect((await reader.post(`/works/${draft}/mark_for_later`)).status).toBe(404);
    expect((await reader.post('/works/999999/mark_for_later')).status).toBe(404);
    const away = await reader.post(`/works/${second}/mark_for_later`, { return_to: '//evil.example/' });
    expect(away.headers.get('location')).toBe('/');
  });
});

describe('pause, clear and delete', () => {
  it('pauses and resumes recording', async () => {
    const quiet = await makeWork(archive, writerViewer, { title: 'Read While Paused' });
    await reader.get('/users/rhreader/readings');
    expect((await reader.post('/users/rhreader/readings/pause', { paused: '1' })).status).toBe(303);
    expect(await reader.page('/users/rhreader/readings')).toContain('Your history is paused');
    await reader.get(`/works/${quiet}`);
    expect(await reader.page('/users/rhreader/readings')).not.toContain('Read While Paused');
    await reader.post('/users/rhreader/readings/pause', { paused: '0' });
    await reader.get(`/works/${quiet}`);
    const html = await reader.page('/users/rhreader/readings');
    expect(html).toContain('Read While Paused');
    expect(html).not.toContain('Your history is paused');
    expect((await reader.post('/users/rhreader/readings/pause', { paused: 'maybe' })).status).toBe(400);
  });

  it('lets nobody else pause, clear or delete', async () => {
    await other.get('/');
    for (const [path, fields] of [['/users/rhreader/readings/pause', { paused: '1' }], ['/users/rhreader/readings/clear', {}], [`/users/rhreader/readings/${work}/delete`, {}]] as const) {
      expect((await other.post(path, fields)).status).toBe(404);
      expect((await guest.post(path, fields)).status).toBe(404);
    }
    const html = await reader.page('/users/rhreader/readings');
    expect(html).toContain('Read Me Twice');
    expect(html).not.toContain('Your history is paused');
  });

  it('deletes one entry', async () => {
    await reader.get('/users/rhreader/readings');
    const res = await reader.post(`/users/rhreader/readings/${work}/delete`);
    expect(res.headers.get('location')).toBe('/users/rhreader/readings');
    const html = await reader.page('/users/rhreader/readings');
    expect(html).not.toContain('Read Me Twice');
    expect(html).toContain('Save For Later');
  });

  it('clears after asking', async () => {
    const confirm = await reader.page('/users/rhreader/readings/clear');
    expect(confirm).toContain('Clear your history?');
    expect(confirm).toContain('Yes, Clear History');
    const res = await reader.post('/users/rhreader/readings/clear');
    expect(res.status).toBe(303);
    const html = await reader.page(res.headers.get('location')!);
    expect(html).toContain('Your history was cleared.');
    expect(html).toContain('You have no works in your history.');
  });
});
