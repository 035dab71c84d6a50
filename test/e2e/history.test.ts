import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from '../../src/db/connect.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clickAndWait, fillWorkForm, mainText, openPostForm, signUp, submitWork, useBrowserSuite, visible } from './helpers.js';

/**
 * Readers' history and writers' stats, driven through the real pages: a writer posts two works,
 * a reader reads one and finds it in their history, marks the other for later and finds it in
 * that list; the writer opens their statistics and sees the chart. Steps run in order.
 */

const WRITER = { login: 'inkwell', email: 'inkwell@example.test', password: 'ink and quills forever' };
const READER = { login: 'pageturner', email: 'pageturner@example.test', password: 'one more chapter please' };
const READ = { title: 'Lanterns on the Water', text: 'The lanterns drifted out past the harbour wall, one by one.' };
const LATER = { title: 'A Map of Small Hours', text: 'She drew the map at three in the morning, by candlelight.' };

const suite = useBrowserSuite();
const { url, newPage } = suite;
let writer: Page;
let reader: Page;
const ids: Record<string, string> = {};

async function postWork(page: Page, work: { title: string; text: string }) {
  await openPostForm(page);
  await fillWorkForm(page, { rating: 'General Audiences', warning: 'No Archive Warnings Apply', fandoms: 'Harbour Lights', title: work.title, plainText: true, text: work.text });
  const id = await submitWork(page);
  expect(id).not.toBe('');
  return id;
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG A/AA violations on the page, as "rule: target" lines (empty when none). */
async function accessibilityProblems(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) still holds for the page itself.
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
  });
}

/** The account menu's link to one's own page, then a link from there. */
async function openOwnPage(page: Page, login: string, link: string, to: RegExp) {
  await clickAndWait(page, page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: login }), new RegExp(`/users/${login}$`));
  await clickAndWait(page, page.getByRole('navigation', { name: `${login}’s pages` }).getByRole('link', { name: link, exact: true }), to);
}

describe('History, Marked for Later and stats in a browser', () => {
  beforeAll(async () => {
    writer = await newPage();
    reader = await newPage();
  });

  it('a writer posts two works', async () => {
    await signUp(writer, url('/'), WRITER);
    ids.read = await postWork(writer, READ);
    ids.later = await postWork(writer, LATER);
    // Writers do not get the reader's toggle on their own work.
    expect(await writer.getByRole('button', { name: 'Mark for Later' }).count()).toBe(0);
  });

  it('a reader reads a work and finds it in their history', async () => {
    await signUp(reader, url('/'), READER);
    await reader.goto(url('/works'));
    await clickAndWait(reader, reader.getByRole('link', { name: READ.title }), new RegExp(`/works/${ids.read}$`));
    await visible(reader.getByText(READ.text));
    await openOwnPage(reader, READER.login, 'History', /\/users\/pageturner\/readings$/);
    await visible(reader.getByRole('heading', { level: 1, name: 'History' }));
    const text = await mainText(reader);
    expect(text).toContain(READ.title);
    expect(text).toContain('Visited once.');
    expect(text).not.toContain(LATER.title);
    expect(await accessibilityProblems(reader)).toEqual([]);
  });

  it('the reader marks another work for later and finds it in that list', async () => {
    await reader.goto(url(`/works/${ids.later}`));
    await clickAndWait(reader, reader.getByRole('button', { name: 'Mark for Later' }), new RegExp(`/works/${ids.later}$`));
    await visible(reader.getByRole('status').filter({ hasText: 'added to your Marked for Later list' }));
    await visible(reader.getByRole('button', { name: 'Mark as Read' }));
    await openOwnPage(reader, READER.login, 'Marked for Later', /\/readings\?show=to-read$/);
    await visible(reader.getByRole('heading', { level: 1, name: 'Marked for Later' }));
    await visible(reader.getByRole('link', { name: LATER.title }));
    expect(await mainText(reader)).not.toContain(READ.title);
    expect(await accessibilityProblems(reader)).toEqual([]);
  });

  it('another reader cannot open the reader\'s history', async () => {
    const res = await writer.goto(url(`/users/${READER.login}/readings`));
    expect(res?.status()).toBe(404);
    expect(await mainText(writer)).not.toContain(READ.title);
  });

  it('the writer sees their statistics with a chart', async () => {
    // The reader's visit counts a hit once the server's hit buffer is written (each second); after
    // that, the counters are set to rounder numbers to read on the page.
    const database = connect(suite.server.databaseUrl);
    const today = new Date().toISOString().slice(0, 10);
    const counted = () => database.db.selectFrom('work_stats_daily').select('hits').where('work_id', '=', Number(ids.read)).where('day', '=', today).executeTakeFirst();
    for (const started = Date.now(); !((await counted())?.hits) && Date.now() - started < 10_000;) await new Promise((r) => setTimeout(r, 100));
    expect((await counted())?.hits).toBe(1);
    await database.db.updateTable('work_stats_daily').set({ hits: 12, kudos: 2 }).where('work_id', '=', Number(ids.read)).where('day', '=', today).execute();
    await database.close();

    await openOwnPage(writer, WRITER.login, 'Stats', /\/users\/inkwell\/stats$/);
    await visible(writer.getByRole('heading', { level: 1, name: 'Statistics' }));
    const chart = writer.getByRole('img', { name: /Hits per month, all time/ });
    await visible(chart);
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    const row = writer.getByRole('row').filter({ has: writer.getByRole('link', { name: READ.title }) });
    expect((await row.innerText()).replace(/\s+/g, ' ')).toContain('12 2 0 0 0');
    expect(await accessibilityProblems(writer)).toEqual([]);

    await clickAndWait(writer, writer.getByRole('link', { name: 'Last 30 days' }), /range=30d/);
    await visible(writer.getByRole('img', { name: /Hits per day, last 30 days/ }));
    expect(await writer.locator('figure.stats-chart svg circle').count()).toBe(30);

    await clickAndWait(writer, row.getByRole('link', { name: /Chart/ }), new RegExp(`/works/${ids.read}/stats`));
    await visible(writer.getByRole('img', { name: /Hits per day/ }));
    expect(await mainText(writer)).toContain('Kudos: 2');
    expect(await accessibilityProblems(writer)).toEqual([]);
  });
});
