import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, PostgresDriver, SqliteDialect } from 'kysely';
import { startCheckpointer } from './checkpointer.js';
import { routedPostgresDialect, type ReadRouting } from './readRouting.js';
import type { DB } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export type Database = {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Where it is: connect(url) reaches the same database (and schema) from another thread. */
  url: string;
  /** Present when reads may go to replicas (READ_DATABASE_URL). */
  reads?: ReadRouting;
  close(): Promise<void>;
};

export type ConnectOptions = {
  /** PostgreSQL only: every connection works inside this schema (test isolation). */
  schema?: string;
  /** PostgreSQL only: replicas for read-only queries (see readRouting.ts). */
  readUrls?: string[];
  /** SQLite only: checkpoint the WAL from a worker thread, not inside commits (the server). */
  backgroundCheckpoints?: boolean;
};

/** A PostgreSQL URL whose connections work inside `schema`. */
export const withSearchPath = (url: string, schema: string) => `${url}${url.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`;

export function connect(url: string, options: ConnectOptions = {}): Database {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const here = options.schema ? withSearchPath(url, options.schema) : url;
    const pool = (connectionString: string) => {
      const p = new pg.Pool({
        connectionString,
        max: 10,
        // Fail fast when the server is away: the page says so (503) instead of hanging.
        connectionTimeoutMillis: 10_000,
        ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
      });
      // A connection dropped by the server (idle in the pool or checked out) must not end the
      // process: its query fails (a 503 page) and the pool replaces it on the next checkout.
      p.on('error', () => {});
      p.on('connect', (client) => client.on('error', () => {}));
      return p;
    };
    const readUrls = options.readUrls ?? [];
    if (readUrls.length > 0) {
      const routed = routedPostgresDialect(
        new PostgresDriver({ pool: pool(url) }),
        readUrls.map((u) => new PostgresDriver({ pool: pool(u) })),
      );
      const db = new Kysely<DB>({ dialect: routed.dialect });
      return { db, dialect: 'postgres', url: here, reads: routed.routing, close: () => db.destroy() };
    }
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool(url) }) });
    return { db, dialect: 'postgres', url: here, close: () => db.destroy() };
  }
  if (url.startsWith('sqlite:')) {
    if (options.readUrls?.length) throw new Error('READ_DATABASE_URL needs a PostgreSQL DATABASE_URL');
    const file = url.slice('sqlite:'.length);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new SQLite(file);
    // WAL lets readers run beside the one writer; NORMAL sync is durable across app crashes.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const checkpointer = options.backgroundCheckpoints && file !== ':memory:'
      ? startCheckpointer(file, () => { if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000'); })
      : null;
    if (checkpointer) sqlite.pragma('wal_autocheckpoint = 0');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return {
      db,
      dialect: 'sqlite',
      url,
      close: async () => {
        await checkpointer?.stop();
        await db.destroy();
      },
    };
  }
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${url}")`);
}

/**
 * Kysely prepares every query afresh; preparing costs more than running the small queries a
 * page makes. Statements are kept by their SQL text (queries are parameterised, so the set is
 * small), and the oldest are dropped past a bound.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = statements.get(sql);
      if (!stmt) {
        stmt = sqlite.prepare(sql);
        if (statements.size >= max) statements.delete(statements.keys().next().value!);
        statements.set(sql, stmt);
      }
      return stmt;
    },
  };
}
