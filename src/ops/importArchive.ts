import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Database } from '../db/connect.js';
import { MIGRATION_NAMES, migrateToLatest } from '../db/migrate.js';
import { archiveRows } from './archiveRows.js';
import { loadArchive, type LoadProgress, type LoadReport, type Row, type RowSource } from './load.js';
import { tablesOf } from './tables.js';
import { MANIFEST, WITHOUT_SIGN_IN_SECRETS, isCellValue, manifestSchema, tableFile, type Manifest } from './archiveFormat.js';

export type ImportRefusal = { ok: false; reason: string };

/**
 * `quire import-archive DIR`: an export of `quire export` into an empty archive. Every file is
 * read and checked (manifest, checksums, row counts, columns, values) before anything is
 * written; the load is then one transaction, so a refused or failed import leaves nothing.
 */
export async function importArchive(target: Database, dir: string, onProgress: LoadProgress = () => {}): Promise<{ ok: true; manifest: Manifest; report: LoadReport } | ImportRefusal> {
  const read = readManifest(dir);
  if (!read.ok) return read;
  const { manifest } = read;
  if (!MIGRATION_NAMES.includes(manifest.migration)) {
    return { ok: false, reason: `This export was made by a newer Quire (its database is at "${manifest.migration}"); update Quire, then import it.` };
  }
  await migrateToLatest(target.db);
  const held = await archiveRows(target);
  if (held > 0) return { ok: false, reason: `The target already holds an archive (${held} users and works); Quire imports only into an empty one.` };

  const known = new Map((await tablesOf(target)).map((t) => [t.name, t]));
  for (const t of manifest.tables) {
    const table = known.get(t.name);
    if (!table) return { ok: false, reason: `The export holds a table this Quire does not know: ${t.name}.` };
    const unknown = t.columns.filter((c) => !table.columns.includes(c));
    if (unknown.length) return { ok: false, reason: `${tableFile(t.name)} has columns this Quire does not know: ${unknown.join(', ')}.` };
  }
  for (const t of manifest.tables) {
    const problem = await checkFile(dir, t);
    if (problem) return { ok: false, reason: problem };
  }
  return { ok: true, manifest, report: await loadArchive(target, archiveRowsOf(dir, manifest), onProgress) };
}

function readManifest(dir: string): { ok: true; manifest: Manifest } | ImportRefusal {
  const file = path.join(dir, MANIFEST);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { ok: false, reason: `${file} cannot be read: name the directory \`quire export\` wrote (an export without a manifest did not finish).` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `${file} is not valid JSON: ${(err as Error).message}` };
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, reason: `${file} is not a Quire archive manifest: ${issue.path.join('.') || 'the file'}: ${issue.message}` };
  }
  const names = parsed.data.tables.map((t) => t.name);
  if (new Set(names).size !== names.length) return { ok: false, reason: `${file} lists a table twice.` };
  return { ok: true, manifest: parsed.data };
}

/** Lines of a table's file, each with its number. */
async function* linesOf(dir: string, table: string): AsyncGenerator<{ line: string; n: number }> {
  const input = fs.createReadStream(path.join(dir, tableFile(table)), { encoding: 'utf8' });
  let n = 0;
  for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) yield { line, n: ++n };
}

async function checkFile(dir: string, t: Manifest['tables'][number]): Promise<string | undefined> {
  const name = tableFile(t.name);
  if (!fs.existsSync(path.join(dir, name))) return `${name} is missing from ${dir}.`;
  const hash = createHash('sha256');
  let rows = 0;
  for await (const { line, n } of linesOf(dir, t.name)) {
    hash.update(`${line}\n`);
    rows++;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      return `${name}, line ${n}: not valid JSON.`;
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return `${name}, line ${n}: each line must be one JSON object.`;
    for (const [column, value] of Object.entries(row)) {
      if (!t.columns.includes(column)) return `${name}, line ${n}: "${column}" is not one of the table's columns in the manifest.`;
      if (!isCellValue(value)) return `${name}, line ${n}: "${column}" must be text, a number or null.`;
    }
  }
  if (rows !== t.rows) return `${name} has ${rows} rows, but the manifest says ${t.rows}: the export is incomplete.`;
  if (hash.digest('hex') !== t.sha256) return `${name} does not match its checksum in the manifest: the file was changed or damaged.`;
  return undefined;
}

/** The checked files as a RowSource; sign-in secrets an export left out get their "none" values. */
function archiveRowsOf(dir: string, manifest: Manifest): RowSource {
  const tables = new Map(manifest.tables.map((t) => [t.name, t]));
  const fills = (table: string) => (manifest.passwords ? {} : WITHOUT_SIGN_IN_SECRETS[table] ?? {});
  return {
    columns: (table) => {
      const t = tables.get(table);
      return t && [...new Set([...t.columns, ...Object.keys(fills(table))])];
    },
    count: async (table) => tables.get(table)?.rows ?? 0,
    async *rows(table, columns, batch) {
      const fill = fills(table);
      let rows: Row[] = [];
      for await (const { line } of linesOf(dir, table)) {
        const row = { ...fill, ...(JSON.parse(line) as Row) };
        rows.push(Object.fromEntries(columns.map((c) => [c, row[c] ?? null])));
        if (rows.length === batch) {
          yield rows;
          rows = [];
        }
      }
      if (rows.length) yield rows;
    },
  };
}
