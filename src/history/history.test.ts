import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GUEST } from '../policy/viewer.js';
import { makeUser, makeWork } from '../stats/testKit.js';
import { testArchive, type TestArchive } from '../testing/testApp.js';
import type { SignedInViewer } from '../web/session.js';
import { historyService, type ReadingsPage } from './service.js';

let archive: TestArchive;
let writer: SignedInViewer;
let reader: SignedInViewer;
let other: SignedInViewer;
let oneShot: number;
let serial: number;
let clock: number;
let history: ReturnType<typeof historyService>;

const db = () => archive.services.database.db;
const chapterIds = async (workId: number) => (await db().selectFrom('chapters').select('id').where('work_id', '=', workId).orderBy('position').execute()).map((r) => r.id);
const titles = (p: ReadingsPage | null) => p!.entries.map((e) => (e.readable ? e.work.title : `#${e.workId}`));
const readings = (who: SignedInViewer, shelf: 'history' | 'to-read' = 'history', page = 1) => history.readings(who, who.id, shelf, page);

beforeAll(async () => {
  archive = await testArchive();
  writer = await makeUser(archive, 'hwriter');
  reader = await makeUser(archive, 'hreader');
  other = await makeUser(archive, 'hother');
  oneShot = await makeWork(archive, writer, { title: 'One Shot' });
  serial = await makeWork(archive, writer, { title: 'Serial' }, 3);
});
afterAll(async () => { await archive.close(); });
beforeEach(async () => {
  clock = Date.parse('2026-11-29T10:00:00Z');
  history = historyService(db(), { now: () => new Date(clock) });
  await db().deleteFrom('readings').execute();
  await db().deleteFrom('history_paused').execute();
});
const later = (minutes: number) => { clock += minutes * 60_000; };

describe('recording visits', () => {
  it('records the last visit, the visit count and the last chapter read', async () => {
    const [c1, c2, c3] = await chapterIds(serial);
    history.visited(reader, serial, { kind: 'default' }, false);
    await history.flush();
    let [entry] = (await readings(reader))!.entries;
    expect(entry).toMatchObject({ workId: serial, visitCount: 1, lastVisitedAt: '2026-11-29T10:00:00.000Z', chapter: { id: c1, position: 1 } });
    later(5);
    history.visited(reader, serial, { kind: 'chapter', chapterId: c2! }, false);
    later(5);
    history.visited(reader, serial, { kind: 'chapter', chapterId: c3! }, false);
    await history.flush();
    [entry] = (await readings(reader))!.entries;
    expect(entry).toMatchObject({ visitCount: 3, lastVisitedAt: '2026-11-29T10:10:00.000Z', chapter: { id: c3, position: 3, title: 'Part 3' } });
    history.visited(reader, serial, { kind: 'full' }, false);
    await history.flush();
    expect((await readings(reader))!.entries[0]!.chapter?.id).toBe(c3);
  });

  it('does not count a chapter that is not a posted chapter of this work (the reader got "not found")', async () => {
    const [c1] = await chapterIds(serial);
    const [otherWorksChapter] = await chapterIds(oneShot);
    history.visited(reader, serial, { kind: 'chapter', chapterId: c1! }, false);
    await history.flush();
    history.visited(reader, serial, { kind: 'chapter', chapterId: otherWorksChapter! }, false);
    history.visited(other, serial, { kind: 'chapter', chapterId: 999_999 }, false);
    await history.flush();
    expect((await readings(reader))!.entries[0]).toMatchObject({ visitCount: 1, chapter: { id: c1 } });
    expect((await readings(other))!.total).toBe(0);
  });

  it('lists the most recent first', async () => {
    history.visited(reader, oneShot, { kind: 'default' }, false);
    later(1);
    history.visited(reader, serial, { kind: 'default' }, false);
    await history.flush();
    expect(titles(await readings(reader))).toEqual(['Serial', 'One Shot']);
    later(1);
    history.visited(reader, oneShot, { kind: 'default' }, false);
    await history.flush();
    expect(titles(await readings(reader))).toEqual(['One Shot', 'Serial']);
  });

  it('records nothing for guests or for creators reading their own work', async () => {
    history.visited(GUEST, oneShot, { kind: 'default' }, false);
    history.visited(writer, oneShot, { kind: 'default' }, true);
    await history.flush();
    expect(Number((await db().selectFrom('readings').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
  });

  it('shows a reader the page they just left without waiting for the timer', async () => {
    history.visited(reader, oneShot, { kind: 'default' }, false);
    expect(titles(await readings(reader))).toEqual(['One Shot']);
  });

  it('drops a visit to a work deleted before it was written, and writes the rest', async () => {
    const doomed = await makeWork(archive, writer, { title: 'Doomed' });
    history.visited(reader, doomed, { kind: 'default' }, false);
    history.visited(reader, oneShot, { kind: 'default' }, false);
    await archive.services.posting.deleteWork(writer, doomed);
    await history.flush();
    expect(titles(await readings(reader))).toEqual(['One Shot']);
  });

  it('writes a batch at once when many visits wait, without being asked', async () => {
    const eager = historyService(db(), { maxPending: 2 });
    eager.visited(reader, oneShot, { kind: 'default' }, false);
    eager.visited(other, oneShot, { kind: 'default' }, false);
    await eager.close();
    expect((await readings(other))!.total).toBe(1);
  });

  it('pages twenty at a time', async () => {
    const ids: number[] = [];
    for (let i = 1; i <= 22; i++) ids.push(await makeWork(archive, writer, { title: `Paged ${i}` }));
    for (const id of ids) { history.visited(other, id, { kind: 'default' }, false); later(1); }
    const first = (await readings(other))!;
    expect(first.total).toBe(22);
    expect(titles(first)).toHaveLength(20);
    expect(titles(first)[0]).toBe('Paged 22');
    expect(titles(await readings(other, 'history', 2))).toEqual(['Paged 2', 'Paged 1']);
    for (const id of ids) await archive.services.posting.deleteWork(writer, id);
  });
});

describe('pausing history', () => {
  it('records nothing while paused, and again once resumed', async () => {
    expect(await history.setPaused(reader, reader.id, true)).toBe(true);
    history.visited(reader, oneShot, { kind: 'default' }, false);
    await history.flush();
    let page = (await readings(reader))!;
    expect(page.paused).toBe(true);
    expect(page.total).toBe(0);
    // Noted while paused, still waiting when the reader resumes: not recorded either.
    history.visited(reader, oneShot, { kind: 'default' }, false);
    await history.setPaused(reader, reader.id, false);
    await history.flush();
    expect((await readings(reader))!.total).toBe(0);
    history.visited(reader, serial, { kind: 'default' }, false);
    page = (await readings(reader))!;
    expect(page.paused).toBe(false);
    expect(titles(page)).toEqual(['Serial']);
  });

  it('keeps visits made before the pause', async () => {
    history.visited(reader, oneShot, { kind: 'default' }, false);
    await history.setPaused(reader, reader.id, true);
    expect(titles(await readings(reader))).toEqual(['One Shot']);
  });

  it('is a reader\'s own switch: one reader pausing does not stop another', async () => {
    expect(await history.setPaused(other, reader.id, true)).toBe(false);
    await history.setPaused(other, other.id, true);
    history.visited(reader, oneShot, { kind: 'default' }, false);
    history.visited(other, oneShot, { kind: 'default' }, false);
    await history.flush();
    expect((await readings(reader))!.total).toBe(1);
    expect((await readings(other))!.total).toBe(0);
  });
});

describe('clearing and deleting', () => {
  it('clears every visit, including ones still waiting, but keeps Marked for Later', async () => {
    history.visited(reader, oneShot, { kind: 'default' }, false);
    await history.flush();
    await history.markForLater(reader, serial);
    history.visited(reader, serial, { kind: 'default' }, false);
    expect(await history.clear(reader, reader.id)).toBe(true);
    expect((await readings(reader))!.total).toBe(0);
    expect(titles(await readings(reader, 'to-read'))).toEqual(['Serial']);
    expect((await readings(reader, 'to-read'))!.entries[0]).toMatchObject({ visitCount: 0, lastVisitedAt: null, chapter: null });
  });

  it('deletes one work from the history', async () => {
    history.visited(reader, oneShot, { kind: 'default' }, false);
    history.visited(reader, serial, { kind: 'default' }, false);
    await history.remove(reader, reader.id, oneShot);
    expect(titles(await readings(reader))).toEqual(['Serial']);
    expect(await db().selectFrom('readings').selectAll().where('work_id', '=', oneShot).execute()).toEqual([]);
  });

  it('lets nobody clear or edit another reader\'s history', async () => {
    history.visited(reader, oneShot, { kind: 'default' }, false);
    await history.flush();
    expect(await history.clear(other, reader.id)).toBe(false);
    expect(await history.remove(other, reader.id, oneShot)).toBe(false);
    expect(await history.clear(GUEST, reader.id)).toBe(false);
    expect((await readings(reader))!.total).toBe(1);
  });
});

describe('privacy', () => {
  it('shows a reader\'s lists to them alone', async () => {
    history.visited(reader, oneShot, { kind: 'default' }, false);
    await history.flush();
    expect(await history.readings(other, reader.id, 'history', 1)).toBeNull();
    expect(await history.readings(GUEST, reader.id, 'history', 1)).toBeNull();
    expect(await history.readings(writer, reader.id, 'to-read', 1)).toBeNull();
  });

  it('keeps a work that went back to draft in the list without anything of it', async () => {
    const fading = await makeWork(archive, writer, { title: 'Fading Secret' }, 2);
    const [, secret] = await chapterIds(fading);
    await db().updateTable('chapters').set({ title: 'Secret Chapter' }).where('id', '=', secret!).execute();
    history.visited(reader, fading, { kind: 'chapter', chapterId: secret! }, false);
    await history.markForLater(reader, fading);
    await db().updateTable('works').set({ status: 'draft' }).where('id', '=', fading).execute();
    for (const shelf of ['history', 'to-read'] as const) {
      const [entry] = (await readings(reader, shelf))!.entries;
      expect(entry).toMatchObject({ workId: fading, readable: false });
      expect(JSON.stringify(entry)).not.toMatch(/Fading Secret|Secret Chapter/);
    }
    await db().updateTable('works').set({ status: 'posted' }).where('id', '=', fading).execute();
    await archive.services.posting.deleteWork(writer, fading);
    expect((await readings(reader))!.total).toBe(0);
    expect((await readings(reader, 'to-read'))!.total).toBe(0);
  });
});

describe('Marked for Later', () => {
  it('marks and unmarks a work, newest mark first, without touching the history', async () => {
    expect(await history.isMarked(reader, oneShot)).toBe(false);
    expect(await history.markForLater(reader, oneShot)).toBe(true);
    later(1);
    await history.markForLater(reader, serial);
    expect(await history.isMarked(reader, oneShot)).toBe(true);
    expect(titles(await readings(reader, 'to-read'))).toEqual(['Serial', 'One Shot']);
    expect((await readings(reader))!.total).toBe(0);
    await history.markForLater(reader, oneShot); // twice is once
    expect((await readings(reader, 'to-read'))!.total).toBe(2);
    await history.markAsRead(reader, oneShot);
    expect(await history.isMarked(reader, oneShot)).toBe(false);
    expect(titles(await readings(reader, 'to-read'))).toEqual(['Serial']);
  });

  it('keeps the history entry when a visited work is marked as read', async () => {
    history.visited(reader, oneShot, { kind: 'default' }, false);
    await history.markForLater(reader, oneShot);
    await history.markAsRead(reader, oneShot);
    expect(titles(await readings(reader))).toEqual(['One Shot']);
  });

  it('only takes works the reader may read, and never for guests', async () => {
    const draft = await makeWork(archive, writer, { title: 'Hidden Draft', action: 'draft' });
    expect(await history.markForLater(reader, draft)).toBe(false);
    expect(await history.markForLater(reader, 999_999)).toBe(false);
    expect(await history.markForLater(GUEST, oneShot)).toBe(false);
    expect((await readings(reader, 'to-read'))!.total).toBe(0);
    const members = await makeWork(archive, writer, { title: 'Members Only', restricted: 'on' });
    expect(await history.markForLater(reader, members)).toBe(true);
  });
});
