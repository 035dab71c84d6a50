import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A PostgreSQL server of the test's own, on a free loopback port in a temporary directory, so a
 * test may stop it, restart it or give it a replica without touching the shared server on 5432.
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

function ownedTempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    fs.chownSync(dir, uid, gid);
  }
  fs.chmodSync(dir, 0o700);
  return dir;
}

function server(root: string, dataDir: string, port: number): TempPostgres {
  const opts = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${root} -c fsync=off -c max_wal_senders=5 -c wal_level=replica`;
  const pgCtl = (...args: string[]) => run('pg_ctl', ['-D', dataDir, '-l', path.join(root, 'log'), '-o', opts, '-w', ...args]);
  let running = false;
  const srv: TempPostgres = {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
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

/** A streaming replica of `primary`, made with pg_basebackup, read-only, on its own port. */
export async function startReplica(primary: TempPostgres): Promise<TempPostgres> {
  const root = ownedTempDir();
  const dataDir = path.join(root, 'data');
  run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', dataDir, '-R', '-X', 'stream', '--no-sync']);
  return server(root, dataDir, await freePort());
}
