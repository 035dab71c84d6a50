import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, type TestArchive } from '../testing/testApp.js';

let archive: TestArchive;
let guest: TestClient;
beforeAll(async () => {
  archive = await testArchive();
  guest = new TestClient(archive.app);
});
afterAll(async () => { await archive.close(); });

const PARAMS = ['q', 'include_ids', 'exclude_ids', 'rating_ids', 'words_from', 'words_to', 'updated_from', 'updated_to', 'complete', 'single_chapter', 'crossover', 'language', 'sort', 'page', 'include_names', 'exclude_names', 'saved'];
const VALUES = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('-1', '1e9', '999999999999999999999', 'NaN', '2026-13-45', '"', '%', '%zz', 'true', '0', ''));
const query = fc.array(fc.tuple(fc.constantFrom(...PARAMS), VALUES), { maxLength: 6 })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&'));

describe('listings and search, on generated query strings', () => {
  it('answer every one with a page or a clear 4xx, never a server error', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom('/works', '/works/search'), query, async (path, qs) => {
      const res = await guest.get(`${path}?${qs}`);
      expect(res.status, `${path}?${qs}`).toBeLessThan(500);
      if (res.status >= 400) expect(guest.lastHtml).toMatch(/<h1>[^<]+<\/h1>/);
    }), { numRuns: 150 });
  });
});
