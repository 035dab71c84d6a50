import { archiveRows } from './archiveRows.js';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { connect, type Database } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';

const run = promisify(execFile);

/**
 * Backups taken while the archive serves: SQLite's online backup API (a consistent copy page by
 * page, readers and the writer carry on), or pg_dump's custom format (one snapshot) for
 * PostgreSQL. A restore goes into an empty archive only, unless forced.
 */

export type BackupKind = 'sqlite' | 'postgres';

export async function backupArchive(url: string, file: string): Promise<BackupKind> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (url.startsWith('sqlite:')) {
    const source = new SQLite(url.slice('sqlite:'.length), { readonly: true, fileMustExist: true });
    try {
      await source.backup(file);
    } finally {
      source.close();
    }
    return 'sqlite';
  }
  const schema = await schemaOf(url);
  await run('pg_dump', ['--format=custom', '--no-owner', `--schema=${schema}`, `--file=${file}`, `--dbname=${url}`], { maxBuffer: 16 * 1024 * 1024 });
  return 'postgres';
}

export type RestoreOutcome = { ok: true; kind: BackupKind } | { ok: false; reason: string };

export async function restoreArchive(url: string, file: string, options: { force?: boolean } = {}): Promise<RestoreOutcome> {
  if (!fs.existsSync(file)) return { ok: false, reason: `There is no backup at ${file}.` };
  const kind = backupKind(file);
  if (!kind) return { ok: false, reason: `${file} is not a Quire backup (neither an SQLite database nor a pg_dump archive).` };
  const target: BackupKind = url.startsWith('sqlite:') ? 'sqlite' : 'postgres';
  if (kind !== target) {
    return { ok: false, reason: `${file} is a ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} backup and DATABASE_URL is ${target === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: restore it into its own kind, then use quire copy.` };
  }
  const database = connect(url);
  try {
    const rows = await archiveRows(database);
    if (rows > 0 && !options.force) return { ok: false, reason: `The target already holds an archive (${rows} users and works); restore overwrites it only with --force.` };
  } finally {
    await database.close();
  }
  if (kind === 'sqlite') {
    const backup = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      // The backup API writes under SQLite's own locks, so open connections see old or new, never half.
      await backup.backup(url.slice('sqlite:'.length));
    } finally {
      backup.close();
    }
  } else {
    await run('pg_restore', ['--no-owner', '--exit-on-error', ...(options.force ? ['--clean', '--if-exists'] : []), `--dbname=${url}`, file], { maxBuffer: 16 * 1024 * 1024 });
  }
  // A backup from an older Quire is brought up to date, so the archive opens as usual.
  const restored = connect(url);
  try {
    await migrateToLatest(restored.db);
  } finally {
    await restored.close();
  }
  return { ok: true, kind };
}

function backupKind(file: string): BackupKind | null {
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString('latin1').startsWith('SQLite format 3\0')) return 'sqlite';
  if (head.toString('latin1', 0, 5) === 'PGDMP') return 'postgres';
  return null;
}

async function schemaOf(url: string): Promise<string> {
  const database = connect(url);
  try {
    return (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0]!.s;
  } finally {
    await database.close();
  }
}
