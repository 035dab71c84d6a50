// Readers' history, writers' stats, series, bookmarks, subscriptions (tables of the DB in ../schema.ts).
import type { Generated } from 'kysely';
import type { Flag, Timestamp } from '../schema.js';

/** A reader's history of one work; visit_count 0 when only marked for later. */
export interface ReadingsTable {
  user_id: number;
  work_id: number;
  last_chapter_id: number | null;
  visit_count: number;
  last_visited_at: Timestamp | null;
  to_read: Flag;
  marked_at: Timestamp | null;
}

export interface HistoryPausedTable {
  user_id: number;
  paused_at: Timestamp;
}

/** Per work and UTC day ('YYYY-MM-DD'); written only through recordStat (src/stats/store.ts). */
export interface WorkStatsDailyTable {
  work_id: number;
  day: string;
  hits: Generated<number>;
  kudos: Generated<number>;
  comments: Generated<number>;
  bookmarks: Generated<number>;
  subscriptions: Generated<number>;
}

export interface SeriesTable {
  id: Generated<number>;
  user_id: number;
  title: string;
  summary: string;
  notes: string;
  complete: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SeriesPartsTable {
  series_id: number;
  work_id: number;
  position: number;
}

export interface BookmarksTable {
  id: Generated<number>;
  user_id: number;
  target_kind: 'work' | 'series';
  /** null once the work (or series) is deleted: the bookmark stays, as a placeholder. */
  work_id: number | null;
  series_id: number | null;
  notes: string;
  private: Flag;
  rec: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BookmarkTagsTable {
  bookmark_id: number;
  name: string;
  name_key: string;
  position: number;
}

export interface SubscriptionsTable {
  id: Generated<number>;
  user_id: number;
  target_kind: 'work' | 'user' | 'series';
  work_id: number | null;
  target_user_id: number | null;
  series_id: number | null;
  created_at: Timestamp;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: 'work' | 'chapter';
  work_id: number;
  chapter_id: number | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}
