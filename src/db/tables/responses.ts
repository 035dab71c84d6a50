// Kudos, hits, comments, the inbox, blocks and mutes (tables of the DB in ../schema.ts).
import type { Generated } from 'kysely';
import type { Flag, Timestamp } from '../schema.js';

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
