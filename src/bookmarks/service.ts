import { recordStat } from '../stats/store.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { canSeeBookmark, isBookmarkOwner } from '../policy/bookmarks.js';
import { canReadWork, listingVisibility } from '../policy/works.js';
import type { Viewer } from '../policy/viewer.js';
import { fail, fieldErrors, ok, type Result } from '../result.js';
import type { SeriesService } from '../series/service.js';
import type { SeriesRow } from '../series/store.js';
import type { Facets, WorkFilter, WorkIndex } from '../search/workIndex.js';
import * as works from '../works/store.js';
import { bookmarkFormSchema } from './rules.js';
import * as store from './store.js';

export type { Target, BookmarkRow } from './store.js';
export type Denied = { ok: false; denied: 'not-found' };

/** What a bookmark points at, as far as this viewer may know. */
export type Bookmarked =
  | { kind: 'work'; work: works.WorkMeta }
  | { kind: 'series'; series: SeriesRow }
  /** Deleted, back to draft, or hidden from this viewer: never its title. Shown to the bookmarker only. */
  | { kind: 'unavailable' };

export type BookmarkItem = { bookmark: store.BookmarkRow; target: Bookmarked };

export type BookmarkSort = 'bookmarked_at' | 'revised_at';

export type UserBookmarksQuery = { filter: WorkFilter; sort: BookmarkSort; page: number; tags: string[]; recOnly: boolean };

export type UserBookmarks = {
  items: BookmarkItem[]; total: number; page: number; perPage: number; facets: Facets;
  /** The bookmarker's own tags among the matching bookmarks, commonest first. */
  ownTags: { name: string; count: number }[];
};

export const PER_PAGE = 20;

const hasWorkFilter = (f: WorkFilter) =>
  f.include.length + f.exclude.length + f.ratings.length > 0 || f.wordsFrom !== undefined || f.wordsTo !== undefined ||
  Boolean(f.updatedFrom ?? f.updatedTo ?? f.complete ?? f.singleChapter ?? f.crossover ?? f.language);

export function bookmarksService(db: Kysely<DB>, index: WorkIndex, series: SeriesService) {
  /** May this viewer bookmark (and so see) the target? */
  async function reachable(viewer: Viewer, t: store.Target) {
    if (t.kind === 'work') {
      const access = await works.workAccess(db, t.id);
      return Boolean(access && canReadWork(viewer, access));
    }
    return (await series.visible(viewer, [t.id])).has(t.id);
  }

  /**
   * One transaction; a work's public count (and page version) follows. Only the count moved, so
   * the listing index hears of it as kudos are heard (within a second, without reading the work
   * again or its text).
   */
  async function write(workId: number | null, fn: (trx: Kysely<DB>) => Promise<void>) {
    await db.transaction().execute(async (trx) => {
      const before = workId === null ? 0 : await store.publicCount(trx, { kind: 'work', id: workId });
      await fn(trx);
      if (workId !== null) {
        await store.recountWork(trx, workId);
        // The writer's stats count public bookmarks, as the work page does.
        const after = await store.publicCount(trx, { kind: 'work', id: workId });
        if (after !== before) await recordStat(trx, workId, 'bookmarks', after - before);
        await index.countsChanged(trx, [workId]);
      }
    });
  }

  /** What the viewer may know of each bookmark's target. */
  async function targets(viewer: Viewer, rows: store.BookmarkRow[], visibleWorkIds?: Set<number>): Promise<BookmarkItem[]> {
    const workIds = rows.flatMap((b) => (b.workId !== null ? [b.workId] : []));
    const metas = new Map((await works.worksMeta(db, viewer, workIds)).map((w) => [w.id, w]));
    const seen = await series.visible(viewer, rows.flatMap((b) => (b.seriesId !== null ? [b.seriesId] : [])));
    const readable = async (id: number) => {
      if (visibleWorkIds) return visibleWorkIds.has(id);
      const access = await works.workAccess(db, id);
      return Boolean(access && access.status === 'posted' && canReadWork(viewer, access));
    };
    const items: BookmarkItem[] = [];
    for (const b of rows) {
      const work = b.workId !== null ? metas.get(b.workId) : undefined;
      const s = b.seriesId !== null ? seen.get(b.seriesId) : undefined;
      if (work && (await readable(work.id))) items.push({ bookmark: b, target: { kind: 'work', work } });
      else if (s) items.push({ bookmark: b, target: { kind: 'series', series: s } });
      else if (isBookmarkOwner(viewer, b)) items.push({ bookmark: b, target: { kind: 'unavailable' } });
    }
    return items;
  }

  return {
    /** The viewer's own bookmark of a target, for the form. */
    async mine(viewer: Viewer, t: store.Target) {
      return viewer.kind === 'user' ? store.bookmarkOf(db, viewer.id, t) : undefined;
    },

    /** Creates the viewer's bookmark of the target, or updates the one they have (one each, as on AO3). */
    async save(viewer: Viewer, t: store.Target, raw: unknown): Promise<Result<number> | Denied> {
      if (viewer.kind !== 'user' || !(await reachable(viewer, t))) return { ok: false, denied: 'not-found' };
      const f = bookmarkFormSchema.safeParse(raw);
      if (!f.success) return fail(fieldErrors(f.error.issues));
      const now = new Date().toISOString();
      let id = 0;
      await write(t.kind === 'work' ? t.id : null, async (trx) => {
        const existing = await store.bookmarkOf(trx, viewer.id, t);
        if (existing) await store.updateBookmark(trx, (id = existing.id), f.data, now);
        else id = await store.insertBookmark(trx, viewer.id, t, f.data, now);
      });
      return ok(id);
    },

    async remove(viewer: Viewer, bookmarkId: number): Promise<Result<store.BookmarkRow> | Denied> {
      const b = await store.bookmarkById(db, bookmarkId);
      if (!b || !isBookmarkOwner(viewer, b)) return { ok: false, denied: 'not-found' };
      await write(b.workId, (trx) => store.deleteBookmark(trx, bookmarkId));
      return ok(b);
    },

    /** The owner's bookmark for its edit page. */
    async forEditing(viewer: Viewer, bookmarkId: number): Promise<BookmarkItem | null> {
      const b = await store.bookmarkById(db, bookmarkId);
      if (!b || !isBookmarkOwner(viewer, b)) return null;
      return (await targets(viewer, [b]))[0] ?? null;
    },

    /** Public bookmarks of a work or series the viewer may see; null when they may not. */
    async publicOf(viewer: Viewer, t: store.Target, page: number) {
      if (!(await reachable(viewer, t))) return null;
      const [total, rows] = await Promise.all([store.publicCount(db, t), store.publicOf(db, t, PER_PAGE, (page - 1) * PER_PAGE)]);
      return { total, page, perPage: PER_PAGE, bookmarks: rows.filter((b) => canSeeBookmark(viewer, b)) };
    },

    publicCount: (t: store.Target) => store.publicCount(db, t),

    /**
     * A user's bookmarks page. Work filters go through the listing index (same rules and
     * visibility as any listing); series bookmarks and placeholders join when no work filter
     * is set and the order is by date bookmarked.
     */
    async ofUser(viewer: Viewer, userId: number, q: UserBookmarksQuery): Promise<UserBookmarks> {
      const rows = (await store.ofUser(db, userId, {
        includePrivate: isBookmarkOwner(viewer, { userId }), tagKeys: q.tags.map((t) => t.toLowerCase()), recOnly: q.recOnly,
      })).filter((b) => canSeeBookmark(viewer, b));
      const byWork = new Map(rows.flatMap((b) => (b.workId !== null ? [[b.workId, b] as const] : [])));
      const listed = await index.list({
        scope: { kind: 'all' }, visibility: listingVisibility(viewer), filter: q.filter,
        sort: q.sort === 'bookmarked_at' ? 'best_match' : 'revised_at',
        page: 1, perPage: Math.max(1, byWork.size), text: { ids: [...byWork.keys()] }, facetSize: 10,
      });
      const visible = new Set(listed.ids);
      const chosen = q.sort === 'bookmarked_at' && !hasWorkFilter(q.filter)
        ? rows
        : listed.ids.map((id) => byWork.get(id)!);
      // Which bookmarks show is decided for all of them (cheaply); titles are read for one page only.
      const seenSeries = await series.visible(viewer, chosen.flatMap((b) => (b.seriesId !== null ? [b.seriesId] : [])));
      const own = isBookmarkOwner(viewer, { userId });
      const shown = chosen.filter((b) => own || (b.workId !== null && visible.has(b.workId)) || (b.seriesId !== null && seenSeries.has(b.seriesId)));
      const counts = new Map<string, { name: string; count: number }>();
      for (const bookmark of shown) {
        for (const name of bookmark.tags) {
          const entry = counts.get(name.toLowerCase()) ?? { name, count: 0 };
          entry.count++;
          counts.set(name.toLowerCase(), entry);
        }
      }
      const items = await targets(viewer, shown.slice((q.page - 1) * PER_PAGE, q.page * PER_PAGE), visible);
      return {
        items, total: shown.length, page: q.page, perPage: PER_PAGE,
        facets: listed.facets, ownTags: [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)).slice(0, 20),
      };
    },
  };
}

export type BookmarksService = ReturnType<typeof bookmarksService>;
