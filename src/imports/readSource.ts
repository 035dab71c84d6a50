import fs from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'htmlparser2';
import { DomUtils } from 'htmlparser2';
import type { TextFormat } from '../works/rules.js';
import { looksLikeAo3, parseAo3Html } from './ao3Html.js';
import { parseEpub } from './epub.js';
import type { ImportedWork } from './imported.js';

/** A plain file becomes one chapter; an AO3 download or an EPUB brings its own chapters and tags. */
export type Source =
  | { kind: 'text'; file: string; title: string; text: string; format: TextFormat }
  | { kind: 'work'; file: string; work: ImportedWork };
export type SourceResult = { ok: true; source: Source } | { ok: false; file: string; message: string };

export const MAX_TEXT = 510_000;
const MAX_BYTES = 4 * MAX_TEXT;
/** A whole book (many chapters) may be larger than one chapter; nothing larger is read at all. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
const HTML_EXT = new Set(['.html', '.htm', '.xhtml']);
const TEXT_EXT = new Set(['.txt', '.text', '.md']);
const EPUB_EXT = new Set(['.epub']);
const importable = (name: string) => [HTML_EXT, TEXT_EXT, EPUB_EXT].some((set) => set.has(path.extname(name).toLowerCase()));

/** Files named on the command line; a directory stands for the importable files inside it. */
export async function expandPaths(paths: readonly string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    const stat = await fs.stat(p).catch(() => null);
    if (!stat) missing.push(p);
    else if (stat.isDirectory()) {
      const names = (await fs.readdir(p)).filter(importable);
      files.push(...names.sort().map((n) => path.join(p, n)));
    } else files.push(p);
  }
  return { files, missing };
}

const tooLarge = (size: number) => `is too large (${size.toLocaleString('en')} bytes; Quire imports files up to ${MAX_FILE_BYTES / 1024 / 1024} MB)`;

/** Reads one file as a work, refusing what would not make a sound work; the size is checked before reading. */
export async function readSource(file: string): Promise<SourceResult> {
  if (!importable(file)) return { ok: false, file, message: 'is not a .txt, .html or .epub file' };
  const stat = await fs.stat(file);
  if (stat.size > MAX_FILE_BYTES) return { ok: false, file, message: tooLarge(stat.size) };
  return readSourceBytes(file, new Uint8Array(await fs.readFile(file)));
}

/** The same, for bytes already in hand (an uploaded file); `file` is its name. */
export function readSourceBytes(file: string, bytes: Uint8Array): SourceResult {
  const ext = path.extname(file).toLowerCase();
  const fail = (message: string): SourceResult => ({ ok: false, file, message });
  if (!importable(file)) return fail('is not a .txt, .html or .epub file');
  if (bytes.length === 0) return fail('is empty');
  if (bytes.length > MAX_FILE_BYTES) return fail(tooLarge(bytes.length));
  if (EPUB_EXT.has(ext)) {
    const parsed = parseEpub(bytes);
    return parsed.ok ? { ok: true, source: { kind: 'work', file, work: parsed.work } } : fail(parsed.message);
  }
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('is not valid UTF-8 text (save it as UTF-8 and try again)');
  }
  raw = raw.replace(/^\uFEFF/, '');
  const fallbackTitle = path.basename(file, path.extname(file)).replace(/[_-]+/g, ' ').trim();
  let source: Source;
  if (HTML_EXT.has(ext)) {
    const doc = parseDocument(raw);
    if (looksLikeAo3(doc)) {
      const parsed = parseAo3Html(raw);
      return parsed.ok ? { ok: true, source: { kind: 'work', file, work: parsed.work } } : fail(parsed.message);
    }
    if (bytes.length > MAX_BYTES) return fail(`is too large (${bytes.length.toLocaleString('en')} bytes; a chapter holds at most ${MAX_TEXT.toLocaleString('en')} characters)`);
    const body = DomUtils.findOne((el) => el.name === 'body', doc.children);
    const titleEl = DomUtils.findOne((el) => el.name === 'title', doc.children);
    const html = body ? DomUtils.getInnerHTML(body) : raw;
    source = { kind: 'text', file, title: (titleEl ? DomUtils.textContent(titleEl).trim() : '') || fallbackTitle, text: html, format: 'html' };
  } else {
    if (bytes.length > MAX_BYTES) return fail(`is too large (${bytes.length.toLocaleString('en')} bytes; a chapter holds at most ${MAX_TEXT.toLocaleString('en')} characters)`);
    source = { kind: 'text', file, title: fallbackTitle, text: raw, format: 'plain' };
  }
  if (source.text.trim().length < 10) return fail('has less than 10 characters of text');
  if (source.text.length > MAX_TEXT) return fail(`has ${source.text.length.toLocaleString('en')} characters; a chapter holds at most ${MAX_TEXT.toLocaleString('en')}`);
  return { ok: true, source };
}
