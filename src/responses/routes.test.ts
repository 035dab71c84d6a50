import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, workFields, type TestArchive } from '../testing/testApp.js';
import { count, fromWorkPage, user } from './testKit.js';
import { GUEST } from '../policy/viewer.js';
import { KUDOS_NAMES_SHOWN } from './store.js';

let archive: TestArchive;
let author: TestClient;
let reader: TestClient;
let troll: TestClient;
// In-process requests share one address, so guests here share one bucket of the newcomers'
// limit (3 comments per 15 minutes): this file sends no more than 3 guest comments.
let guest: TestClient;
const db = () => archive.services.database.db;

/** Accounts older than a week are not held to the newcomers' comment limit. */
async function age(login: string) {
  await db().updateTable('users').set({ created_at: new Date(Date.now() - 30 * 86_400_000).toISOString() }).where('login', '=', login).execute();
}

async function postWork(overrides: Record<string, string> = {}) {
  const u = (await archive.services.accounts.findUser('author'))!;
  const pseud = (await archive.services.accounts.pseudsOf(u.id))[0]!.id;
  const res = await author.post('/works', workFields(overrides, pseud));
  expect(res.status).toBe(303);
  return Number(/\/works\/(\d+)/.exec(res.headers.get('location')!)![1]);
}

const comments = (workId: number) => db().selectFrom('comments').selectAll().where('work_id', '=', workId).orderBy('id').execute();
const kudosRows = (workId: number) => db().selectFrom('kudos').selectAll().where('work_id', '=', workId).execute();

let work: number;
beforeAll(async () => {
  archive = await testArchive();
  author = await new TestClient(archive.app).signUp('author');
  reader = await new TestClient(archive.app).signUp('reader');
  troll = await new TestClient(archive.app).signUp('troll');
  guest = new TestClient(archive.app);
  for (const login of ['author', 'reader', 'troll']) await age(login);
  await author.post('/users/troll/block', {});
  work = await postWork({ title: 'Responses Work' });
});
afterAll(async () => { await archive.close(); });

describe('the work page', () => {
  it('gives guests a kudos button and a comment form with a CSRF token, and a 304 on a repeat visit', async () => {
    const visitor = new TestClient(archive.app);
    const res = await visitor.get(`/works/${work}`);
    const html = visitor.lastHtml;
    expect(html).toContain(`action="/works/${work}/kudos"`);
    expect(html).toMatch(/name="_csrf" value="[^"]+"/);
    expect(html).toContain('name="guest_email"');
    expect(html).toContain('Comments (0)');
    const etag = res.headers.get('etag')!;
    expect((await visitor.request('GET', `/works/${work}`, undefined, { 'if-none-match': etag })).status).toBe(304);
    // Another visitor has another token in the forms, so never the first one's page.
    const second = new TestClient(archive.app);
    const other = await second.get(`/works/${work}`);
    expect(other.headers.get('etag')).not.toBe(etag);
    expect(await second.csrf()).not.toBe(await visitor.csrf());
    // A kudos changes what the page shows, and so its ETag.
    await visitor.post(`/works/${work}/kudos`, {});
    const after = await visitor.request('GET', `/works/${work}`, undefined, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('1 guest left kudos on this work!');
  });

  it('shows guests each new kudos and each new comment, though the kudos line and the threads are cached apart', async () => {
    const id = await postWork({ title: 'Cached apart' });
    const looker = new TestClient(archive.app);
    expect(await looker.page(`/works/${id}`)).not.toContain('left kudos on this work!');
    // Signed-in comments: guests' would use up the address's comment allowance other tests need.
    await fromWorkPage(reader, id, `/works/${id}/comments`, { body: 'First!' });
    let html = await looker.page(`/works/${id}`);
    expect(html).toContain('Comments (1)');
    await fromWorkPage(new TestClient(archive.app), id, `/works/${id}/kudos`, {});
    html = await looker.page(`/works/${id}`);
    expect(html).toContain('1 guest left kudos on this work!');
    expect(html).toContain('First!');
    await fromWorkPage(reader, id, `/works/${id}/kudos`, {});
    await fromWorkPage(reader, id, `/works/${id}/comments`, { body: 'Second!' });
    html = await looker.page(`/works/${id}`);
    expect(html).toMatch(/reader<\/a> and 1 guest left kudos on this work!/);
    expect(html).toContain('Comments (2)');
    expect(html).toContain('Second!');
  });

  it('names the first givers on the work page and every giver on the kudos list behind "N more users"', async () => {
    const id = await postWork({ title: 'Much loved' });
    const givers = [];
    for (let i = 0; i < KUDOS_NAMES_SHOWN + 2; i++) {
      const fan = await user(archive, `fan${String(i).padStart(2, '0')}`);
      expect(await archive.services.responses.leaveKudos(fan.viewer, id, '10.0.0.1')).toEqual({ ok: true, value: 'given' });
      givers.push(fan.viewer.login);
    }
    expect(await archive.services.responses.leaveKudos(GUEST, id, '203.0.113.50')).toEqual({ ok: true, value: 'given' });
    const html = await new TestClient(archive.app).page(`/works/${id}`);
    const line = /<p class="kudos">([\s\S]*?)<\/p>/.exec(html)![1]!;
    for (const login of givers.slice(0, KUDOS_NAMES_SHOWN)) expect(line).toContain(`>${login}</a>`);
    expect(line).not.toContain(`>${givers[KUDOS_NAMES_SHOWN]}</a>`);
    expect(line).toContain(`<a href="/works/${id}/kudos">2 more users</a> and 1 guest left kudos on this work!`);
    const list = await new TestClient(archive.app).page(`/works/${id}/kudos`);
    for (const login of givers) expect(list).toContain(`>${login}</a>`);
    expect(list).toContain('1 guest also left kudos.');
    // Signed-in readers see the same short line.
    expect(await reader.page(`/works/${id}`)).toContain('2 more users</a>');
  });

  it('keeps a restricted work’s kudos list from guests', async () => {
    const id = await postWork({ title: 'Members only', restricted: '1' });
    expect((await new TestClient(archive.app).get(`/works/${id}/kudos`)).status).toBe(404);
    expect((await reader.get(`/works/${id}/kudos`)).status).toBe(200);
  });

  it('counts a hit for readers but not for the creator, without changing the work’s version', async () => {
    const id = await postWork({ title: 'Hit counting' });
    const version = (await db().selectFrom('works').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
    await author.get(`/works/${id}`);
    await archive.services.hits.flush();
    expect((await db().selectFrom('works').select('hits_count').where('id', '=', id).executeTakeFirstOrThrow()).hits_count).toBe(0);
    await reader.get(`/works/${id}`);
    await reader.get(`/works/${id}`);
    await new TestClient(archive.app).get(`/works/${id}`);
    await archive.services.hits.flush();
    const row = await db().selectFrom('works').select(['hits_count', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ hits_count: 2, version });
  });
});

describe('POST /works/:id/kudos', () => {
  it('takes kudos from a guest once per address and from a reader once', async () => {
    const id = await postWork({ title: 'Kudos work' });
    const g = new TestClient(archive.app);
    expect((await fromWorkPage(g, id, `/works/${id}/kudos`, {})).status).toBe(303);
    await fromWorkPage(g, id, `/works/${id}/kudos`, {});
    expect(g.lastHtml).toBe('');
    expect(await g.page(`/works/${id}`)).toContain('You have already left kudos here.');
    expect((await fromWorkPage(reader, id, `/works/${id}/kudos`, {})).status).toBe(303);
    expect(await reader.page(`/works/${id}`)).toContain('You left kudos on this work.');
    const other = await new TestClient(archive.app).signUp('otherfan');
    expect((await fromWorkPage(other, id, `/works/${id}/kudos`, {})).status).toBe(303);
    expect(await kudosRows(id)).toHaveLength(3);
    const html = await new TestClient(archive.app).page(`/works/${id}`);
    expect(html).toMatch(/reader<\/a>, <a[^>]*>otherfan<\/a> and 1 guest left kudos on this work!/);
    expect((await db().selectFrom('works').select('kudos_count').where('id', '=', id).executeTakeFirstOrThrow()).kudos_count).toBe(3);
    // A user the creator blocked may not.
    const blocked = await fromWorkPage(troll, id, `/works/${id}/kudos`, {});
    expect(blocked.status).toBe(403);
    expect(troll.lastHtml).toContain('blocked you');
    expect(await kudosRows(id)).toHaveLength(3);
  });

  it('refuses the creator, a guest on a restricted work, and a form without its token', async () => {
    const id = await postWork({ title: 'Own kudos' });
    const res = await fromWorkPage(author, id, `/works/${id}/kudos`, {});
    expect(res.status).toBe(403);
    expect(author.lastHtml).toContain('own work');
    const restricted = await postWork({ title: 'Members only', restricted: 'on' });
    expect((await new TestClient(archive.app).post(`/works/${restricted}/kudos`, {})).status).toBe(404);
    expect((await new TestClient(archive.app).post(`/works/${id}/kudos`, {}, { csrf: 'forged' })).status).toBe(403);
    expect(await kudosRows(id)).toHaveLength(0);
    expect(await kudosRows(restricted)).toHaveLength(0);
  });
});

describe('POST /works/:id/comments', () => {
  it('takes a guest’s comment with a name and email, and explains what is missing', async () => {
    const id = await postWork({ title: 'Guest comments' });
    const res = await fromWorkPage(guest, id, `/works/${id}/comments`, { body: 'So good!', guest_name: 'Izzy', guest_email: 'izzy@example.com' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(new RegExp(`^/works/${id}#comment-\\d+$`));
    const bad = await fromWorkPage(guest, id, `/works/${id}/comments`, { body: 'Hi', guest_name: 'Izzy', guest_email: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect(guest.lastHtml).toContain('Enter a valid email address');
    expect(await comments(id)).toMatchObject([{ guest_name: 'Izzy', guest_email: 'izzy@example.com', body: '<p>So good!</p>', user_id: null }]);
    expect(await new TestClient(archive.app).page(`/works/${id}`)).toContain('Izzy <span class="guest-mark">(Guest)</span>');
  });

  it('takes comments from a reader and the creator, refuses a blocked user and text over 10,000 characters', async () => {
    const id = await postWork({ title: 'Reader comments' });
    expect((await fromWorkPage(reader, id, `/works/${id}/comments`, { body: 'Reader here' })).status).toBe(303);
    expect((await fromWorkPage(author, id, `/works/${id}/comments`, { body: 'Author here' })).status).toBe(303);
    const blocked = await fromWorkPage(troll, id, `/works/${id}/comments`, { body: 'Troll here' });
    expect(blocked.status).toBe(403);
    expect(troll.lastHtml).toContain('the creator has blocked you');
    const long = await fromWorkPage(reader, id, `/works/${id}/comments`, { body: 'x'.repeat(10_001) });
    expect(long.status).toBe(400);
    expect(reader.lastHtml).toContain('at most 10,000 characters');
    expect((await comments(id)).map((c) => c.body)).toEqual(['<p>Reader here</p>', '<p>Author here</p>']);
    expect(await count(archive, 'inbox_items')).toBeGreaterThan(0);
    // The author is told by email too (the test mailer writes .eml files to DATA_DIR/outbox).
    const outbox = path.join(archive.services.config.dataDir, 'outbox');
    const mails = await Promise.all((await readdir(outbox)).map((f) => readFile(path.join(outbox, f), 'utf8')));
    expect(mails.some((m) => m.includes('To: author@example.com') && m.includes(`/works/${id}#comment-`) && m.includes('Reader here'))).toBe(true);
  });

  it('404s a guest’s comment on a restricted work and stores nothing', async () => {
    const id = await postWork({ title: 'Restricted comments', restricted: 'on' });
    const res = await guest.post(`/works/${id}/comments`, { body: 'Hi', guest_name: 'Izzy', guest_email: 'izzy@example.com' });
    expect(res.status).toBe(404);
    expect(guest.lastHtml).not.toContain('Restricted comments');
    expect(await comments(id)).toEqual([]);
  });

  it('holds new accounts to 3 comments per 15 minutes, with a clear message', async () => {
    const newbie = await new TestClient(archive.app).signUp('newbie');
    const id = await postWork({ title: 'Rate limited' });
    for (let i = 1; i <= 3; i++) expect((await fromWorkPage(newbie, id, `/works/${id}/comments`, { body: `Comment ${i}` })).status).toBe(303);
    const fourth = await fromWorkPage(newbie, id, `/works/${id}/comments`, { body: 'Comment 4' });
    expect(fourth.status).toBe(429);
    expect(newbie.lastHtml).toContain('New accounts and guests can post 3 comments every 15 minutes');
    expect(await comments(id)).toHaveLength(3);
  });

  it('follows the creator’s comment settings', async () => {
    const id = await postWork({ title: 'Settings' });
    expect((await reader.get(`/works/${id}/comment-settings`)).status).toBe(404);
    expect((await reader.post(`/works/${id}/comment-settings`, { comment_permission: 'none' })).status).toBe(403);
    expect((await author.get(`/works/${id}/comment-settings`)).status).toBe(200);
    expect((await author.post(`/works/${id}/comment-settings`, { comment_permission: 'sometimes' })).status).toBe(400);
    expect((await author.post(`/works/${id}/comment-settings`, { comment_permission: 'users' })).status).toBe(303);
    expect(await new TestClient(archive.app).page(`/works/${id}`)).toContain('Only signed-in users can comment on this work.');
    expect((await author.post(`/works/${id}/comment-settings`, { comment_permission: 'everyone', moderate_comments: 'on' })).status).toBe(303);
    expect((await fromWorkPage(reader, id, `/works/${id}/comments`, { body: 'Please approve' })).status).toBe(303);
    expect(await new TestClient(archive.app).page(`/works/${id}`)).not.toContain('Please approve');
    expect(await reader.page(`/works/${id}`)).toContain('waiting for the creator’s approval');
    const [held] = await comments(id);
    expect((await fromWorkPage(reader, id, `/comments/${held!.id}/approve`, {})).status).toBe(403);
    expect((await fromWorkPage(author, id, `/comments/${held!.id}/approve`, {})).status).toBe(303);
    expect(await new TestClient(archive.app).page(`/works/${id}`)).toContain('Please approve');
  });
});

describe('replies, edits, deletion and freezing', () => {
  let id: number;
  let readerComment: number;
  beforeAll(async () => {
    id = await postWork({ title: 'Threads' });
    await fromWorkPage(reader, id, `/works/${id}/comments`, { body: 'Top level' });
    readerComment = (await comments(id))[0]!.id;
  });

  it('offers guests a reply page without JavaScript and takes replies', async () => {
    const html = await guest.page(`/comments/${readerComment}/reply`);
    expect(html).toContain('Top level');
    expect(html).toContain('name="guest_name"');
    expect((await author.post(`/comments/${readerComment}/replies`, { body: 'Thanks!', return_to: `/works/${id}` })).status).toBe(303);
    expect((await comments(id)).map((c) => [c.body, c.depth])).toEqual([['<p>Top level</p>', 1], ['<p>Thanks!</p>', 2]]);
  });

  it('takes a guest’s reply with a name, and 404s a reply to a comment that does not exist', async () => {
    const g = new TestClient(archive.app);
    await g.get(`/comments/${readerComment}/reply`);
    const res = await g.post(`/comments/${readerComment}/replies`, { body: 'Guest reply', guest_name: 'Clary', guest_email: 'clary@example.com', return_to: `/works/${id}` });
    expect(res.status).toBe(303);
    expect((await reader.post('/comments/99999999/replies', { body: 'Nobody' })).status).toBe(404);
    const stored = (await comments(id)).filter((c) => c.guest_name === 'Clary');
    expect(stored).toMatchObject([{ body: '<p>Guest reply</p>', depth: 2 }]);
    await db().deleteFrom('comments').where('id', '=', stored[0]!.id).execute();
  });

  it('refuses a reply from a user the comment’s author blocked', async () => {
    await reader.post('/users/troll/block', {});
    const res = await troll.post(`/comments/${readerComment}/replies`, { body: 'Hah' });
    expect(res.status).toBe(403);
    expect(await comments(id)).toHaveLength(2);
    await reader.post('/users/troll/unblock', {});
  });

  it('refuses a reply past the fifth level', async () => {
    let parent = (await comments(id))[1]!.id;
    for (let depth = 3; depth <= 5; depth++) {
      await author.post(`/comments/${parent}/replies`, { body: `Depth ${depth}` });
      parent = (await comments(id)).at(-1)!.id;
    }
    const res = await reader.post(`/comments/${parent}/replies`, { body: 'Depth 6' });
    expect(res.status).toBe(403);
    expect(reader.lastHtml).toContain('at most 5 levels deep');
    // The reply page says so at once, rather than offering a box that will be refused.
    const page = await reader.page(`/comments/${parent}/reply`);
    expect(page).toContain('at most 5 levels deep');
    expect(page).not.toContain('name="body"');
    expect((await comments(id)).map((c) => c.depth)).toEqual([1, 2, 3, 4, 5]);
  });

  it('lets only the commenter edit', async () => {
    expect((await guest.post(`/comments/${readerComment}/edit`, { body: 'Guest edit' })).status).toBe(302);
    expect((await troll.post(`/comments/${readerComment}/edit`, { body: 'Troll edit' })).status).toBe(403);
    expect((await author.post(`/comments/${readerComment}/edit`, { body: 'Author edit' })).status).toBe(403);
    expect(await reader.page(`/comments/${readerComment}/edit`)).toContain('Top level');
    expect((await reader.post(`/comments/${readerComment}/edit`, { body: 'Top level, edited' })).status).toBe(303);
    expect((await comments(id))[0]!.body).toBe('<p>Top level, edited</p>');
  });

  it('lets the creator freeze a thread; frozen, it takes no replies', async () => {
    expect((await reader.post(`/comments/${readerComment}/freeze`, {})).status).toBe(403);
    expect((await author.post(`/comments/${readerComment}/freeze`, {})).status).toBe(303);
    expect((await reader.post(`/comments/${readerComment}/replies`, { body: 'Frozen?' })).status).toBe(403);
    expect(reader.lastHtml).toContain('frozen');
    expect((await author.post(`/comments/${readerComment}/unfreeze`, {})).status).toBe(303);
    expect((await comments(id)).every((c) => c.frozen === 0)).toBe(true);
  });

  it.each(['delete', 'freeze', 'unfreeze', 'approve'])('sends a guest to sign in and refuses a blocked user on /%s, changing nothing', async (verb) => {
    const before = await comments(id);
    const res = await new TestClient(archive.app).post(`/comments/${readerComment}/${verb}`, {});
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/login/);
    expect((await troll.post(`/comments/${readerComment}/${verb}`, {})).status).toBe(403);
    expect(await comments(id)).toEqual(before);
  });

  it('lets a reader delete their own comment', async () => {
    await reader.post(`/works/${id}/comments`, { body: 'Second thoughts' });
    const mine = (await comments(id)).at(-1)!;
    expect((await reader.post(`/comments/${mine.id}/delete`, {})).status).toBe(303);
    expect((await comments(id)).map((c) => c.id)).not.toContain(mine.id);
  });

  it('deletes: others may not, the creator may; a deleted comment with replies keeps the thread', async () => {
    expect((await troll.post(`/comments/${readerComment}/delete`, {})).status).toBe(403);
    expect((await guest.post(`/comments/${readerComment}/delete`, {})).status).toBe(302);
    expect((await author.post(`/comments/${readerComment}/delete`, {})).status).toBe(303);
    const html = await new TestClient(archive.app).page(`/works/${id}`);
    expect(html).toContain('(Previous comment deleted.)');
    expect(html).not.toContain('Top level, edited');
    expect(html).toContain('Thanks!');
  });
});

describe('ids from outside', () => {
  it.each([
    ['GET', '/comments/99999999999/reply'],
    ['GET', '/comments/2147483648/edit'],
    ['POST', '/comments/99999999999999999999/replies'],
    ['POST', '/comments/99999999999/delete'],
    ['GET', '/works/99999999999/kudos'],
    ['POST', '/works/99999999999/kudos'],
    ['POST', '/works/99999999999/comments'],
  ])('answers %s %s with 404, not an error', async (method, path) => {
    const res = method === 'GET' ? await reader.get(path) : await reader.post(path, { body: 'Hi' });
    expect(res.status).toBe(404);
  });
});
