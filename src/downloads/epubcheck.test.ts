import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUEST } from '../policy/viewer.js';
import { TestClient, testArchive, type TestArchive } from '../testing/testApp.js';
import { ebookMeta, epubcheck } from '../testing/tools.js';
import { PageCache } from '../web/pageCache.js';
import { downloadsService, type DownloadsService } from './service.js';
import { EVERY_ELEMENT, NON_LATIN, postRichWork, postWork } from './testKit.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixture = path.resolve(repoRoot, '../shared/fixtures/letter-and-key.txt');
const fixtureNote = existsSync(fixture) ? '' : ` (skipped: fixture not found at ${fixture})`;

let archive: TestArchive;
let writer: TestClient;
let downloads: DownloadsService;
let dir: string;
const works: Record<string, number> = {};

beforeAll(async () => {
  archive = await testArchive();
  writer = await new TestClient(archive.app).signUp('epubwriter');
  // A fixed series line, so the file checked is the same whatever the series module does.
  downloads = downloadsService(archive.services.database.db, 'https://quire.example', new PageCache(64 * 1024 * 1024),
    async (workId) => (workId === works.rich ? [{ name: 'Letters & Keys', position: 2, url: 'https://quire.example/series/1' }] : []));
  dir = mkdtempSync(path.join(os.tmpdir(), 'quire-epub-'));
  works.rich = await postRichWork(archive, writer, 'epubwriter');
  works.nonLatin = await postWork(archive, writer, 'epubwriter', { title: 'こんにちは, Привет, Καλημέρα', language: 'ja', text_format: 'html', text: NON_LATIN, summary: NON_LATIN });
  works.elements = await postWork(archive, writer, 'epubwriter', { title: 'Every element', text_format: 'html', text: EVERY_ELEMENT, notes: EVERY_ELEMENT });
  if (existsSync(fixture)) works.fixture = await postWork(archive, writer, 'epubwriter', { text_format: 'plain', text: readFileSync(fixture, 'utf8') });
});
afterAll(async () => {
  await archive.close();
  rmSync(dir, { recursive: true, force: true });
});

async function epubFile(name: string): Promise<string> {
  const file = await downloads.download(GUEST, works[name]!, 'epub');
  expect(file).not.toBeNull();
  const out = path.join(dir, `${name}.epub`);
  writeFileSync(out, file!.bytes);
  return out;
}

function expectValid(file: string) {
  const { status, output } = epubcheck.run([file]);
  expect(output).toContain('No errors or warnings detected');
  expect(status).toBe(0);
}

describe.skipIf(!epubcheck.available)(`EPUBs pass epubcheck with no errors and no warnings${epubcheck.skipNote}`, () => {
  it.skipIf(!existsSync(fixture))(`for the fixture work${fixtureNote}`, async () => expectValid(await epubFile('fixture')), 120_000);
  it('for a multi-chapter work with every tag kind, notes and a series', async () => expectValid(await epubFile('rich')), 120_000);
  it('for a work in Japanese, Russian and Greek', async () => expectValid(await epubFile('nonLatin')), 120_000);
  it('for a work using every element the sanitizer allows', async () => expectValid(await epubFile('elements')), 120_000);
});

describe.skipIf(!ebookMeta.available)(`calibre reads the metadata${ebookMeta.skipNote}`, () => {
  it('title, authors, tags and series', async () => {
    const { status, output } = ebookMeta.run([await epubFile('rich')], { env: { QT_QPA_PLATFORM: 'offscreen' } });
    expect(status).toBe(0);
    expect(output).toMatch(/Title\s+: Letters & <Keys>/);
    expect(output).toMatch(/Author\(s\)\s+: epubwriter/);
    expect(output).toMatch(/Tags\s+: Teen And Up Audiences, No Archive Warnings Apply, M\/M, Shadowhunters \(TV\), Magnus Bane\/Alec Lightwood, Magnus Bane, Alec Lightwood, Chairman Meow, Angst, Letters, Post-Break Up/);
    expect(output).toMatch(/Series\s+: Letters & Keys #2/);
  }, 120_000);
});
