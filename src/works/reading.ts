import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { canReadWork, isCreator, listingVisibility } from '../policy/works.js';
import type { Viewer } from '../policy/viewer.js';
import { NO_FILTER, type Facets, type SortKey, type TextMatches, type WorkFilter, type WorkIndex, type WorkScope } from '../search/workIndex.js';
import { extrasCache } from './extrasCache.js';
import * as store from './store.js';
import type { ExclusionsService } from '../search/exclusions.js';

/** Which part of a work a reader asked for. */
export type Selection = { kind: 'default' } | { kind: 'chapter'; chapterId: number } | { kind: 'full' };

export type WorkPageData = {
  work: store.WorkMeta;
  /** Chapters this viewer may open, in order (creators also see their drafts). */
  chapters: store.ChapterMeta[];
  shown: store.Chapter[];
  selection: Selection;
  isCreator: boolean;
};

export type Listing = {
  works: store.WorkMeta[];
  total: number;
  page: number;
  perPage: number;
  facets: Facets;
  /** How many saved excluded tags were applied. */
  excludedBySettings: number;
};

/** What a listing page asks for; everything but the scope comes from the reader's filters. */
export type ListingRequest = {
  scope: WorkScope;
  filter?: WorkFilter;
  sort?: SortKey;
  page: number;
  text?: TextMatches | undefined;
  facets?: boolean;
  /** Leave out the viewer's saved excluded tags (the default); off for one page on request. */
  savedExclusions?: boolean;
};

export const PER_PAGE = 20;

const FACET_SIZE = 10;

/** Users whose works a reader muted: left out of every listing, count and search for them. */
export type MutedCreators = (userId: number) => Promise<number[]>;

export function readingService(db: Kysely<DB>, index: WorkIndex, exclusions: ExclusionsService, muted: MutedCreators = async () => []) {
  const extras = extrasCache();
  return {
    /** The cheap check every work page starts with: may this viewer see it, and which version. */
    async access(viewer: Viewer, workId: number) {
      // A guest is nobody's creator, so the creators need not be read.
      const access = viewer.kind === 'guest'
        ? await store.workState(db, workId).then((s) => s && { ...s, creatorUserIds: [] })
        : await store.workAccess(db, workId);
      if (!access || !canReadWork(viewer, access)) return null;
      return { version: access.version, isCreator: isCreator(viewer, access), responses: access.responses };
    },

    async workPage(viewer: Viewer, workId: number, selection: Selection): Promise<WorkPageData | null> {
      const access = await store.workAccess(db, workId);
      if (!access || !canReadWork(viewer, access)) return null;
      const creator = isCreator(viewer, access);
      const [work] = await store.worksMeta(db, viewer, [workId]);
      if (!work) return null;
      const chapters = (await store.chaptersOf(db, workId)).filter((ch) => creator || ch.status === 'posted');
      const wanted =
        selection.kind === 'full' ? chapters
        : selection.kind === 'chapter' ? chapters.filter((ch) => ch.id === selection.chapterId)
        : chapters.slice(0, 1);
      if (wanted.length === 0) return null;
      const shown = await store.chapterBodies(db, workId, wanted.map((ch) => ch.id));
      return { work, chapters, shown, selection, isCreator: creator };
    },

    async chapterIndex(viewer: Viewer, workId: number) {
      const access = await store.workAccess(db, workId);
      if (!access || !canReadWork(viewer, access)) return null;
      const creator = isCreator(viewer, access);
      const [work] = await store.worksMeta(db, viewer, [workId]);
      const chapters = (await store.chaptersOf(db, workId)).filter((ch) => creator || ch.status === 'posted');
      return work ? { work, chapters, isCreator: creator } : null;
    },

    /** A work for its edit form: only its creators get it. */
    async forEditing(viewer: Viewer, workId: number) {
      const access = await store.workAccess(db, workId);
      if (!access || !isCreator(viewer, access)) return null;
      const [work] = await store.worksMeta(db, viewer, [workId]);
      const chapters = await store.chaptersOf(db, workId);
      return work ? { work, chapters } : null;
    },

    async chapterForEditing(viewer: Viewer, workId: number, chapterId: number) {
      const access = await store.workAccess(db, workId);
      if (!access || !isCreator(viewer, access)) return null;
      const [chapter] = await store.chapterBodies(db, workId, [chapterId]);
      const [work] = await store.worksMeta(db, viewer, [workId]);
      return chapter && work ? { work, chapter } : null;
    },

    async list(viewer: Viewer, r: ListingRequest): Promise<Listing> {
      const filter = r.filter ?? NO_FILTER;
      const saved = viewer.kind === 'user' && r.savedExclusions !== false ? await exclusions.ids(viewer.id) : [];
      const mutedIds = viewer.kind === 'user' ? await muted(viewer.id) : [];
      const withSaved = saved.length ? { ...filter, exclude: [...new Set([...filter.exclude, ...saved])] } : filter;
      const { ids, total, facets } = await index.list({
        scope: r.scope,
        visibility: listingVisibility(viewer),
        filter: mutedIds.length ? { ...withSaved, excludeCreators: mutedIds } : withSaved,
        sort: r.sort ?? 'revised_at',
        page: r.page,
        perPage: PER_PAGE,
        text: r.text,
        facetSize: r.facets ? FACET_SIZE : 0,
      });
      return { works: await store.worksMeta(db, viewer, ids, extras), total, page: r.page, perPage: PER_PAGE, facets, excludedBySettings: saved.length };
    },

    async drafts(viewer: Viewer): Promise<store.WorkMeta[]> {
      if (viewer.kind !== 'user') return [];
      return store.worksMeta(db, viewer, await store.draftIdsOfUser(db, viewer.id));
    },
  };
}

export type ReadingService = ReturnType<typeof readingService>;
