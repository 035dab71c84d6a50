import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useResponsesArchive } from '../series/responsesTestKit.js';

const kit = useResponsesArchive('sb');
const { ctx, db, postWork, addChapter, viewerOf } = kit;

const userId = async (who: 'reader' | 'writer') => ((await viewerOf(who)) as { id: number }).id;
const notifications = async (who: 'reader' | 'writer') =>
  db().selectFrom('notifications').selectAll().where('user_id', '=', await userId(who)).orderBy('id').execute();
const subscribe = (who: 'reader' | 'writer', kind: string, id: number) => ctx[who].post('/subscriptions', { kind, id: String(id), return_to: '/' });

/** The outbox is shared by every test run: titles carry a token, so mail is told apart. */
const unique = (title: string) => `${title} ${randomBytes(4).toString('hex')}`;

/** Mail written to the test outbox for this address, with soft line breaks undone. */
function mailTo(address: string): string[] {
  const dir = path.join(ctx.archive.services.config.dataDir, 'outbox');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8').replace(/=\r?\n/g, ''))
    .filter((m) => m.includes(`To: ${address}`));
}

describe('subscribing', () => {
  it('sends guests to sign in and stores nothing', async () => {
    const w = await postWork();
    const res = await ctx.guest.post('/subscriptions', { kind: 'work', id: String(w) });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/login/);
    expect((await ctx.guest.get(`/users/${kit.login('reader')}/subscriptions`)).status).toBe(302);
    expect((await ctx.guest.get('/inbox/updates')).status).toBe(302);
    expect(await db().selectFrom('subscriptions').selectAll().execute()).toEqual([]);
  });

  it('subscribes a reader once, and refuses what they may not see or nonsense', async () => {
    const w = await postWork();
    expect((await subscribe('reader', 'work', w)).status).toBe(303);
    expect((await subscribe('reader', 'work', w)).status).toBe(303);
    const rows = await db().selectFrom('subscriptions').selectAll().where('user_id', '=', await userId('reader')).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ target_kind: 'work', work_id: w });
    const draft = await postWork({ action: 'draft' });
    expect((await subscribe('reader', 'work', draft)).status).toBe(404);
    expect((await subscribe('reader', 'series', 999999)).status).toBe(404);
    expect((await subscribe('reader', 'planet', 1)).status).toBe(400);
    expect((await subscribe('reader', 'user', await userId('reader'))).status).toBe(422);
    expect(await ctx.reader.page(`/works/${w}`)).toContain('Unsubscribe');
  });

  it('shows the list to its owner alone, and unsubscribes only the owner’s', async () => {
    const w = await postWork({ title: 'Listed Subscription' });
    await subscribe('reader', 'work', w);
    const list = await ctx.reader.page(`/users/${kit.login('reader')}/subscriptions`);
    expect(list).toContain('Listed Subscription');
    expect((await ctx.writer.get(`/users/${kit.login('reader')}/subscriptions`)).status).toBe(404);
    const sub = await db().selectFrom('subscriptions').select('id').where('work_id', '=', w).executeTakeFirstOrThrow();
    expect((await ctx.writer.post(`/subscriptions/${sub.id}/delete`)).status).toBe(404);
    expect((await ctx.reader.post(`/subscriptions/${sub.id}/delete`, { return_to: `/works/${w}` })).status).toBe(303);
    expect(await db().selectFrom('subscriptions').select('id').where('work_id', '=', w).execute()).toEqual([]);
  });
});

describe('hearing of new chapters and works', () => {
  it('a new chapter reaches the work’s subscribers (inbox and mail), never its creator; drafts reach nobody', async () => {
    const title = unique('Subscribed Letter');
    const w = await postWork({ title });
    await subscribe('reader', 'work', w);
    await subscribe('writer', 'work', w);
    const before = (await notifications('reader')).length;
    const draftChapter = await addChapter(w, 'draft');
    expect((await notifications('reader')).length).toBe(before);
    const chapterId = await addChapter(w, 'post', 'The Reply');
    const mine = (await notifications('reader')).slice(before);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'chapter', work_id: w, chapter_id: chapterId, read_at: null });
    expect(await notifications('writer')).toEqual([]);
    const mail = mailTo(`${kit.login('reader')}@example.com`).filter((m) => m.includes(title));
    expect(mail).toHaveLength(1);
    expect(mail[0]).toContain(`/works/${w}/chapters/${chapterId}`);
    expect(mailTo(`${kit.login('writer')}@example.com`)).toEqual([]);
    // Posting the draft chapter later is news too.
    const res = await ctx.writer.post(`/works/${w}/chapters/${draftChapter}`, { chapter_title: 'Late', text_format: 'plain', text: 'A chapter that waited its turn.', action: 'post' });
    expect(res.status).toBe(303);
    expect((await notifications('reader')).slice(before).map((n) => n.chapter_id)).toEqual([chapterId, draftChapter]);
  });

  it('a new work by a subscribed creator reaches subscribers when posted, not while a draft', async () => {
    await subscribe('reader', 'user', await userId('writer'));
    const before = (await notifications('reader')).length;
    const title = unique('Creator Draft');
    const draft = await postWork({ title, action: 'draft' });
    expect((await notifications('reader')).length).toBe(before);
    expect((await ctx.writer.post(`/works/${draft}/post`)).status).toBe(303);
    const restricted = await postWork({ title: 'Members Work', restricted: 'on' });
    const news = (await notifications('reader')).slice(before);
    expect(news.map((n) => [n.kind, n.work_id])).toEqual([['work', draft], ['work', restricted]]);
    const mail = mailTo(`${kit.login('reader')}@example.com`).filter((m) => m.includes(title));
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatch(new RegExp(`/works/${draft}\\s`));
    await db().deleteFrom('subscriptions').where('target_user_id', '=', await userId('writer')).execute();
  });

  it('a posted work joining a subscribed series reaches the series’ subscribers once', async () => {
    const res = await ctx.writer.post('/series', { title: 'Followed Series' });
    const seriesId = Number(/\/series\/(\d+)/.exec(res.headers.get('location')!)![1]);
    const first = await postWork();
    await ctx.writer.post(`/series/${seriesId}/parts`, { work_id: String(first) });
    expect((await subscribe('reader', 'series', seriesId)).status).toBe(303);
    const before = (await notifications('reader')).length;
    const next = await postWork({ title: 'Series Part Two' });
    await ctx.writer.post(`/series/${seriesId}/parts`, { work_id: String(next) });
    const draft = await postWork({ action: 'draft' });
    await ctx.writer.post(`/series/${seriesId}/parts`, { work_id: String(draft) });
    expect((await notifications('reader')).slice(before).map((n) => n.work_id)).toEqual([next]);
    // The draft, posted later, is a new work in the series.
    await ctx.writer.post(`/works/${draft}/post`);
    expect((await notifications('reader')).slice(before).map((n) => n.work_id)).toEqual([next, draft]);
  });
});

describe('the updates inbox', () => {
  it('lists unread first, marks one or all read, and forgets deleted works', async () => {
    const w = await postWork({ title: 'Inbox Letter' });
    await subscribe('reader', 'work', w);
    await addChapter(w, 'post', 'Inbox Chapter');
    await addChapter(w, 'post', 'Second Inbox Chapter');
    const html = await ctx.reader.page('/inbox/updates');
    expect(html).toContain('Inbox Letter');
    expect(html).toContain('Second Inbox Chapter');
    const unread = (await notifications('reader')).filter((n) => n.read_at === null);
    const oldest = unread[0]!;
    expect((await ctx.reader.post('/inbox/updates/read', { id: String(oldest.id) })).status).toBe(303);
    const after = await ctx.reader.page('/inbox/updates');
    // The one just read drops below every unread one.
    expect(after.lastIndexOf('class="unread"')).toBeLessThan(after.indexOf('class="read"'));
    expect((await ctx.writer.post('/inbox/updates/read', { all: '1' })).status).toBe(303);
    expect((await notifications('reader')).filter((n) => n.read_at === null).length).toBe(unread.length - 1);
    expect((await ctx.reader.post('/inbox/updates/read', { id: 'abc' })).status).toBe(400);
    expect((await ctx.reader.post('/inbox/updates/read', { all: '1' })).status).toBe(303);
    expect((await notifications('reader')).every((n) => n.read_at !== null)).toBe(true);
    expect((await ctx.writer.post(`/works/${w}/delete`)).status).toBe(303);
    expect(await ctx.reader.page('/inbox/updates')).not.toContain('Inbox Letter');
    expect((await db().selectFrom('subscriptions').select('id').where('work_id', '=', w).execute())).toEqual([]);
  });
});
