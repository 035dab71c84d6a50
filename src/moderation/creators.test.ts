import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailMessage } from '../mail/mailer.js';
import { TestClient, testArchive, workFields, type TestArchive } from '../testing/testApp.js';

let archive: TestArchive;
let guest: TestClient;
let reader: TestClient;
const sent: MailMessage[] = [];

beforeAll(async () => {
  archive = await testArchive();
  archive.services.mail.send = async (m) => void sent.push(m);
  guest = new TestClient(archive.app);
  reader = await new TestClient(archive.app).signUp('cc_reader');
});
afterAll(async () => { await archive.close(); });

async function pseudOf(login: string) {
  const user = await archive.services.accounts.findUser(login);
  return (await archive.services.accounts.pseudsOf(user!.id))[0]!.id;
}
async function post(client: TestClient, login: string, fields: Record<string, string> = {}) {
  const res = await client.post('/works', workFields(fields, await pseudOf(login)));
  if (res.status !== 303) throw new Error(`posting failed: ${res.status}`);
  return Number(res.headers.get('location')!.split('/').pop());
}
const byline = (html: string) => /<p class="byline">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';

describe('orphaning', () => {
  it('asks first, then puts orphan_account in the creator’s place and keeps the work', async () => {
    const writer = await new TestClient(archive.app).signUp('cc_orphaner');
    const id = await post(writer, 'cc_orphaner', { title: 'Left Behind' });
    expect((await guest.get(`/works/${id}/orphan`)).status).toBe(302);
    expect((await reader.get(`/works/${id}/orphan`)).status).toBe(404);
    expect((await reader.post(`/works/${id}/orphan`)).status).toBe(404);
    expect(await writer.page(`/works/${id}/orphan`)).toContain('cannot be undone');
    expect((await writer.post(`/works/${id}/orphan`)).status).toBe(303);
    const page = await guest.page(`/works/${id}`);
    expect(page).toContain('Left Behind');
    expect(byline(page)).toContain('orphan_account');
    expect(byline(page)).not.toContain('cc_orphaner');
    expect(await guest.page('/users/cc_orphaner/works')).not.toContain('Left Behind');
    expect(await guest.page('/works/search?q=creator%3Acc_orphaner')).not.toContain('Left Behind');
    // No longer theirs to change.
    expect((await writer.get(`/works/${id}/edit`)).status).not.toBe(200);
    expect((await writer.post(`/works/${id}/orphan`)).status).toBe(404);
    // Nobody can sign in as orphan_account.
    expect((await new TestClient(archive.app).signIn('orphan_account', '!')).status).toBe(401);
  });
});

describe('anonymous works', () => {
  it('hides the creator from everyone but the creator: page, blurbs, user listings and creator search', async () => {
    const writer = await new TestClient(archive.app).signUp('cc_anon');
    const id = await post(writer, 'cc_anon', { title: 'Nameless Letter', anonymous: 'on', freeforms: 'Quokka' });
    for (const client of [guest, reader]) {
      const page = await client.page(`/works/${id}`);
      expect(byline(page)).toContain('Anonymous');
      expect(page).not.toContain('cc_anon');
      const list = await client.page('/works');
      expect(list).toContain('Nameless Letter');
      expect(/<li class="blurb" id="work_\d+">[\s\S]*?Nameless Letter[\s\S]*?<\/li>/.exec(list)![0]).not.toContain('cc_anon');
      expect(await client.page('/users/cc_anon/works')).not.toContain('Nameless Letter');
      expect(await client.page('/works/search?q=creator%3Acc_anon')).not.toContain('Nameless Letter');
      expect(await client.page('/works/search?q=quokka')).toContain('Nameless Letter');
    }
    const own = await writer.page(`/works/${id}`);
    expect(byline(own)).toContain('cc_anon');
    expect(byline(own)).toContain('only you see this');
    expect(await writer.page(`/works/${id}/edit`)).toMatch(/name="anonymous" value="on"[^>]*checked/);
  });
});

describe('anonymous works beyond their page', () => {
  it('name nobody on series pages, bookmarks, history, feeds, downloads and subscription mail', async () => {
    const writer = await new TestClient(archive.app).signUp('cc_masked');
    const userId = (await archive.services.accounts.findUser('cc_masked'))!.id;
    await reader.post('/subscriptions', { kind: 'user', id: String(userId), return_to: '/' });
    const seriesId = Number(/\/series\/(\d+)/.exec((await writer.post('/series', { title: 'Masked Letters' })).headers.get('location')!)![1]);
    const mailBefore = sent.length;
    const id = await post(writer, 'cc_masked', { title: 'Unsigned Letter', anonymous: 'on', freeforms: 'Wombat' });
    // The creator's own subscribers are not told: that would tell them who wrote it.
    expect(sent.slice(mailBefore).map((m) => m.subject).join('\n')).not.toContain('Unsigned Letter');

    expect((await writer.post(`/series/${seriesId}/parts`, { work_id: String(id) })).status).toBe(303);
    await reader.post(`/works/${id}/bookmarks`, { notes: 'Keep.' });
    await reader.post('/subscriptions', { kind: 'work', id: String(id), return_to: '/' });
    // The creator reads and downloads it first: nothing made for them may reach anyone else.
    for (const format of ['txt', 'html', 'epub']) expect((await writer.get(`/downloads/${id}/unsigned.${format}`)).status).toBe(200);
    await reader.get(`/works/${id}`);

    const blurb = (html: string) => /<li class="blurb" id="work_\d+">[\s\S]*?Unsigned Letter[\s\S]*?<\/li>/.exec(html)?.[0] ?? '';
    expect(blurb(await guest.page(`/series/${seriesId}`))).toContain('Anonymous');
    expect(blurb(await reader.page(`/series/${seriesId}`))).not.toContain('cc_masked');
    expect(blurb(await guest.page('/users/cc_reader/bookmarks'))).not.toContain('cc_masked');
    const readings = await reader.page('/users/cc_reader/readings');
    expect(readings).toContain('Unsigned Letter');
    expect(readings).not.toContain('cc_masked');
    const feed = await guest.page('/tags/Wombat/feed.atom');
    expect(feed).toContain('Unsigned Letter');
    expect(feed).not.toContain('cc_masked');
    for (const format of ['txt', 'html']) {
      const file = await (await reader.get(`/downloads/${id}/unsigned.${format}`)).text();
      expect(file).toContain('Unsigned Letter');
      expect(file).not.toContain('cc_masked');
    }
    expect(blurb(await writer.page(`/series/${seriesId}`))).toContain('cc_masked');

    const chapter = await writer.post(`/works/${id}/chapters`, { chapter_title: 'Second', text_format: 'plain', text: 'More letters, unsigned.', action: 'post' });
    expect(chapter.status).toBe(303);
    const told = sent.slice(mailBefore).filter((m) => m.subject.includes('Unsigned Letter'));
    expect(told).toHaveLength(1);
    expect(told[0]!.subject).toContain('Anonymous posted a new chapter');
    expect(`${told[0]!.subject}\n${told[0]!.text}`).not.toContain('cc_masked');
    expect(await reader.page('/inbox/updates')).not.toContain('cc_masked');
  });
});

describe('co-creators', () => {
  it('invites; the invitee is shown and may edit only after accepting', async () => {
    const owner = await new TestClient(archive.app).signUp('cc_owner');
    const friend = await new TestClient(archive.app).signUp('cc_friend');
    await friend.post('/users/cc_friend/pseuds', { name: 'Friendly Pen' });
    const id = await post(owner, 'cc_owner', { title: 'Shared Letter' });

    expect((await reader.post(`/works/${id}/creators`, { creator: 'cc_friend' })).status).toBe(404);
    expect((await owner.post(`/works/${id}/creators`, { creator: 'nobody_here' })).status).toBe(422);
    expect(owner.lastHtml).toContain('There is no creator called');
    expect((await owner.post(`/works/${id}/creators`, { creator: 'cc_owner' })).status).toBe(422);
    expect((await owner.post(`/works/${id}/creators`, { creator: 'Friendly Pen (cc_friend)' })).status).toBe(303);
    expect(sent.at(-1)!.to).toBe('cc_friend@example.com');
    expect(await owner.page(`/works/${id}/creators`)).toContain('Friendly Pen (cc_friend)');

    // Not yet a creator: not shown, cannot edit.
    expect(byline(await guest.page(`/works/${id}`))).not.toContain('Friendly Pen');
    expect((await friend.get(`/works/${id}/edit`)).status).toBe(404);
    expect(await guest.page('/users/cc_friend/works')).not.toContain('Shared Letter');

    // Only the invitee may answer.
    const invitations = await friend.page('/invitations');
    expect(invitations).toContain('Shared Letter');
    const pseud = Number(/\/invitations\/\d+\/(\d+)/.exec(invitations)![1]);
    expect((await reader.post(`/invitations/${id}/${pseud}`, { accept: '1' })).status).toBe(404);
    expect((await friend.post(`/invitations/${id}/${pseud}`, { accept: '1' })).status).toBe(303);
    expect(byline(await guest.page(`/works/${id}`))).toContain('Friendly Pen (cc_friend)');
    expect((await friend.get(`/works/${id}/edit`)).status).toBe(200);
    expect(await guest.page('/users/cc_friend/works')).toContain('Shared Letter');
    expect((await friend.post(`/invitations/${id}/${pseud}`, { accept: '1' })).status).toBe(404);

    // The owner editing the work keeps the co-creator.
    const user = await archive.services.accounts.findUser('cc_owner');
    const edit = await owner.post(`/works/${id}`, { ...workFields({ title: 'Shared Letter, revised', action: 'update' }, (await archive.services.accounts.pseudsOf(user!.id))[0]!.id) });
    expect(edit.status).toBe(303);
    const after = byline(await guest.page(`/works/${id}`));
    expect(after).toContain('cc_owner');
    expect(after).toContain('Friendly Pen (cc_friend)');
  });

  it('lets the invitee decline', async () => {
    const owner = await new TestClient(archive.app).signUp('cc_owner2');
    const other = await new TestClient(archive.app).signUp('cc_decliner');
    const id = await post(owner, 'cc_owner2', { title: 'Declined Letter' });
    await owner.post(`/works/${id}/creators`, { creator: 'cc_decliner' });
    const pseud = Number(/\/invitations\/\d+\/(\d+)/.exec(await other.page('/invitations'))![1]);
    expect((await other.post(`/invitations/${id}/${pseud}`, { accept: '0' })).status).toBe(303);
    expect(await other.page('/invitations')).toContain('no invitations waiting');
    expect(byline(await guest.page(`/works/${id}`))).not.toContain('cc_decliner');
  });
});
