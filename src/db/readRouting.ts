import { AsyncLocalStorage } from 'node:async_hooks';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { isDatabaseUnavailable } from './unavailable.js';

/**
 * Read replicas behind one Kysely: during a request, a plain SELECT outside a transaction goes to
 * a replica; all else (transactions, writes, raw SQL, and anything outside a request) goes to the
 * primary. Domain code never chooses; it only sees
 * `db`. Read-your-writes: a request that wrote reads from the primary for the rest of the
 * request, and a request carrying the primary's WAL position of an earlier write (see
 * src/web/readYourWrites.ts) reads from its replica only once that replica has replayed it.
 */

/** What one request knows about where it may read. */
export type ReadContext = {
  /** The replica this request reads from (one per request, so its view never goes backwards). */
  replica: number;
  /** The primary's WAL position of this viewer's last write, until a replica has replayed it. */
  since: string | undefined;
  /** Set once this request has written: its later reads go to the primary. */
  wrote: boolean;
  replayed?: Promise<boolean>;
};

export type ReadRouting = {
  /** Runs `fn` as one request; reads inside it follow `context`. */
  run<T>(context: ReadContext, fn: () => Promise<T>): Promise<T>;
  context(since: string | undefined): ReadContext;
  /** The primary's current WAL position (after a write has committed). */
  primaryPosition(): Promise<string>;
  /** Connections handed out by each side so far, and by each replica in READ_DATABASE_URL's
   * order (tests check that reads reach the replicas). */
  readonly counts: { primary: number; replica: number; byReplica: number[] };
};

const requests = new AsyncLocalStorage<ReadContext>();

export function routedPostgresDialect(primary: Driver, replicas: Driver[]): { dialect: Dialect; routing: ReadRouting } {
  const counts = { primary: 0, replica: 0, byReplica: replicas.map(() => 0) };
  let next = 0;
  const pick = () => (next = (next + 1) % replicas.length);

  async function replayedOn(replica: Driver, position: string): Promise<boolean> {
    const conn = await replica.acquireConnection();
    try {
      const r = await conn.executeQuery<{ ok: boolean | null }>(
        CompiledQuery.raw('select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok', [position]),
      );
      return r.rows[0]?.ok === true;
    } finally {
      await replica.releaseConnection(conn);
    }
  }

  /** The replica a read may use now, or null for the primary. */
  async function readTarget(): Promise<Driver | null> {
    const ctx = requests.getStore();
    // Outside a request (startup, migrations, background work) nothing tracks what was written.
    if (!ctx || ctx.wrote) return null;
    const replica = replicas[ctx.replica % replicas.length]!;
    if (ctx.since === undefined) return replica;
    ctx.replayed ??= replayedOn(replica, ctx.since).catch(() => false);
    return (await ctx.replayed) ? replica : null;
  }

  const markWrote = () => {
    const ctx = requests.getStore();
    if (ctx) ctx.wrote = true;
  };

  class RoutedConnection implements DatabaseConnection {
    bound: { driver: Driver; conn: DatabaseConnection } | null = null;

    async bind(query: CompiledQuery | null): Promise<DatabaseConnection> {
      // A connection held across queries (db.connection()) that turns to writing moves to the primary.
      if (this.bound && this.bound.driver !== primary && query?.query.kind !== 'SelectQueryNode') {
        await this.bound.driver.releaseConnection(this.bound.conn);
        this.bound = null;
      }
      if (this.bound) return this.bound.conn;
      const replica = query?.query.kind === 'SelectQueryNode' ? await readTarget() : null;
      if (replica) {
        try {
          this.bound = { driver: replica, conn: await replica.acquireConnection() };
          counts.replica += 1;
          counts.byReplica[replicas.indexOf(replica)]! += 1;
          return this.bound.conn;
        } catch {
          // A replica that cannot be reached is skipped: the primary answers instead.
        }
      }
      if (query === null || query.query.kind !== 'SelectQueryNode') markWrote();
      this.bound = { driver: primary, conn: await primary.acquireConnection() };
      counts.primary += 1;
      return this.bound.conn;
    }

    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      const conn = await this.bind(query);
      try {
        return await conn.executeQuery<R>(query);
      } catch (err) {
        if (this.bound?.driver === primary || !isDatabaseUnavailable(err)) throw err;
        // The replica went away mid-flight: a read is safe to ask again, of the primary.
        await this.bound!.driver.releaseConnection(conn).catch(() => {});
        this.bound = { driver: primary, conn: await primary.acquireConnection() };
        counts.primary += 1;
        return this.bound.conn.executeQuery<R>(query);
      }
    }

    async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
      yield* (await this.bind(query)).streamQuery<R>(query, chunkSize);
    }
  }

  const inner = (c: DatabaseConnection) => {
    const bound = (c as RoutedConnection).bound;
    if (!bound) throw new Error('routed connection used before a query');
    return bound;
  };

  const driver: Driver = {
    async init() {
      await primary.init();
      for (const r of replicas) await r.init();
    },
    acquireConnection: async () => new RoutedConnection(),
    async beginTransaction(c, settings: TransactionSettings) {
      await (c as RoutedConnection).bind(null);
      const b = inner(c);
      await b.driver.beginTransaction(b.conn, settings);
    },
    commitTransaction: (c) => inner(c).driver.commitTransaction(inner(c).conn),
    rollbackTransaction: (c) => inner(c).driver.rollbackTransaction(inner(c).conn),
    savepoint: (c, name, compile: QueryCompiler['compileQuery']) => primary.savepoint!(inner(c).conn, name, compile),
    rollbackToSavepoint: (c, name, compile: QueryCompiler['compileQuery']) => primary.rollbackToSavepoint!(inner(c).conn, name, compile),
    releaseSavepoint: (c, name, compile: QueryCompiler['compileQuery']) => primary.releaseSavepoint!(inner(c).conn, name, compile),
    async releaseConnection(c) {
      const bound = (c as RoutedConnection).bound;
      if (bound) await bound.driver.releaseConnection(bound.conn);
    },
    async destroy() {
      await primary.destroy();
      for (const r of replicas) await r.destroy();
    },
  };

  const dialect: Dialect = {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => driver,
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (db: Kysely<any>) => new PostgresIntrospector(db),
  };

  const routing: ReadRouting = {
    run: (context, fn) => requests.run(context, fn),
    context: (since) => ({ replica: pick(), since, wrote: false }),
    async primaryPosition() {
      const conn = await primary.acquireConnection();
      try {
        const r = await conn.executeQuery<{ lsn: string }>(CompiledQuery.raw('select pg_current_wal_lsn()::text as lsn'));
        return r.rows[0]!.lsn;
      } finally {
        await primary.releaseConnection(conn);
      }
    },
    counts,
  };
  return { dialect, routing };
}
