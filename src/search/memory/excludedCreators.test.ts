import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, workFields, type TestArchive } from '../../testing/testApp.js';
import type { WorkListQuery } from '../workIndex.js';

let archive: TestArchive;
const users: Record<string, { id: number; pseudId: number }> = {};
const ids: Record<string, number> = {};

async function post(login: string, title: string, extra: Record<string, string> = {}) {
  const u = users[login]!;
  const fields = workFields({ title, ...extra }, u.pseudId);
  const r = await archive.services.posting.createWork({ kind: 'user', id: u.id, login, isAdmin: false, isWrangler: false }, fields, fields, 'post');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  ids[title] = r.value;
}

beforeAll(async () => {
  archive = await testArchive();
  for (const login of ['ana', 'ben', 'cyrus']) {
    await new TestClient(archive.app).signUp(login);
    const u = (await archive.services.accounts.findUser(login))!;
    users[login] = { id: u.id, pseudId: (await archive.services.accounts.pseudsOf(u.id))[0]!.id };
  }
  await post('ana', 'Ana one', { freeforms: 'Fluff' });
  await post('ana', 'Ana two', { freeforms: 'Angst' });
  await post('ben', 'Ben one', { freeforms: 'Fluff' });
  await post('cyrus', 'Cy one', { freeforms: 'Fluff', restricted: 'on' });
  // A work with two creators is left out when either is excluded.
  const both = workFields({ title: 'Ana and Ben', freeforms: 'Fluff' }, users.ana!.pseudId);
  both.pseud_ids = String(users.ana!.pseudId);
  const r = await archive.services.posting.createWork({ kind: 'user', id: users.ana!.id, login: 'ana', isAdmin: false, isWrangler: false }, both, both, 'post');
  if (!r.ok) throw new Error('co-created work');
  await archive.services.database.db.insertInto('creatorships').values({ work_id: r.value, pseud_id: users.ben!.pseudId, position: 1 }).execute();
  await archive.services.database.db.insertInto('work_changes').values({ work_id: r.value, changed_at: new Date().toISOString() }).execute();
  ids['Ana and Ben'] = r.value;
});
afterAll(async () => { await archive.close(); });

const query = (excludeCreators: number[], over: Partial<WorkListQuery> = {}): WorkListQuery => ({
  scope: { kind: 'all' }, visibility: { includeRestricted: true }, filter: { include: [], exclude: [], ratings: [], excludeCreators },
  sort: 'title', page: 1, perPage: 20, facetSize: 10, ...over,
});
const titlesOf = (found: number[]) => found.map((id) => Object.keys(ids).find((t) => ids[t] === id));

describe('excluding creators (muted users)', () => {
  it('leaves out every work with an excluded creator, from the page, the total and the facets', async () => {
    await archive.services.index.sync();
    const all = await archive.services.index.list(query([]));
    expect(all.total).toBe(5);
    const r = await archive.services.index.list(query([users.ben!.id]));
    expect(titlesOf(r.ids)).toEqual(['Ana one', 'Ana two', 'Cy one']);
    expect(r.total).toBe(3);
    expect(r.facets.freeform?.find((t) => t.name === 'Fluff')?.count).toBe(2);
    const two = await archive.services.index.list(query([users.ana!.id, users.cyrus!.id]));
    expect(titlesOf(two.ids)).toEqual(['Ben one']);
  });

  it('applies within a creator’s own listing and with other filters', async () => {
    const scoped = await archive.services.index.list(query([users.ana!.id], { scope: { kind: 'user', userId: users.ana!.id } }));
    expect(scoped.total).toBe(0);
    const fluff = (await archive.services.tags.findByName('Fluff'))!.id;
    const r = await archive.services.index.list(query([users.ana!.id], { filter: { include: [fluff], exclude: [], ratings: [], excludeCreators: [users.ana!.id] } }));
    expect(titlesOf(r.ids)).toEqual(['Ben one', 'Cy one']);
  });
});
