import type { APIResponse, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePassword, launchBrowser, signUp, startServer, type RunningServer } from './helpers.js';
import { NAUGHTY, PAYLOADS, packed, packedGroups } from './hostileCorpus.js';

/**
 * Hostile input, end to end: the corpus in hostileCorpus.ts goes into every field a person can
 * write (forms, edits, the API, files through the upload form; the text of works also carries the
 * Big List of Naughty Strings' markup), then Chromium opens every page that shows those fields and fails on
 * any sign that a payload ran: a dialog, `window.__pwned`, or a request to another host. Pages are
 * opened with the Content-Security-Policy bypassed, so what is tested is the escaping and the
 * sanitizer themselves, not the CSP that stands behind them.
 */

// Payloads are link-heavy; the new-account spam limits would (rightly) refuse most of them.
process.env.NEW_ACCOUNT_LIMITS = 'off';

const WRITER = { login: 'hostile', email: 'hostile@example.test', password: 'correct horse battery' };
const READER = { login: 'prober', email: 'prober@example.test', password: 'correct horse battery' };
const ALL = PAYLOADS.join('\n\n');
/** For the text of works and chapters, which have room for the public list as well. */
const TEXT = `${ALL}\n\n${NAUGHTY.join('\n\n')}`;

let server: RunningServer;
let browser: Browser;
let writer: Page;
let reader: Page;
const url = (p: string) => `${server.baseUrl}${p}`;

/** The CSRF token a signed-in (or guest) page carries. */
async function csrf(page: Page): Promise<string> {
  const html = await (await page.request.get(url('/reports/new'))).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF token on the report form');
  return token;
}

/** Sends a form as the page's browser would (its cookies), without following the redirect. */
async function post(page: Page, path: string, fields: Record<string, string | string[]>): Promise<APIResponse> {
  const body = new URLSearchParams();
  body.append('_csrf', await csrf(page));
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return page.request.post(url(path), { data: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, maxRedirects: 0 });
}

const errorsOf = (html: string) => [...html.matchAll(/class="[^"]*error[^"]*"[^>]*>([^<]*)/g)].map((m) => m[1]).join(' | ');

async function posted(page: Page, path: string, fields: Record<string, string | string[]>): Promise<string> {
  const res = await post(page, path, fields);
  expect(res.status(), `${path}: ${errorsOf(await res.text())}`).toBe(303);
  return res.headers().location ?? '';
}

const idIn = (location: string, re: RegExp) => Number(re.exec(location)?.[1]);

/** Everything a visit to a page let payloads do. */
type Trace = { dialogs: string[]; foreign: string[] };

async function probePage(): Promise<{ page: Page; trace: () => Trace; reset: () => void }> {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  let dialogs: string[] = [];
  let foreign: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
  page.on('request', (r) => {
    const u = r.url();
    if (u.startsWith('data:') || u === 'about:blank') return;
    try {
      if (new URL(u).hostname !== '127.0.0.1') foreign.push(u);
    } catch {
      foreign.push(u);
    }
  });
  return {
    page,
    reset: () => { dialogs = []; foreign = []; },
    trace: (): Trace => ({ dialogs, foreign }),
  };
}

const works: number[] = [];
const chapters: Array<[work: number, chapter: number]> = [];
const series: number[] = [];
let apiWork = 0;
let commentId = 0;
/** Works that came in as files through the upload form (HTML and plain text), then were posted. */
const importedWorks: number[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  writer = await (await browser.newContext()).newPage();
  reader = await (await browser.newContext()).newPage();
  await signUp(writer, url('/'), WRITER);
  await signUp(reader, url('/'), READER);
  const form = await (await writer.request.get(url('/works/new'))).text();
  const pseud = /name="pseud_ids"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="pseud_ids"/.exec(form);
  const pseudId = pseud?.[1] ?? pseud?.[2] ?? '';
  expect(pseudId).not.toBe('');

  // One work per group of payloads short enough for a title: every short field holds the
  // group, the work text holds them all; rich text and plain text alternate.
  for (const [i, list] of packedGroups(240).entries()) {
    const g = list.join(' ');
    // A tag name belongs to one kind, so each kind gets the payloads under its own prefix.
    // Commas separate tags, so inside a payload they become spaces.
    const tags = (kind: string) => list.map((t) => `${kind} ${t.replaceAll(',', ' ')}`).join(', ');
    const location = await posted(writer, '/works', {
      title: g, pseud_ids: pseudId, rating: 'General Audiences', warnings: 'No Archive Warnings Apply', categories: 'Gen',
      fandoms: `Hostile Fandom, ${tags('F')}`, relationships: tags('R'), characters: tags('C'), freeforms: `Probe, ${tags('A')}`, language: 'en',
      expected_chapters: '?', summary: g, notes: g, end_notes: g, chapter_title: g, chapter_summary: g, chapter_notes: g,
      chapter_end_notes: g, text_format: i % 2 === 0 ? 'html' : 'plain', text: TEXT, action: 'post',
    });
    const workId = idIn(location, /\/works\/(\d+)/);
    works.push(workId);
    const chapterAt = await posted(writer, `/works/${workId}/chapters`, {
      chapter_title: g, chapter_summary: g, chapter_notes: g, chapter_end_notes: g, text_format: i % 2 === 0 ? 'plain' : 'html', text: `${g}\n\n${TEXT}`, action: 'post',
    });
    const chapterId = idIn(chapterAt, /\/chapters\/(\d+)/);
    if (chapterId) chapters.push([workId, chapterId]);

    // Bookmarks, series and comments carry the same group.
    await posted(reader, `/works/${workId}/bookmarks`, { notes: g, tags: tags('B') });
    const seriesAt = await posted(writer, '/series', { title: g, summary: g, notes: g });
    const seriesId = idIn(seriesAt, /\/series\/(\d+)/);
    series.push(seriesId);
    await posted(writer, `/series/${seriesId}/parts`, { work_id: String(workId) });
  }
  // Comments: signed in, as a guest (the name holds payloads too), and a reply.
  const guest = await (await browser.newContext()).newPage();
  await guest.goto(url(`/works/${works[0]}`));
  // Guests may post three comments in fifteen minutes: names from the attribute-breaking and
  // script payloads, bodies the whole corpus.
  const names = packed(100, ' ').filter((n) => /["'<]/.test(n));
  for (const [i, name] of [names[0]!, names[2]!, names[names.length - 1]!].entries()) {
    await posted(guest, `/works/${works[0]}/comments`, { guest_name: name, guest_email: 'guest@example.test', body: `A guest writes: ${ALL.slice(i * 3000, i * 3000 + 3000)}` });
  }
  const commentAt = await posted(reader, `/works/${works[0]}/comments`, { body: ALL.slice(0, 4000) });
  commentId = idIn(commentAt, /#comment-(\d+)/);
  await posted(writer, `/comments/${commentId}/replies`, { body: ALL.slice(4000) });
  await posted(reader, `/works/${works[1]}/comments`, { body: ALL.slice(0, 4000) });

  // A series bookmarked, and edits: a chapter, a comment and a series saved again with payloads.
  await posted(reader, `/series/${series[0]}/bookmarks`, { notes: ALL.slice(0, 4000), tags: 'B series, B <b onmouseover=alert(1)>x</b>' });
  const [editWork, editChapter] = chapters[1]!;
  await posted(writer, `/works/${editWork}/chapters/${editChapter}`, {
    chapter_title: PAYLOADS[5]!, chapter_summary: ALL.slice(0, 1200), chapter_notes: ALL.slice(0, 1200), chapter_end_notes: ALL.slice(0, 1200),
    text_format: 'html', text: `<p>Edited.</p>${TEXT}`, action: 'post',
  });
  await posted(reader, `/comments/${commentId}/edit`, { body: `Edited: ${ALL.slice(2000, 6000)}` });
  await posted(writer, `/series/${series[1]}`, { title: PAYLOADS[6]!, summary: ALL.slice(0, 1200), notes: ALL.slice(0, 1200) });

  // Files through the upload form: HTML (the importer refuses any <script>, so those payloads
  // stay out of it) and plain text (every payload, as text). Each becomes a draft, then is posted.
  const noScript = [...PAYLOADS, ...NAUGHTY].filter((p) => !/<\/?script/i.test(p));
  for (const [name, mimeType, text] of [
    ['hostile.html', 'text/html', `<!DOCTYPE html><html><head><title>Imported ${noScript[0]!.replace(/[<>&]/g, ' ')}</title></head><body><p>${noScript.join('</p>\n<p>')}</p></body></html>`],
    ['hostile.txt', 'text/plain', `Imported plain text.\n\n${TEXT}`],
  ] as const) {
    const res = await writer.request.post(url('/works/import'), {
      multipart: { _csrf: await csrf(writer), fandoms: 'Hostile Fandom', file: { name, mimeType, buffer: Buffer.from(text) } }, maxRedirects: 0,
    });
    expect(res.status(), `${name}: ${errorsOf(await res.text())}`).toBe(303);
    const id = idIn(res.headers().location ?? '', /\/works\/(\d+)/);
    await posted(writer, `/works/${id}/post`, {});
    importedWorks.push(id);
  }

  // A report the admins read.
  const report = await post(reader, '/reports', { url: `/works/${works[0]}`, reason: ALL.slice(0, 1990) });
  expect(report.status(), errorsOf(await report.text())).toBeLessThan(400);

  // The API: a write token (its name a payload), then a work posted as a tool would.
  const tokenPage = await post(writer, '/settings/tokens', { name: PAYLOADS[0]!, scope: 'write' });
  const tokenHtml = await tokenPage.text();
  const token = /<code class="token">([^<]+)<\/code>/.exec(tokenHtml)?.[1] ?? '';
  expect(token, tokenHtml.slice(0, 500)).not.toBe('');
  // As a tool calls it: a bearer token and no cookies.
  const apiRes = await fetch(url('/api/v1/works'), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: PAYLOADS[9], summary: ALL.slice(0, 1200), notes: ALL.slice(0, 4900), rating: 'General Audiences',
      warnings: ['No Archive Warnings Apply'], categories: ['Gen'], fandoms: ['Hostile Fandom', PAYLOADS[1]], characters: [PAYLOADS[2]],
      freeforms: PAYLOADS.slice(10, 14), language: 'en', expected_chapters: 1, chapter: { title: PAYLOADS[3], text: TEXT }, post: true,
    }),
  });
  const apiBody = await apiRes.text();
  expect(apiRes.status, apiBody).toBe(201);
  const created = JSON.parse(apiBody) as { id?: number; work?: { id?: number } };
  apiWork = Number(created.id ?? created.work?.id);
  expect(apiWork).toBeGreaterThan(0);
  // And edited through the API: the work's metadata, then its chapter.
  const api = (method: string, path: string, body: unknown) => fetch(url(path), {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const patched = await api('PATCH', `/api/v1/works/${apiWork}`, { summary: ALL.slice(1200, 2400), notes: ALL.slice(0, 4900), freeforms: PAYLOADS.slice(14, 18) });
  expect(patched.status, await patched.clone().text()).toBe(200);
  const apiChapter = ((await (await fetch(url(`/api/v1/works/${apiWork}/chapters`))).json()) as Array<{ id: number }>)[0]!.id;
  const chapterPatched = await api('PATCH', `/api/v1/works/${apiWork}/chapters/${apiChapter}`, { title: PAYLOADS[7], summary: ALL.slice(0, 1200), text: `<p>Patched.</p>${TEXT}`, text_format: 'html' });
  expect(chapterPatched.status, await chapterPatched.clone().text()).toBe(200);
}, 120_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await server?.stop();
});

/** Opens each path in `page` and collects what any payload managed to do there. */
async function visitAll(probe: Awaited<ReturnType<typeof probePage>>, paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const p of paths) {
    probe.reset();
    const res = await probe.page.goto(url(p), { waitUntil: 'load' });
    expect(res?.status(), p).toBeLessThan(400);
    // Landing somewhere else (a sign-in or password page) would check the wrong page.
    expect(new URL(probe.page.url()).pathname, p).toBe(new URL(url(p)).pathname);
    // Let deferred handlers (onfocus, animations, meta refresh) have their moment.
    await probe.page.waitForTimeout(50);
    const pwned = await probe.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned !== undefined);
    const t = probe.trace();
    if (pwned) found.push(`${p}: window.__pwned was set`);
    for (const d of t.dialogs) found.push(`${p}: dialog ${d}`);
    for (const f of t.foreign) found.push(`${p}: request to ${f}`);
  }
  return found;
}

const tagPath = (name: string) => `/tags/${encodeURIComponent(name)}/works`;

describe('hostile input', () => {
  it('stored everything it was given', () => {
    expect(works.length).toBeGreaterThan(10);
    expect(importedWorks).toHaveLength(2);
    expect(chapters.length).toBe(works.length);
    expect(series.length).toBe(works.length);
  });

  it('refuses markup in pseud names, the one profile field (letters, digits, spaces, . _ - only)', async () => {
    for (const name of PAYLOADS.filter((p) => p.length <= 40).slice(0, 10)) {
      expect((await post(writer, `/users/${WRITER.login}/pseuds`, { name })).status(), name).toBe(422);
    }
  });

  it('notices a payload that does run (the probe itself works)', async () => {
    const probe = await probePage();
    await probe.page.goto(url('/robots.txt'));
    await probe.page.setContent(`${PAYLOADS.find((p) => p.startsWith('<img src=x onerror="'))}<script>alert(1)</script><img src="http://evil.example/p.png">`);
    await probe.page.waitForTimeout(50);
    expect(await probe.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBe(1);
    expect(probe.trace().dialogs).toEqual(['alert: 1']);
    expect(probe.trace().foreign).toEqual(['http://evil.example/p.png']);
  });

  it('shows the payloads as text where a field is plain text', async () => {
    const probe = await probePage();
    await probe.page.goto(url(`/works/${works[0]}`));
    expect(await probe.page.locator('h2.title, h1').first().innerText()).toContain(PAYLOADS[0]);
  });

  it('runs nothing on the pages readers see', async () => {
    const probe = await probePage();
    const paths = [
      ...works.flatMap((w) => [`/works/${w}`, `/works/${w}?view_full_work=true`, `/works/${w}/bookmarks`]),
      ...chapters.map(([w, c]) => `/works/${w}/chapters/${c}`),
      ...series.map((s) => `/series/${s}`),
      `/works/${apiWork}`, `/works/${apiWork}?view_full_work=true`,
      ...importedWorks.flatMap((w) => [`/works/${w}`, `/works/${w}?view_full_work=true`]),
      `/series/${series[0]}/bookmarks`,
      '/works', '/works?page=2', tagPath('Hostile Fandom'), tagPath('Probe'), tagPath(`F ${PAYLOADS[1]!}`),
      '/works/search?q=script', '/works/search?q=onerror', '/works/search?q=pwned', '/works/search?q=svg+img',
      `/users/${WRITER.login}`, `/users/${WRITER.login}/works`, `/users/${WRITER.login}/series`, `/users/${READER.login}/bookmarks`,
    ];
    expect(await visitAll(probe, paths)).toEqual([]);
  });

  it('runs nothing on the pages writers, readers and admins see signed in', async () => {
    const found: string[] = [];
    for (const [who, paths] of [
      [WRITER, ['/inbox', `/users/${WRITER.login}/works/drafts`, `/users/${WRITER.login}/stats`, `/works/${works[0]}/edit`, `/works/${works[1]}/stats`, '/settings/tokens',
        ...chapters.slice(0, 2).map(([w, c]) => `/works/${w}/chapters/${c}/edit`), `/series/${series[0]}/edit`, ...works.slice(0, 3).map((w) => `/works/${w}`)]],
      [READER, [`/comments/${commentId}/edit`, `/users/${READER.login}/bookmarks`, `/users/${READER.login}/readings`, `/works/${works[2]}/bookmarks/new`, `/works/${works[0]}`]],
      [{ login: 'admin', password: server.adminPassword }, ['/admin/reports', `/admin/works/${works[0]}`, '/admin/log', `/works/${works[0]}`]],
    ] as const) {
      const probe = await probePage();
      await probe.page.goto(url('/login'));
      await probe.page.getByLabel('Login').fill(who.login);
      await probe.page.getByLabel('Password').fill(who.password);
      await Promise.all([probe.page.waitForURL((u) => u.pathname !== '/login'), probe.page.getByRole('button', { name: 'Sign In' }).click()]);
      // The admin's first sign-in asks for a new password before anything else.
      if (probe.page.url().endsWith('/settings/password')) await changePassword(probe.page, who.password, 'a new admin password', /\/users\/admin$/);
      found.push(...(await visitAll(probe, paths)).map((f) => `${who.login} ${f}`));
    }
    expect(found).toEqual([]);
  });

  it('runs nothing when tag suggestions show hostile tag names (built in the page by script)', async () => {
    const probe = await probePage();
    await probe.page.context().addCookies((await writer.context().cookies()).map((c) => ({ ...c })));
    await probe.page.goto(url('/works/new'));
    const field = probe.page.getByLabel('Fandoms');
    await field.click();
    await probe.page.keyboard.type('F <');
    const options = probe.page.getByRole('listbox').getByRole('option');
    await options.first().waitFor({ state: 'visible' });
    expect(await options.count()).toBeGreaterThan(1);
    await probe.page.waitForTimeout(50);
    expect(await probe.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(probe.trace()).toEqual({ dialogs: [], foreign: [] });
  });

  it('breaks no rule of the Content-Security-Policy when it is enforced', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const found: string[] = [];
    for (const p of [`/works/${works[0]}`, `/works/${works[1]}?view_full_work=true`, '/works', '/works/search?q=script', `/series/${series[0]}`, `/users/${READER.login}/bookmarks`]) {
      await page.goto(url(p));
      await page.waitForTimeout(50);
      found.push(...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).map((v) => `${p}: ${v}`));
    }
    await context.close();
    expect(found).toEqual([]);
  });

  it('runs nothing in the HTML download, opened with no policy at all', async () => {
    const probe = await probePage();
    const found: string[] = [];
    for (const w of [...works.slice(0, 4), apiWork, ...importedWorks]) {
      const res = await probe.page.request.get(url(`/downloads/${w}/work.html`));
      expect(res.status()).toBe(200);
      probe.reset();
      await probe.page.goto(url('/robots.txt'));
      await probe.page.setContent(await res.text(), { waitUntil: 'load' });
      await probe.page.waitForTimeout(50);
      if (await probe.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned !== undefined)) found.push(`download ${w}: __pwned`);
      const t = probe.trace();
      found.push(...t.dialogs.map((d) => `download ${w}: dialog ${d}`), ...t.foreign.map((f) => `download ${w}: request to ${f}`));
    }
    expect(found).toEqual([]);
  });

  it('runs nothing in the feeds, which the browser renders as XML', async () => {
    const probe = await probePage();
    const paths = [`/tags/${encodeURIComponent('Hostile Fandom')}/feed.atom`, `/users/${WRITER.login}/works/feed.atom`, `/series/${series[0]}/feed.atom`, '/opds/works'];
    expect(await visitAll(probe, paths)).toEqual([]);
  });
});
