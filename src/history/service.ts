import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { canSeeReadings } from '../policy/history.js';
import type { Viewer } from '../policy/viewer.js';
import { canReadWork } from '../policy/works.js';
import type { Selection } from '../works/reading.js';
import { creatorsOfWorks, workAccess, worksMeta, type WorkMeta } from '../works/store.js';
import * as store from './store.js';
import type { ReadingRow, Shelf } from './store.js';

export const PER_PAGE = 20;

/** An entry of a reader's list; a work they may no longer read keeps only its id (no title, nothing of it). */
export type ReadingEntry = ReadingRow & ({ readable: true; work: WorkMeta } | { readable: false });
export type ReadingsPage = { shelf: Shelf; entries: ReadingEntry[]; total: number; page: number; perPage: number; paused: boolean };

type Pending = { userId: number; workId: number; shown: { chapterId: number } | 'first' | 'last'; count: number; at: string };

export type HistoryOptions = {
  /** How often buffered visits are written; 0 writes only when asked (tests). */
  flushEveryMs?: number;
  /** Write at once when this many (reader, work) pairs are waiting. */
  maxPending?: number;
  now?: () => Date;
  onError?: (err: unknown) => void;
};

/**
 * Reading history and Marked for Later. Work pages are hot, so a visit is only noted in memory
 * (`visited`, no I/O) and written with the others in one transaction every second. Whether the
 * reader paused their history is decided at that write; pausing, resuming and clearing write the
 * waiting visits first, so none lands on the wrong side of the change.
 */
export function historyService(db: Kysely<DB>, opts: HistoryOptions = {}) {
  const now = opts.now ?? (() => new Date());
  const onError = opts.onError ?? ((err: unknown) => console.error('Quire could not record reading history:', err));
  const maxPending = opts.maxPending ?? 1000;
  let pending = new Map<string, Pending>();
  let writing: Promise<void> = Promise.resolve();

  async function write(batch: Pending[]) {
    if (batch.length === 0) return;
    // One order for every process, so concurrent writers never wait on each other in a circle.
    batch.sort((a, b) => a.userId - b.userId || a.workId - b.workId);
    await db.transaction().execute(async (trx) => {
      const paused = await store.pausedAmong(trx, [...new Set(batch.map((v) => v.userId))]);
      const stillThere = await store.workStates(trx, [...new Set(batch.map((v) => v.workId))]);
      for (const v of batch) {
        if (paused.has(v.userId) || !stillThere.has(v.workId)) continue;
        // No such posted chapter: the reader got "not found", not a page of the work.
        const chapterId = await store.chapterShown(trx, v.workId, v.shown);
        if (chapterId !== null) await store.addVisit(trx, { userId: v.userId, workId: v.workId, chapterId, count: v.count, at: v.at });
      }
    });
  }

  /** Writes every visit noted so far; resolves once they are committed. */
  function flush(): Promise<void> {
    const next = writing.catch(() => undefined).then(() => {
      const batch = [...pending.values()];
      pending = new Map();
      return write(batch);
    });
    writing = next;
    return next;
  }

  const timer = opts.flushEveryMs ? setInterval(() => flush().catch(onError), opts.flushEveryMs) : undefined;
  timer?.unref();

  const owns = (viewer: Viewer, ownerId: number): viewer is Extract<Viewer, { kind: 'user' }> => canSeeReadings(viewer, ownerId);

  return {
    /** Notes that a signed-in reader opened a work page (creators reading their own work are not readers). */
    visited(viewer: Viewer, workId: number, selection: Selection, isCreator: boolean): void {
      if (viewer.kind !== 'user' || isCreator) return;
      const key = `${viewer.id}:${workId}`;
      const shown = selection.kind === 'chapter' ? { chapterId: selection.chapterId } : selection.kind === 'full' ? 'last' as const : 'first' as const;
      const before = pending.get(key);
      pending.set(key, { userId: viewer.id, workId, shown, count: (before?.count ?? 0) + 1, at: now().toISOString() });
      if (pending.size >= maxPending) flush().catch(onError);
    },

    flush,

    async readings(viewer: Viewer, ownerId: number, shelf: Shelf, page: number): Promise<ReadingsPage | null> {
      if (!owns(viewer, ownerId)) return null;
      await flush(); // a reader looking at their history sees the page they just left
      const [rows, total, paused] = await Promise.all([
        store.readingsPage(db, ownerId, shelf, (page - 1) * PER_PAGE, PER_PAGE),
        store.countShelf(db, ownerId, shelf),
        store.pausedAmong(db, [ownerId]),
      ]);
      const ids = rows.map((r) => r.workId);
      const [states, creators] = await Promise.all([store.workStates(db, ids), creatorsOfWorks(db, ids)]);
      const readable = ids.filter((id) => {
        const state = states.get(id);
        return state && canReadWork(viewer, { ...state, creatorUserIds: (creators.get(id) ?? []).map((c) => c.userId) });
      });
      const metas = new Map((await worksMeta(db, viewer, readable)).map((w) => [w.id, w]));
      const entries = rows.map((r): ReadingEntry => {
        const work = metas.get(r.workId);
        return work ? { ...r, readable: true, work } : { ...r, chapter: null, readable: false };
      });
      return { shelf, entries, total, page, perPage: PER_PAGE, paused: paused.has(ownerId) };
    },

    async setPaused(viewer: Viewer, ownerId: number, paused: boolean): Promise<boolean> {
      if (!owns(viewer, ownerId)) return false;
      await flush();
      await store.setPaused(db, ownerId, paused, now().toISOString());
      return true;
    },

    /** Forgets every visit (the Marked for Later list stays). */
    async clear(viewer: Viewer, ownerId: number): Promise<boolean> {
      if (!owns(viewer, ownerId)) return false;
      await flush();
      await db.transaction().execute((trx) => store.forgetVisits(trx, ownerId));
      return true;
    },

    async remove(viewer: Viewer, ownerId: number, workId: number): Promise<boolean> {
      if (!owns(viewer, ownerId)) return false;
      await flush();
      await db.transaction().execute((trx) => store.forgetVisits(trx, ownerId, workId));
      return true;
    },

    /** Marked for later: only a work the reader may read (false: treat as not found). */
    async markForLater(viewer: Viewer, workId: number): Promise<boolean> {
      if (viewer.kind !== 'user') return false;
      const access = await workAccess(db, workId);
      if (!access || !canReadWork(viewer, access)) return false;
      await store.mark(db, viewer.id, workId, now().toISOString());
      return true;
    },

    async markAsRead(viewer: Viewer, workId: number): Promise<boolean> {
      if (viewer.kind !== 'user') return false;
      await db.transaction().execute((trx) => store.unmark(trx, viewer.id, workId));
      return true;
    },

    async isMarked(viewer: Viewer, workId: number): Promise<boolean> {
      return viewer.kind === 'user' && store.isMarked(db, viewer.id, workId);
    },

    async close() {
      if (timer) clearInterval(timer);
      await flush().catch(onError);
    },
  };
}

export type HistoryService = ReturnType<typeof historyService>;
