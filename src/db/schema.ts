import type { Generated, Insertable, Selectable } from 'kysely';
import type { BookmarksTable, BookmarkTagsTable, HistoryPausedTable, NotificationsTable, ReadingsTable, SeriesPartsTable, SeriesTable, SubscriptionsTable, WorkStatsDailyTable } from './tables/readers.js';
import type { CommentsTable, InboxItemsTable, KudosTable, UserRelationTable, WorkHitsTable } from './tables/responses.js';
import type { AccountTokensTable, AdminLogTable, ApiTokensTable, CreatorInvitationsTable, NewsTable, RateLimitsTable, RecoveryCodesTable, ReportsTable } from './tables/operations.js';

export type * from './tables/readers.js';
export type * from './tables/responses.js';
export type * from './tables/operations.js';

/** Flags are 0/1 integers on both dialects, so queries read the same on SQLite and PostgreSQL. */
export type Flag = 0 | 1;
/** Times are ISO-8601 UTC strings (Date#toISOString), which sort correctly as text. */
export type Timestamp = string;

export type WorkStatus = 'draft' | 'posted';
/** Who may comment on a work. */
export type CommentPermission = 'everyone' | 'users' | 'none';

export interface UsersTable {
  id: Generated<number>;
  login: string;
  login_key: string;
  email: string;
  password_hash: string;
  is_admin: Flag;
  is_wrangler: Flag;
  must_change_password: Flag;
  created_at: Timestamp;
  /** JSON of the reader's chosen theme, font, size and width; null: defaults. */
  reader_settings: string | null;
  /** Base32 TOTP secret; set while enrolling, in use once totp_enabled is 1. */
  totp_secret: string | null;
  totp_enabled: Generated<Flag>;
  totp_last_step: Generated<number>;
  /** May sign in and read, but not post, comment or leave kudos, until this time. */
  suspended_until: Timestamp | null;
  /** Banned accounts cannot sign in. */
  banned_at: Timestamp | null;
  /** 1: crawlers of AI training sets are asked to keep off all of this writer's works. */
  asks_noai: Generated<Flag>;
}

export interface PseudsTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  name_key: string;
  is_default: Flag;
  created_at: Timestamp;
}

export interface SessionsTable {
  /** sha256 of the cookie token: a stolen database does not yield live sessions. */
  id: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface WorksTable {
  id: Generated<number>;
  title: string;
  summary: string;
  notes: string;
  end_notes: string;
  language: string;
  restricted: Flag;
  status: WorkStatus;
  /** null: the writer does not yet know ("?"). */
  expected_chapters: number | null;
  posted_chapters: number;
  word_count: number;
  published_at: Timestamp | null;
  revised_at: Timestamp;
  created_at: Timestamp;
  /** Bumped on every change that alters how the work renders; keys cached pages and ETags. */
  version: number;
  kudos_count: number;
  hits_count: number;
  comments_count: number;
  bookmarks_count: number;
  comment_permission: Generated<CommentPermission>;
  moderate_comments: Generated<Flag>;
  /** Bumped when kudos or comments change: keys the cached responses under a work. */
  responses_version: Generated<number>;
  /** Hidden by an admin: only its creators and admins may see it. */
  hidden_at: Generated<Timestamp | null>;
  /** Creators shown to no one but themselves (and admins on admin pages). */
  anonymous: Generated<Flag>;
}

export interface CreatorshipsTable {
  work_id: number;
  pseud_id: number;
  position: number;
}

export interface ChaptersTable {
  id: Generated<number>;
  work_id: number;
  position: number;
  title: string;
  summary: string;
  notes: string;
  end_notes: string;
  body: string;
  word_count: number;
  status: WorkStatus;
  published_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TagsTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  type: string;
  canonical: Flag;
  merger_id: number | null;
  created_at: Timestamp;
}

export interface WorkTagsTable {
  work_id: number;
  tag_id: number;
  /** The writer's order, kept for display. */
  position: number;
}

export interface TagParentsTable {
  child_id: number;
  parent_id: number;
}

export interface WorkChangesTable {
  id: Generated<number>;
  work_id: number;
  changed_at: Timestamp;
  /** 1: only the work's counts moved. */
  counts_only: Generated<number>;
}

export interface ExcludedTagsTable {
  user_id: number;
  tag_id: number;
}

export interface DB {
  users: UsersTable;
  pseuds: PseudsTable;
  sessions: SessionsTable;
  settings: SettingsTable;
  works: WorksTable;
  creatorships: CreatorshipsTable;
  chapters: ChaptersTable;
  tags: TagsTable;
  work_tags: WorkTagsTable;
  tag_parents: TagParentsTable;
  work_changes: WorkChangesTable;
  excluded_tags: ExcludedTagsTable;
  readings: ReadingsTable;
  history_paused: HistoryPausedTable;
  work_stats_daily: WorkStatsDailyTable;
  series: SeriesTable;
  series_parts: SeriesPartsTable;
  bookmarks: BookmarksTable;
  bookmark_tags: BookmarkTagsTable;
  subscriptions: SubscriptionsTable;
  notifications: NotificationsTable;
  kudos: KudosTable;
  work_hits: WorkHitsTable;
  comments: CommentsTable;
  inbox_items: InboxItemsTable;
  blocks: UserRelationTable;
  mutes: UserRelationTable;
  api_tokens: ApiTokensTable;
  rate_limits: RateLimitsTable;
  account_tokens: AccountTokensTable;
  recovery_codes: RecoveryCodesTable;
  creator_invitations: CreatorInvitationsTable;
  reports: ReportsTable;
  admin_log: AdminLogTable;
  news: NewsTable;
}

export type UserRow = Selectable<UsersTable>;
export type WorkRow = Selectable<WorksTable>;
export type ChapterRow = Selectable<ChaptersTable>;
export type TagRow = Selectable<TagsTable>;
export type NewChapter = Insertable<ChaptersTable>;
