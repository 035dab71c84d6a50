import type { Generated, Insertable, Selectable } from 'kysely';

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
}

export interface ExcludedTagsTable {
  user_id: number;
  tag_id: number;
}

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

export interface KudosTable {
  id: Generated<number>;
  work_id: number;
  /** Exactly one of user_id and guest_key is set. */
  user_id: number | null;
  /** HMAC of the guest's address under the site secret. */
  guest_key: string | null;
  created_at: Timestamp;
}

export interface WorkHitsTable {
  work_id: number;
  /** 'u:<user id>' or 'g:<HMAC of address and day>'. */
  reader_key: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
}

export type CommentStatus = 'visible' | 'held';

export interface CommentsTable {
  id: Generated<number>;
  work_id: number;
  /** null: a comment on the whole work. */
  chapter_id: number | null;
  parent_id: number | null;
  /** 1 for a top-level comment. */
  depth: number;
  /** Set for signed-in commenters; guests give a name and an email instead. */
  user_id: number | null;
  pseud_id: number | null;
  guest_name: string | null;
  guest_email: string | null;
  /** Sanitized HTML; '' once deleted. */
  body: string;
  status: CommentStatus;
  deleted: Flag;
  frozen: Flag;
  /** Hidden by an admin: seen by its author and the admins alone. */
  hidden: Generated<Flag>;
  created_at: Timestamp;
  edited_at: Timestamp | null;
}

export interface InboxItemsTable {
  user_id: number;
  comment_id: number;
  read: Flag;
  created_at: Timestamp;
}

/** blocks and mutes: user_id blocks (or mutes) target_id. */
export interface UserRelationTable {
  user_id: number;
  target_id: number;
  created_at: Timestamp;
}

export type TokenScope = 'read' | 'write';

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  /** sha256 of the token, which is shown once at creation and never stored. */
  token_hash: string;
  scope: TokenScope;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export type AccountTokenPurpose = 'password_reset' | 'email_change' | 'sign_in';

export interface AccountTokensTable {
  /** sha256 of the secret sent or set in a cookie. */
  id: string;
  user_id: number;
  purpose: AccountTokenPurpose;
  /** The new address, for an email change. */
  data: Generated<string>;
  attempts: Generated<number>;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface RecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
}

export interface CreatorInvitationsTable {
  work_id: number;
  pseud_id: number;
  invited_by: number;
  created_at: Timestamp;
}

export type ReportStatus = 'open' | 'resolved' | 'dismissed';

export interface ReportsTable {
  id: Generated<number>;
  url: string;
  work_id: number | null;
  reporter_id: number | null;
  reporter_email: string;
  reason: string;
  status: ReportStatus;
  created_at: Timestamp;
  handled_by: number | null;
  handled_at: Timestamp | null;
}

export interface AdminLogTable {
  id: Generated<number>;
  admin_id: number;
  admin_login: string;
  action: string;
  target: string;
  reason: string;
  created_at: Timestamp;
}

export interface NewsTable {
  id: Generated<number>;
  title: string;
  body: string;
  active: Flag;
  posted_by: number;
  created_at: Timestamp;
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

/** Shared rate-limit counters: key is limiter name, client key and window number. */
export interface RateLimitsTable {
  key: string;
  count: number;
  expires_at: string;
}

export type UserRow = Selectable<UsersTable>;
export type WorkRow = Selectable<WorksTable>;
export type ChapterRow = Selectable<ChaptersTable>;
export type TagRow = Selectable<TagsTable>;
export type NewChapter = Insertable<ChaptersTable>;
