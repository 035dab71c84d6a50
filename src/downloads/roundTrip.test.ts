import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWorks } from '../imports/importWorks.js';
import { TestClient, testArchive, type TestArchive } from '../testing/testApp.js';
import { MODERATION, chapterBodies, chaptersOf, worksMeta } from '../works/store.js';
import { postRichWork } from './testKit.js';

/** Quire's own downloads import back into an equal work: chapters, text, notes and every tag. */
let archive: TestArchive;
let guest: TestClient;
let dir: string;
let original: number;

beforeAll(async () => {
  archive = await testArchive();
  const writer = await new TestClient(archive.app).signUp('roundtrip');
  await new TestClient(archive.app).signUp('importer');
  guest = new TestClient(archive.app);
  original = await postRichWork(archive, writer, 'roundtrip', { language: 'en', fandoms: 'Shadowhunters (TV), The Mortal Instruments' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-roundtrip-'));
});
afterAll(async () => {
  await archive.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function snapshot(workId: number) {
  const db = archive.services.database.db;
  const [work] = await worksMeta(db, MODERATION, [workId]);
  const metas = await chaptersOf(db, workId);
  const chapters = await chapterBodies(db, workId, metas.map((c) => c.id));
  return {
    title: work!.title, summary: work!.summary, notes: work!.notes, endNotes: work!.endNotes, language: work!.language,
    expected: work!.expectedChapters, tags: work!.tags, words: work!.wordCount,
    chapters: chapters.map((c) => ({ title: c.title, summary: c.summary, notes: c.notes, endNotes: c.endNotes, body: c.body })),
  };
}

describe('downloads import back', () => {
  for (const format of ['epub', 'html'] as const) {
    it(`as an equal work from the ${format.toUpperCase()} download`, async () => {
      const res = await guest.get(`/downloads/${original}/x.${format}`);
      expect(res.status).toBe(200);
      const file = path.join(dir, `work.${format}`);
      fs.writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
      const outcome = await importWorks(archive.services, [file], { as: 'importer', fandoms: [], warnings: [], categories: [], relationships: [], characters: [], tags: [] });
      expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true });
      if (!outcome.ok) return;
      expect(await snapshot(outcome.workIds[0]!)).toEqual(await snapshot(original));
    });
  }
});
