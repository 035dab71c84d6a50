import { z } from 'zod';

/**
 * `quire export` writes an archive as a directory of open JSON Lines: one `TABLE.jsonl` file a
 * table (one JSON object a row, keyed by column name) and a `manifest.json` that lists them with
 * their row counts and SHA-256, written last, so a directory without one is an unfinished export.
 */

export const ARCHIVE_FORMAT = 'quire-archive';
export const ARCHIVE_VERSION = 1;
export const MANIFEST = 'manifest.json';

/** Tables that belong to a running site, not to its archive: sessions and tokens (a copy of them
 * would let whoever holds the files act as their owners) and the change log of listing indexes. */
export const NEVER_EXPORTED = new Set(['sessions', 'api_tokens', 'account_tokens', 'work_changes']);

/** Rows that never leave the site: its signing secret (the importing site makes its own). */
export const neverExported = (table: string, row: Record<string, unknown>) => table === 'settings' && row.key === 'secret';

/** What `--with-passwords` adds: the means to sign in as a user. */
export const SIGN_IN_SECRETS = {
  tables: new Set(['recovery_codes']),
  columns: { users: ['password_hash', 'totp_secret', 'totp_enabled', 'totp_last_step'] } as Record<string, string[]>,
};

/** Values an import writes for sign-in secrets an export left out: no password matches "!",
 * so such users set a new one through "Forgot your password?". */
export const WITHOUT_SIGN_IN_SECRETS: Record<string, Record<string, string | number | null>> = {
  users: { password_hash: '!', totp_secret: null, totp_enabled: 0, totp_last_step: 0 },
};

const identifier = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'a table or column name of lower-case letters, digits and _');

export const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  exported_at: z.string(),
  /** The last migration of the exporting Quire: an importer must know it. */
  migration: z.string(),
  passwords: z.boolean(),
  tables: z.array(z.object({
    name: identifier,
    rows: z.number().int().nonnegative(),
    columns: z.array(identifier).min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })),
});

export type Manifest = z.infer<typeof manifestSchema>;

export const tableFile = (table: string) => `${table}.jsonl`;

/** The only values a row holds in either database: text, numbers and nulls. */
export function isCellValue(value: unknown): value is string | number | null {
  return value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}
