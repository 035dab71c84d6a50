import { type Kysely } from 'kysely';
import { withId } from './columns.js';

export async function up(db: Kysely<any>): Promise<void> {
  // Two-factor sign-in, suspension and bans live on the account.
  await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // The last 30-second step accepted, so a code seen over a shoulder cannot be replayed.
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('users').addColumn('suspended_until', 'text').execute();
  await db.schema.alterTable('users').addColumn('banned_at', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('last_seen_at', 'text').execute();

  // Hidden by an admin (null: not hidden); anonymous: creators shown to no one but themselves.
  await db.schema.alterTable('works').addColumn('hidden_at', 'text').execute();
  await db.schema.alterTable('works').addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  // Single-use links and challenges (password reset, email change, the 2FA step of sign-in):
  // only the SHA-256 of the secret is kept.
  await db.schema.createTable('account_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('account_tokens_user').on('account_tokens').columns(['user_id', 'purpose']).execute();

  await withId(db, db.schema.createTable('recovery_codes'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recovery_codes_user').on('recovery_codes').column('user_id').execute();

  // A co-creator is shown and may edit only once they accept.
  await db.schema.createTable('creator_invitations')
    .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
    .addColumn('pseud_id', 'integer', (c) => c.notNull().references('pseuds.id').onDelete('cascade'))
    .addColumn('invited_by', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('creator_invitations_pk', ['work_id', 'pseud_id'])
    .execute();
  await db.schema.createIndex('creator_invitations_pseud').on('creator_invitations').column('pseud_id').execute();

  await withId(db, db.schema.createTable('reports'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('work_id', 'integer')
    .addColumn('reporter_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reporter_email', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('handled_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('handled_at', 'text')
    .execute();
  await db.schema.createIndex('reports_status').on('reports').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('reports_work').on('reports').columns(['work_id', 'reporter_email']).execute();

  await withId(db, db.schema.createTable('admin_log'))
    .addColumn('admin_id', 'integer', (c) => c.notNull())
    .addColumn('admin_login', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('news'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('posted_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // The account orphaned works move to (AO3's orphan_account); nobody can sign in as it.
  const now = new Date().toISOString();
  const orphan = await db.insertInto('users')
    .values({ login: 'orphan_account', login_key: 'orphan_account', email: 'orphan@localhost', password_hash: '!',
      is_admin: 0, is_wrangler: 0, must_change_password: 0, created_at: now, banned_at: now })
    .returning('id').executeTakeFirstOrThrow();
  await db.insertInto('pseuds')
    .values({ user_id: orphan.id, name: 'orphan_account', name_key: 'orphan_account', is_default: 1, created_at: now })
    .execute();
}
