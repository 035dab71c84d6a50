import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, workFields, type TestArchive } from '../testing/testApp.js';
import type { WorkListQuery } from './workIndex.js';
import { advancePosition } from './changeLog.js';

describe('the change-log position', () => {
  it('moves over consecutive ids and stops before a missing one, noting since when it is missing', () => {
    expect(advancePosition(10, [11, 12, 13], null, 1_000)).toEqual({ to: 13, gap: null });
    expect(advancePosition(10, [11, 13, 14], null, 1_000)).toEqual({ to: 11, gap: { id: 12, since: 1_000 } });
    expect(advancePosition(10, [12], null, 1_000)).toEqual({ to: 10, gap: { id: 11, since: 1_000 } });
  });

  it('keeps waiting for the same missing id, and passes it once it has been missing 30 s', () => {
    const gap = { id: 12, since: 1_000 };
    expect(advancePosition(11, [13, 14], gap, 20_000)).toEqual({ to: 11, gap });
    expect(advancePosition(11, [13, 14], gap, 31_001)).toEqual({ to: 14, gap: null });
    // Passing one old gap does not pass a newer one after it.
    expect(advancePosition(11, [13, 15], gap, 31_001)).toEqual({ to: 13, gap: { id: 14, since: 31_001 } });
  });

  it('forgets a gap that filled', () => {
    expect(advancePosition(11, [12, 13], { id: 12, since: 1_000 }, 2_000)).toEqual({ to: 13, gap: null });
  });
});

describe('a change that commits after a later one (PostgreSQL numbers log entries at insert, not at commit)', () => {
  let archive: TestArchive;
  const ids: Record<string, number> = {};
  const guestQuery: WorkListQuery = {
    scope: { kind: 'all' }, visibility: { includeRestricted: false }, filter: { include: [], exclude: [], ratings: [] },
    sort: 'title', page: 1, perPage: 20, facetSize: 0,
  };

  beforeAll(async () => {
    archive = await testArchive();
    await new TestClient(archive.app).signUp('ana');
    const u = (await archive.services.accounts.findUser('ana'))!;
    const pseud = (await archive.services.accounts.pseudsOf(u.id))[0]!.id;
    for (const [title, freeforms] of [['Early', ''], ['Late', ''], ['Fluff', 'Fluff'], ['Fluffy', 'Fluffy']] as const) {
      const fields = workFields({ title, freeforms }, pseud);
      const r = await archive.services.posting.createWork({ kind: 'user', id: u.id, login: 'ana', isAdmin: false, isWrangler: false }, fields, fields, 'post');
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      ids[title] = r.value;
    }
  });
  afterAll(async () => { await archive.close(); });

  it('is still applied when it appears: a work hidden then leaves the listing', async () => {
    const { db } = archive.services.database;
    const { index } = archive.services;
    await index.sync();
    expect((await index.list(guestQuery)).total).toBe(4);
    const last = Number((await db.selectFrom('work_changes').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m);
    const now = new Date().toISOString();

    // The later transaction commits first: "Late" becomes restricted under entry last + 2.
    await db.updateTable('works').set({ restricted: 1 }).where('id', '=', ids.Late!).execute();
    await db.insertInto('work_changes').values({ id: last + 2, work_id: ids.Late!, changed_at: now }).execute();
    await index.sync();
    expect((await index.list(guestQuery)).ids).toEqual([ids.Early, ids.Fluff, ids.Fluffy]);

    // Then the earlier one, numbered last + 1: "Early" is hidden by a moderator.
    await db.updateTable('works').set({ hidden_at: now }).where('id', '=', ids.Early!).execute();
    await db.insertInto('work_changes').values({ id: last + 1, work_id: ids.Early!, changed_at: now }).execute();
    await index.sync();
    const after = await index.list(guestQuery);
    expect(after.ids).toEqual([ids.Fluff, ids.Fluffy]);
    expect(after.total).toBe(2);
  });

  it('reloads the tag structure for a wrangling marker that commits after a later one', async () => {
    const { db } = archive.services.database;
    const { index, tags } = archive.services;
    const fluff = (await tags.findByName('Fluff'))!;
    const fluffy = (await tags.findByName('Fluffy'))!;
    const byFluff: WorkListQuery = { ...guestQuery, visibility: { includeRestricted: true }, filter: { include: [fluff.id], exclude: [], ratings: [] } };
    await index.sync();
    expect((await index.list(byFluff)).ids).toEqual([ids.Fluff]);
    const last = Number((await db.selectFrom('work_changes').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m);
    const now = new Date().toISOString();

    // A later marker (wrangling that changed nothing here) is read first...
    await db.insertInto('work_changes').values({ id: last + 2, work_id: 0, changed_at: now }).execute();
    await index.sync();
    // ...then the earlier one, whose wrangling made "Fluffy" a synonym of "Fluff".
    await db.updateTable('tags').set({ merger_id: fluff.id }).where('id', '=', fluffy.id).execute();
    await db.insertInto('work_changes').values({ id: last + 1, work_id: 0, changed_at: now }).execute();
    await index.sync();
    expect((await index.list(byFluff)).ids.sort()).toEqual([ids.Fluff, ids.Fluffy].sort());
  });
});
