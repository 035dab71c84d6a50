import fs from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'htmlparser2';
import { DomUtils } from 'htmlparser2';
import type { TextFormat } from '../works/rules.js';

export type Source = { file: string; title: string; text: string; format: TextFormat };
export type SourceResult = { ok: true; source: Source } | { ok: false; file: string; message: string };

export const MAX_TEXT = 510_000;
const MAX_BYTES = 4 * MAX_TEXT;
const HTML_EXT = new Set(['.html', '.htm', '.xhtml']);
const TEXT_EXT = new Set(['.txt', '.text', '.md']);

/** Files named on the command line; a directory stands for the importable files inside it. */
export async function expandPaths(paths: readonly string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    const stat = await fs.stat(p).catch(() => null);
    if (!stat) missing.push(p);
    else if (stat.isDirectory()) {
      const names = (await fs.readdir(p)).filter((n) => HTML_EXT.has(path.extname(n).toLowerCase()) || TEXT_EXT.has(path.extname(n).toLowerCase()));
      files.push(...names.sort().map((n) => path.join(p, n)));
    } else files.push(p);
  }
  return { files, missing };
}

/** Reads one file as a work's text, refusing what would not make a sound work. */
export async function readSource(file: string): Promise<SourceResult> {
  const ext = path.extname(file).toLowerCase();
  const fail = (message: string): SourceResult => ({ ok: false, file, message });
  if (!HTML_EXT.has(ext) && !TEXT_EXT.has(ext)) return fail('is not a .txt or .html file');
  const stat = await fs.stat(file);
  if (stat.size === 0) return fail('is empty');
  if (stat.size > MAX_BYTES) return fail(`is too large (${stat.size.toLocaleString('en')} bytes; a chapter holds at most ${MAX_TEXT.toLocaleString('en')} characters)`);
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(await fs.readFile(file));
  } catch {
    return fail('is not valid UTF-8 text (save it as UTF-8 and try again)');
  }
  raw = raw.replace(/^\uFEFF/, '');
  const fallbackTitle = path.basename(file, path.extname(file)).replace(/[_-]+/g, ' ').trim();
  let source: Source;
  if (HTML_EXT.has(ext)) {
    const doc = parseDocument(raw);
    const body = DomUtils.findOne((el) => el.name === 'body', doc.children);
    const titleEl = DomUtils.findOne((el) => el.name === 'title', doc.children);
    const html = body ? DomUtils.getInnerHTML(body) : raw;
    source = { file, title: (titleEl ? DomUtils.textContent(titleEl).trim() : '') || fallbackTitle, text: html, format: 'html' };
  } else {
    source = { file, title: fallbackTitle, text: raw, format: 'plain' };
  }
  if (source.text.trim().length < 10) return fail('has less than 10 characters of text');
  if (source.text.length > MAX_TEXT) return fail(`has ${source.text.length.toLocaleString('en')} characters; a chapter holds at most ${MAX_TEXT.toLocaleString('en')}`);
  return { ok: true, source };
}
