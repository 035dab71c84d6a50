import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { TEST_PG_URL } from './testDatabase.js';

/**
 * A PostgreSQL server of the test's own, on a free loopback port in a temporary directory: a
 * fresh one a test may stop and restart without touching the shared server on 5432, or a
 * streaming replica (of the shared server, or of a fresh one).
 */
export type TempPostgres = {
  port: number;
  url: string;
  dataDir: string;
  stop(): void;
  start(): void;
  /** Stops the server and removes its directory. */
  destroy(): void;
};

const BIN = process.env.QUIRE_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Why a server of our own cannot run here, or null when it can. */
export function tempPostgresUnavailable(): string | null {
  if (!fs.existsSync(path.join(BIN, 'initdb'))) return `no PostgreSQL binaries in ${BIN} (set QUIRE_PG_BIN)`;
  if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0) return 'running as root without a postgres user';
  return null;
}

/** Runs a PostgreSQL binary, as the postgres user when we are root (the server refuses root). */
function run(bin: string, args: string[]) {
  const [cmd, all] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', path.join(BIN, bin), ...args]] : [path.join(BIN, bin), args];
  execFileSync(cmd as string, all as string[], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The server runs as the postgres user when we are root: what it reads must be that user's. */
function giveToPostgres(file: string) {
  if (process.getuid?.() !== 0) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
  fs.chownSync(file, uid, gid);
}

function ownedTempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-pg-'));
  giveToPostgres(dir);
  fs.chmodSync(dir, 0o700);
  return dir;
}

function server(root: string, dataDir: string, port: number, database = 'postgres'): TempPostgres {
  const opts = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${root} -c fsync=off -c wal_level=replica`;
  const pgCtl = (...args: string[]) => run('pg_ctl', ['-D', dataDir, '-l', path.join(root, 'log'), '-o', opts, '-w', ...args]);
  let running = false;
  const srv: TempPostgres = {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/${database}`,
    dataDir,
    start() {
      pgCtl('start');
      running = true;
    },
    stop() {
      if (running) pgCtl('-m', 'fast', 'stop');
      running = false;
    },
    destroy() {
      try {
        srv.stop();
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    },
  };
  srv.start();
  return srv;
}

/** A fresh server (trust authentication on loopback, replication allowed). */
export async function startTempPostgres(): Promise<TempPostgres> {
  const root = ownedTempDir();
  const dataDir = path.join(root, 'data');
  run('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '--no-instructions']);
  return server(root, dataDir, await freePort());
}

/** A server on loopback to make a replica of: the shared test server, or one of `startTempPostgres`. */
export type Primary = { port: number; database: string };

/** The shared test server (TEST_PG_URL) as a primary. */
export function sharedPrimary(): Primary {
  const url = new URL(TEST_PG_URL);
  return { port: Number(url.port || 5432), database: url.pathname.slice(1) };
}

/** One query's rows through psql, unaligned (`status` 0 when it answered). */
function psql(server: Primary, query: string) {
  return spawnSync(path.join(BIN, 'psql'), ['-h', '127.0.0.1', '-p', String(server.port), '-U', 'postgres', '-d', server.database, '-Atc', query],
    { encoding: 'utf8', timeout: 10_000 });
}

/**
 * Why the shared test server cannot have a replica of ours, or null when it can: replication
 * must be allowed from loopback in its pg_hba.conf (.ci/run adds the line).
 */
export function sharedReplicaUnavailable(): string | null {
  const own = tempPostgresUnavailable();
  if (own) return own;
  const check = psql(sharedPrimary(), "select count(*) from pg_hba_file_rules where 'replication' = any(database) and (address is null or address = '127.0.0.1')");
  if (check.status !== 0) return `cannot ask the test server about replication: ${check.stderr.trim()}`;
  return Number(check.stdout.trim()) > 0 ? null : 'the test server does not allow replication from 127.0.0.1 (add "host replication all 127.0.0.1/32 trust" to its pg_hba.conf, as .ci/run does)';
}

/**
 * A streaming replica of `primary`, made with pg_basebackup, read-only, on its own port. A
 * packaged server (Debian's) keeps its configuration outside the data directory, so the copy
 * gets files of its own: trust on loopback, as the servers here have.
 */
export async function startReplica(primary: Primary): Promise<TempPostgres> {
  const root = ownedTempDir();
  const dataDir = path.join(root, 'data');
  run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', dataDir, '-R', '-X', 'stream', '--checkpoint=fast', '--no-sync']);
  // A standby refuses to start with fewer connections, WAL senders, workers or locks than its primary.
  const settings = psql(primary, "select name || ' = ' || setting from pg_settings where name in ('max_connections', 'max_wal_senders', 'max_worker_processes', 'max_prepared_transactions', 'max_locks_per_transaction')");
  if (settings.status !== 0) throw new Error(`cannot read the primary's settings: ${settings.stderr}`);
  const files = { 'postgresql.conf': settings.stdout, 'pg_hba.conf': 'local all all trust\nhost all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\n' };
  for (const [file, text] of Object.entries(files)) {
    const at = path.join(dataDir, file);
    if (fs.existsSync(at)) continue;
    fs.writeFileSync(at, text, { mode: 0o600 });
    giveToPostgres(at);
  }
  return server(root, dataDir, await freePort(), primary.database);
}
