import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { ListingVisibility } from '../policy/works.js';
import type { TagType } from '../tags/kinds.js';

/** Which works a listing is about. */
export type WorkScope =
  | { kind: 'all' }
  | { kind: 'tag'; tagId: number }
  | { kind: 'user'; userId: number }
  | { kind: 'pseud'; pseudId: number };

export const SORT_KEYS = ['revised_at', 'published_at', 'word_count', 'kudos_count', 'hits_count', 'comments_count', 'bookmarks_count', 'title', 'creator', 'best_match'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** Everything a reader can narrow a listing by. Tag ids are resolved; synonyms and sub-tags are the engine's job. */
export type WorkFilter = {
  /** Every one of these (through synonyms and sub-tags). */
  include: number[];
  /** None of these (through synonyms and sub-tags). */
  exclude: number[];
  /** Any one of these rating tags; empty for all. */
  ratings: number[];
  wordsFrom?: number | undefined;
  wordsTo?: number | undefined;
  /** ISO dates (YYYY-MM-DD), inclusive. */
  updatedFrom?: string | undefined;
  updatedTo?: string | undefined;
  complete?: 'complete' | 'in_progress' | undefined;
  singleChapter?: boolean | undefined;
  crossover?: 'only' | 'exclude' | undefined;
  language?: string | undefined;
  /** Leave out works with any of these users among their creators (whom the reader muted). */
  excludeCreators?: number[] | undefined;
};

export const NO_FILTER: WorkFilter = { include: [], exclude: [], ratings: [] };

/** Text matches, best first (listings sorted by best match keep this order), with their scores. */
export type TextMatches = { ids: Int32Array | number[]; scores?: Float64Array | number[] };

export type WorkListQuery = {
  scope: WorkScope;
  visibility: ListingVisibility;
  filter: WorkFilter;
  sort: SortKey;
  page: number;
  perPage: number;
  /** Restricts the listing to these works (a text search's matches). */
  text?: TextMatches | undefined;
  /** How many tags of each type the sidebar shows; 0 for none. */
  facetSize?: number;
};

export type FacetTag = { id: number; name: string; count: number };
export type Facets = Partial<Record<TagType, FacetTag[]>>;

export type WorkListResult = { ids: number[]; total: number; facets: Facets };

/**
 * Every listing and search goes through this interface, so a faster engine (or a
 * PostgreSQL-specific one) can replace another without touching routes or views.
 */
export interface WorkIndex {
  list(query: WorkListQuery): Promise<WorkListResult>;
  /** Called inside the transaction of every change to a work (post, edit, delete, counts). */
  workChanged(db: Kysely<DB>, workId: number): Promise<void>;
  /** Like workChanged, for changes that moved only counts (kudos, comments, hits, bookmarks). */
  countsChanged(db: Kysely<DB>, workIds: readonly number[]): Promise<void>;
  /** Called after a change commits (and by a timer, for other processes' changes): catch up. */
  sync(): Promise<void>;
  /** Called after tag wrangling changed which tags stand for which. */
  tagsChanged(): Promise<void>;
}
