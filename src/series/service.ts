import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { canAddToSeries, canEditSeries, canSeeSeries, isSeriesOwner, isVisiblePart } from '../policy/series.js';
import { ANY_READER, GUEST, type Viewer } from '../policy/viewer.js';
import { fail, fieldErrors, ok, type Result } from '../result.js';
import * as works from '../works/store.js';
import { partIdSchema, seriesFormSchema } from './rules.js';
import * as store from './store.js';

export type Denied = { ok: false; denied: 'not-found' | 'forbidden' };

/** Where a work sits in a series, as one viewer sees the series. */
export type SeriesNav = { seriesId: number; title: string; part: number; prevId: number | null; nextId: number | null };

export type SeriesPage = {
  series: store.SeriesRow;
  /** Parts this viewer may read, in order, with their numbers among those. */
  parts: works.WorkMeta[];
  isOwner: boolean;
  /** The owner's view of every part (drafts too), to remove and reorder. */
  manage: { parts: { workId: number; title: string; status: string }[]; candidates: { id: number; title: string; status: string }[] } | null;
};

export type SeriesHooks = {
  /** A posted work joined a series, after the commit: the series' subscribers hear of it. */
  newPart(seriesId: number, workId: number): Promise<void>;
};

export function seriesService(db: Kysely<DB>, hooks: SeriesHooks) {
  async function owned(viewer: Viewer, seriesId: number): Promise<{ ok: true; series: store.SeriesRow } | Denied> {
    const [series] = await store.findSeries(db, [seriesId]);
    if (!series) return { ok: false, denied: 'not-found' };
    if (canEditSeries(viewer, series)) return { ok: true, series };
    const parts = (await store.partsOf(db, [seriesId])).get(seriesId) ?? [];
    return { ok: false, denied: canSeeSeries(viewer, series, parts) ? 'forbidden' : 'not-found' };
  }

  /** Every change to a series' parts or title changes each part's page. */
  async function changeParts(seriesId: number, fn: (trx: Kysely<DB>) => Promise<void>, also: number[] = []) {
    await db.transaction().execute(async (trx) => {
      const before = await store.partWorkIds(trx, seriesId);
      await fn(trx);
      await store.touchSeries(trx, seriesId, new Date().toISOString());
      await store.bumpWorkVersions(trx, [...before, ...also]);
    });
  }

  return {
    async create(viewer: Viewer, raw: unknown): Promise<Result<number>> {
      if (viewer.kind !== 'user') return fail({ form: 'Sign in to make a series.' });
      const f = seriesFormSchema.safeParse(raw);
      if (!f.success) return fail(fieldErrors(f.error.issues));
      return ok(await store.insertSeries(db, viewer.id, f.data, new Date().toISOString()));
    },

    async update(viewer: Viewer, seriesId: number, raw: unknown): Promise<Result<number> | Denied> {
      const o = await owned(viewer, seriesId);
      if (!o.ok) return o;
      const f = seriesFormSchema.safeParse(raw);
      if (!f.success) return fail(fieldErrors(f.error.issues));
      await changeParts(seriesId, (trx) => store.updateSeries(trx, seriesId, f.data, new Date().toISOString()));
      return ok(seriesId);
    },

    /** The works stay; only the grouping goes. Bookmarks of the series keep their notes. */
    async remove(viewer: Viewer, seriesId: number): Promise<Result<null> | Denied> {
      const o = await owned(viewer, seriesId);
      if (!o.ok) return o;
      await db.transaction().execute(async (trx) => {
        await store.bumpWorkVersions(trx, await store.partWorkIds(trx, seriesId));
        await store.deleteSeries(trx, seriesId);
      });
      return ok(null);
    },

    async addWork(viewer: Viewer, seriesId: number, rawWorkId: unknown): Promise<Result<null> | Denied> {
      const o = await owned(viewer, seriesId);
      if (!o.ok) return o;
      const id = partIdSchema.safeParse(rawWorkId);
      if (!id.success) return fail({ work_id: 'Choose one of your works.' });
      const access = await works.workAccess(db, id.data);
      if (!access || !canAddToSeries(viewer, o.series, access)) return fail({ work_id: 'You can only add works you created.' });
      if ((await store.partWorkIds(db, seriesId)).includes(id.data)) return fail({ work_id: 'That work is already in this series.' });
      await changeParts(seriesId, (trx) => store.addPart(trx, seriesId, id.data), [id.data]);
      if (access.status === 'posted') await hooks.newPart(seriesId, id.data);
      return ok(null);
    },

    async removeWork(viewer: Viewer, seriesId: number, workId: number): Promise<Result<null> | Denied> {
      const o = await owned(viewer, seriesId);
      if (!o.ok) return o;
      const order = await store.partWorkIds(db, seriesId);
      if (!order.includes(workId)) return { ok: false, denied: 'not-found' };
      await changeParts(seriesId, async (trx) => {
        await store.removePart(trx, seriesId, workId);
        await store.setPositions(trx, seriesId, order.filter((id) => id !== workId));
      });
      return ok(null);
    },

    /** `order` must name every part exactly once. */
    async reorder(viewer: Viewer, seriesId: number, order: number[]): Promise<Result<null> | Denied> {
      const o = await owned(viewer, seriesId);
      if (!o.ok) return o;
      const ids = await store.partWorkIds(db, seriesId);
      const same = order.length === ids.length && new Set(order).size === ids.length && order.every((id) => ids.includes(id));
      if (!same) return fail({ form: 'The new order must list every work of the series once.' });
      await changeParts(seriesId, (trx) => store.setPositions(trx, seriesId, order));
      return ok(null);
    },

    /** One step earlier or later: the no-JavaScript way to reorder. */
    async move(viewer: Viewer, seriesId: number, workId: number, direction: 'up' | 'down'): Promise<Result<null> | Denied> {
      const o = await owned(viewer, seriesId);
      if (!o.ok) return o;
      const order = await store.partWorkIds(db, seriesId);
      const i = order.indexOf(workId);
      if (i < 0) return { ok: false, denied: 'not-found' };
      const j = direction === 'up' ? i - 1 : i + 1;
      if (j >= 0 && j < order.length) [order[i], order[j]] = [order[j]!, order[i]!];
      return this.reorder(viewer, seriesId, order);
    },

    async page(viewer: Viewer, seriesId: number): Promise<SeriesPage | null> {
      const [series] = await store.findSeries(db, [seriesId]);
      if (!series) return null;
      const all = (await store.partsOf(db, [seriesId])).get(seriesId) ?? [];
      if (!canSeeSeries(viewer, series, all)) return null;
      const visible = all.filter((p) => isVisiblePart(viewer, p)).map((p) => p.workId);
      const isOwner = isSeriesOwner(viewer, series);
      let manage: SeriesPage['manage'] = null;
      if (isOwner && viewer.kind === 'user') {
        const metas = await works.worksMeta(db, viewer, all.map((p) => p.workId));
        manage = {
          parts: metas.map((w) => ({ workId: w.id, title: w.title, status: w.status })),
          candidates: await store.candidateWorks(db, viewer.id, seriesId),
        };
      }
      return { series, parts: await works.worksMeta(db, viewer, visible), isOwner, manage };
    },

    /** A user's series this viewer may see (the owner sees all of theirs). */
    async ofUser(viewer: Viewer, userId: number) {
      const ids = await store.seriesIdsOfUser(db, userId);
      const [rows, parts] = await Promise.all([store.findSeries(db, ids), store.partsOf(db, ids)]);
      return rows.filter((s) => canSeeSeries(viewer, s, parts.get(s.id) ?? []))
        .map((s) => ({ series: s, parts: (parts.get(s.id) ?? []).filter((p) => isVisiblePart(viewer, p)).length }));
    },

    /** A series by id if this viewer may see it (for bookmarks and subscriptions). */
    async visible(viewer: Viewer, seriesIds: readonly number[]): Promise<Map<number, store.SeriesRow>> {
      const [rows, parts] = await Promise.all([store.findSeries(db, seriesIds), store.partsOf(db, seriesIds)]);
      return new Map(rows.filter((s) => canSeeSeries(viewer, s, parts.get(s.id) ?? [])).map((s) => [s.id, s]));
    },

    /** "Part 2 of <series>" with neighbours, counted among the parts this viewer may read. */
    async navFor(viewer: Viewer, workId: number): Promise<SeriesNav[]> {
      const ids = await store.seriesIdsOfWork(db, workId);
      if (ids.length === 0) return [];
      const [rows, parts] = await Promise.all([store.findSeries(db, ids), store.partsOf(db, ids)]);
      return rows.flatMap((s) => {
        const shown = (parts.get(s.id) ?? []).filter((p) => isVisiblePart(viewer, p));
        const i = shown.findIndex((p) => p.workId === workId);
        if (i < 0) return [];
        return [{ seriesId: s.id, title: s.title, part: i + 1, prevId: shown[i - 1]?.workId ?? null, nextId: shown[i + 1]?.workId ?? null }];
      });
    },

    /**
     * The series lines of a downloaded file, made once for everyone who may download it: parts
     * are counted as guests see them, or as signed-in readers do when the work is restricted.
     */
    async forDownload(workId: number, restricted: boolean, baseUrl: string) {
      const nav = await this.navFor(restricted ? ANY_READER : GUEST, workId);
      return nav.map((n) => ({ name: n.title, position: n.part, url: `${baseUrl}/series/${n.seriesId}` }));
    },

    /**
     * Told inside the transaction of every change to a work: the other parts' pages show it
     * (as a neighbour), so their versions move on; a deleted work leaves its series.
     */
    async workChanged(trx: Kysely<DB>, workId: number) {
      const seriesIds = await store.seriesIdsOfWork(trx, workId);
      if (seriesIds.length === 0) return;
      const gone = !(await store.workExists(trx, workId));
      const siblings: number[] = [];
      for (const seriesId of seriesIds) {
        const order = (await store.partWorkIds(trx, seriesId)).filter((id) => id !== workId);
        siblings.push(...order);
        if (gone) {
          await store.removePart(trx, seriesId, workId);
          await store.setPositions(trx, seriesId, order);
        }
      }
      if (gone) await store.dropPartsOfWork(trx, workId);
      await store.bumpWorkVersions(trx, siblings);
    },
  };
}

export type SeriesService = ReturnType<typeof seriesService>;
