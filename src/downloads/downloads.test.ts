import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, type TestArchive } from '../testing/testApp.js';
import { pdftotext } from '../testing/tools.js';
import { FORMATS } from './paths.js';
import { missingFonts } from './pdf.js';
import { NON_LATIN, postRichWork, postWork } from './testKit.js';

let archive: TestArchive;
let writer: TestClient;
let reader: TestClient;
let guest: TestClient;
let rich: number;
let restricted: number;
let draft: number;

const basic = (login: string, password: string) => `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`;
const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

beforeAll(async () => {
  archive = await testArchive();
  writer = await new TestClient(archive.app).signUp('dlwriter');
  reader = await new TestClient(archive.app).signUp('dlreader');
  guest = new TestClient(archive.app);
  rich = await postRichWork(archive, writer, 'dlwriter');
  restricted = await postWork(archive, writer, 'dlwriter', { title: 'Members Only', restricted: 'on' });
  draft = await postWork(archive, writer, 'dlwriter', { title: 'Unfinished', action: 'draft' });
});
afterAll(async () => { await archive.close(); });

describe('downloading a work', () => {
  it('offers every format on the work page, and each one downloads with a safe file name', async () => {
    const page = await guest.page(`/works/${rich}`);
    for (const f of FORMATS) expect(page).toContain(`href="/downloads/${rich}/Letters_Keys.${f}"`);
    for (const [format, type] of [['epub', 'application/epub+zip'], ['html', 'text/html; charset=UTF-8'], ['txt', 'text/plain; charset=UTF-8'], ['pdf', 'application/pdf']]) {
      const res = await guest.get(`/downloads/${rich}/Letters_Keys.${format}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Letters_Keys.${format}"; filename*=UTF-8''Letters%20%26%20Keys.${format}`);
    }
  });

  it('makes an EPUB with its mimetype first and uncompressed, a file per chapter, and the preface', async () => {
    const bytes = await bytesOf(await guest.get(`/downloads/${rich}/any-slug.epub`));
    expect(strFromU8(bytes.subarray(30, 38))).toBe('mimetype');
    expect(strFromU8(bytes.subarray(38, 58))).toBe('application/epub+zip');
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['OEBPS/chapter-1.xhtml', 'OEBPS/chapter-2.xhtml', 'OEBPS/chapter-3.xhtml', 'OEBPS/nav.xhtml', 'OEBPS/preface.xhtml', 'OEBPS/afterword.xhtml']));
    const preface = strFromU8(files['OEBPS/preface.xhtml']!);
    expect(preface).toContain('<h1>Letters &amp; &lt;Keys&gt;</h1>');
    expect(preface).toContain('Chairman Meow');
    expect(preface).toContain(`http://localhost:3000/works/${rich}`);
    expect(strFromU8(files['OEBPS/chapter-2.xhtml']!)).toContain('Chapter 2: The Key');
    expect(strFromU8(files['OEBPS/afterword.xhtml']!)).toContain('Thanks for reading!');
  });

  it('writes the text and HTML formats with the whole work in them', async () => {
    const text = await (await guest.get(`/downloads/${rich}/x.txt`)).text();
    expect(text).toMatch(/^Letters & <Keys>\n=+\n\nby dlwriter/);
    expect(text).toContain('The key, by the way, is in Chairman Meow’s bed.');
    const html = await (await guest.get(`/downloads/${rich}/x.html`)).text();
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<h2 class="heading">Chapter 3</h2>');
    expect(html).not.toMatch(/<script|<link /);
  });

  it.skipIf(missingFonts().length > 0 && !process.env.CI)(`embeds fonts for Latin, Greek, Cyrillic and CJK text in the PDF${missingFonts().length ? ' (skipped: apt-get install fonts-dejavu-core fonts-noto-cjk)' : ''}`, async () => {
    const id = await postWork(archive, writer, 'dlwriter', { title: 'Καλημέρα', language: 'ja', text_format: 'html', text: NON_LATIN });
    const bytes = await bytesOf(await guest.get(`/downloads/${id}/x.pdf`));
    const pdf = Buffer.from(bytes).toString('latin1');
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSerif\b/);
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifCJKjp-Regular/);
    expect(pdf).toContain('/FontFile');
    if (!pdftotext.available) return;
    // The glyphs are in the embedded subsets and map back to their characters: the text reads out.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'quire-pdf-'));
    try {
      writeFileSync(path.join(dir, 'work.pdf'), bytes);
      const { status, output } = pdftotext.run([path.join(dir, 'work.pdf'), '-']);
      expect(status).toBe(0);
      for (const words of ['Καλημέρα κόσμε', 'Привет, мир', '你好', 'こんにちは', '안녕하세요']) expect(output).toContain(words);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers a repeat request with 304, and makes a new file when the work changes', async () => {
    const first = await guest.get(`/downloads/${rich}/x.txt`);
    const etag = first.headers.get('etag')!;
    const again = await guest.request('GET', `/downloads/${rich}/x.txt`, undefined, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    const text = await first.text();
    await archive.services.database.db.updateTable('chapters').set({ body: '<p>Rewritten ending.</p>' }).where('work_id', '=', rich).where('position', '=', 3).execute();
    // Same version: the file made the first time is served again, not made anew.
    const cached = await guest.get(`/downloads/${rich}/x.txt`);
    expect([cached.headers.get('etag'), await cached.text()]).toEqual([etag, text]);
    await archive.services.database.db.updateTable('works').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', rich).execute();
    const changed = await guest.get(`/downloads/${rich}/x.txt`);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(await changed.text()).toContain('Rewritten ending.');
  });

  it('names the series the work is part of, numbered as guests see it', async () => {
    const hidden = await postWork(archive, writer, 'dlwriter', { title: 'Part for members', restricted: 'on' });
    const opener = await postWork(archive, writer, 'dlwriter', { title: 'Opening letter' });
    await writer.page('/series/new');
    const made = await writer.post('/series', { title: 'Letters Home', summary: '', notes: '' });
    const seriesId = Number(/\/series\/(\d+)/.exec(made.headers.get('location') ?? '')?.[1]);
    for (const id of [hidden, opener, rich]) {
      await writer.page(`/series/${seriesId}`);
      expect((await writer.post(`/series/${seriesId}/parts`, { work_id: String(id) })).status).toBe(303);
    }
    const epub = unzipSync(await bytesOf(await guest.get(`/downloads/${rich}/x.epub`)));
    const opf = strFromU8(Object.entries(epub).find(([name]) => name.endsWith('.opf'))![1]);
    expect(opf).toContain('>Letters Home</meta>');
    // The members-only part is not counted for a file guests may take.
    expect(opf).toContain('<meta name="calibre:series_index" content="2"/>');
  });

  it('is a 404 for formats and ids that do not exist', async () => {
    for (const path of [`/downloads/${rich}/x.mobi`, `/downloads/${rich}/epub`, '/downloads/999999/x.epub', `/downloads/${rich}/x.EPUB`]) {
      expect((await guest.get(path)).status, path).toBe(404);
    }
  });
});

describe('who may download', () => {
  it('gives a restricted work to signed-in readers and a 404 to guests, in every format', async () => {
    for (const f of FORMATS) {
      const res = await guest.get(`/downloads/${restricted}/Members_Only.${f}`);
      expect(res.status).toBe(404);
      expect(guest.lastHtml).not.toContain('Members Only');
      expect((await reader.get(`/downloads/${restricted}/Members_Only.${f}`)).status).toBe(200);
    }
    expect((await reader.get(`/downloads/${restricted}/Members_Only.txt`)).headers.get('cache-control')).toBe('private, no-cache');
  });

  it('never gives out a draft, not even to its creator', async () => {
    expect(await writer.page(`/works/${draft}`)).not.toContain('/downloads/');
    for (const client of [guest, reader, writer]) expect((await client.get(`/downloads/${draft}/Unfinished.epub`)).status).toBe(404);
  });

  it('accepts HTTP Basic over TLS for e-reader apps, and ignores it over plain HTTP', async () => {
    const path = `/downloads/${restricted}/Members_Only.epub`;
    const tls = { 'x-forwarded-proto': 'https' };
    expect((await guest.request('GET', path, undefined, { ...tls, authorization: basic('dlreader', 'correct horse battery') })).status).toBe(200);
    expect((await guest.request('GET', path, undefined, { authorization: basic('dlreader', 'correct horse battery') })).status).toBe(404);
    const wrong = await guest.request('GET', path, undefined, { ...tls, authorization: basic('dlreader', 'wrong password') });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Basic realm="Quire", charset="UTF-8"');
    expect((await guest.request('GET', path, undefined, { ...tls, authorization: 'Basic !!!' })).status).toBe(404);
  });
});
