import { afterAll, beforeAll, expect } from 'vitest';
import type { Viewer } from '../policy/viewer.js';
import { TestClient, testArchive, workFields, type TestArchive } from '../testing/testApp.js';

/**
 * Shared by the series, bookmark and subscription suites: one archive per test file with a
 * writer, a reader and a guest, and quick ways to post works and chapters as a browser would.
 */
export function useResponsesArchive(prefix: string) {
  const ctx = {} as { archive: TestArchive; writer: TestClient; reader: TestClient; guest: TestClient };
  const login = (who: 'writer' | 'reader') => `${prefix}${who}`;
  beforeAll(async () => {
    ctx.archive = await testArchive();
    ctx.writer = await new TestClient(ctx.archive.app).signUp(login('writer'));
    ctx.reader = await new TestClient(ctx.archive.app).signUp(login('reader'));
    ctx.guest = new TestClient(ctx.archive.app);
  });
  afterAll(async () => { await ctx.archive.close(); });

  const db = () => ctx.archive.services.database.db;

  async function viewerOf(who: 'writer' | 'reader'): Promise<Viewer> {
    const user = (await ctx.archive.services.accounts.findUser(login(who)))!;
    return { kind: 'user', id: user.id, login: user.login, isAdmin: false, isWrangler: false };
  }

  /** Posts a work as the writer (or saves a draft with action: 'draft'); returns its id. */
  async function postWork(overrides: Record<string, string | string[]> = {}) {
    const user = (await ctx.archive.services.accounts.findUser(login('writer')))!;
    const pseud = (await ctx.archive.services.accounts.pseudsOf(user.id))[0]!.id;
    const res = await ctx.writer.post('/works', workFields(overrides, pseud));
    expect(res.status, ctx.writer.lastHtml.slice(0, 1000)).toBe(303);
    return Number(/\/works\/(\d+)/.exec(res.headers.get('location')!)![1]);
  }

  async function addChapter(workId: number, action: 'post' | 'draft' = 'post', title = 'The Key') {
    const res = await ctx.writer.post(`/works/${workId}/chapters`, { chapter_title: title, text_format: 'plain', text: 'Magnus found the key under the cushion.', action });
    expect(res.status, ctx.writer.lastHtml.slice(0, 1000)).toBe(303);
    return Number(/chapters\/(\d+)/.exec(res.headers.get('location')!)![1]);
  }

  const version = async (id: number) => (await db().selectFrom('works').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

  return { ctx, db, login, viewerOf, postWork, addChapter, version };
}
