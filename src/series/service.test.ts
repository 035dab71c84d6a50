import { describe, expect, it } from 'vitest';
import { GUEST } from '../policy/viewer.js';
import { useResponsesArchive } from './responsesTestKit.js';

/** The series service's rules, called directly as the routes and other modules do. */
const kit = useResponsesArchive('sd');
const { ctx, db, postWork, viewerOf } = kit;
const series = () => ctx.archive.services.series;

async function seriesWith(workIds: number[]) {
  const writer = await viewerOf('writer');
  const created = await series().create(writer, { title: 'Domain Series' });
  if (!created.ok) throw new Error('series not created');
  for (const id of workIds) expect(await series().addWork(writer, created.value, String(id))).toEqual({ ok: true, value: null });
  return created.value;
}

describe('series service', () => {
  it('refuses guests and blank titles as values, not exceptions', async () => {
    expect(await series().create(GUEST, { title: 'x' })).toEqual({ ok: false, errors: { form: 'Sign in to make a series.' } });
    expect(await series().create(await viewerOf('writer'), { title: '' })).toEqual({ ok: false, errors: { title: 'Title must not be blank.' } });
  });

  it('reorders only with every part named once', async () => {
    const [a, b] = [await postWork(), await postWork()];
    const id = await seriesWith([a, b]);
    const writer = await viewerOf('writer');
    expect(await series().reorder(writer, id, [a])).toMatchObject({ ok: false, errors: { form: expect.stringContaining('every work') } });
    expect(await series().reorder(writer, id, [a, a])).toMatchObject({ ok: false });
    expect(await series().reorder(writer, id, [b, a])).toEqual({ ok: true, value: null });
    expect(await series().reorder(await viewerOf('reader'), id, [a, b])).toEqual({ ok: false, denied: 'forbidden' });
    expect(await series().move(writer, id, 999999, 'up')).toEqual({ ok: false, denied: 'not-found' });
    expect(await series().removeWork(writer, id, 999999)).toEqual({ ok: false, denied: 'not-found' });
  });

  it('answers navFor with the neighbours each viewer may read', async () => {
    const [a, locked, c] = [await postWork(), await postWork({ restricted: 'on' }), await postWork()];
    const id = await seriesWith([a, locked, c]);
    expect(await series().navFor(GUEST, c)).toEqual([{ seriesId: id, title: 'Domain Series', part: 2, prevId: a, nextId: null }]);
    expect(await series().navFor(await viewerOf('reader'), c)).toEqual([{ seriesId: id, title: 'Domain Series', part: 3, prevId: locked, nextId: null }]);
    expect(await series().navFor(GUEST, locked)).toEqual([]);
  });

  it('a deleted work leaves its series in the same transaction', async () => {
    const [a, b] = [await postWork(), await postWork()];
    const id = await seriesWith([a, b]);
    await db().transaction().execute(async (trx) => {
      await trx.deleteFrom('works').where('id', '=', a).execute();
      await series().workChanged(trx, a);
    });
    const parts = await db().selectFrom('series_parts').select(['work_id', 'position']).where('series_id', '=', id).execute();
    expect(parts).toEqual([{ work_id: b, position: 1 }]);
  });

  it('lists a user’s series for each viewer', async () => {
    const writer = await viewerOf('writer');
    const lockedOnly = await seriesWith([await postWork({ restricted: 'on' })]);
    const guestList = (await series().ofUser(GUEST, writer.kind === 'user' ? writer.id : 0)).map((s) => s.series.id);
    const readerList = (await series().ofUser(await viewerOf('reader'), writer.kind === 'user' ? writer.id : 0)).map((s) => s.series.id);
    expect(guestList).not.toContain(lockedOnly);
    expect(readerList).toContain(lockedOnly);
  });
});
