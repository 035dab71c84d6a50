// API and account tokens, moderation, news, shared rate limits (tables of the DB in ../schema.ts).
import type { Generated } from 'kysely';
import type { Flag, Timestamp } from '../schema.js';

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

/** Shared rate-limit counters: key is limiter name, client key and window number. */
export interface RateLimitsTable {
  key: string;
  count: number;
  expires_at: string;
}
