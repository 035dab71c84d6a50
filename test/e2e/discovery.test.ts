import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { changePassword, clickAndWait, fillWorkForm, mainText, openPostForm, signIn, signUp, submitWork, useBrowserSuite, visible } from './helpers.js';

/**
 * Finding works on Quire, driven through the real pages: a writer posts three works, a wrangler
 * folds their character tags into one canonical tag, and guests and readers narrow the list with
 * the filter sidebar, the search box, tag suggestions and saved exclusions. Steps run in order.
 */

const WRITER = { login: 'lamplighter', email: 'lamplighter@example.test', password: 'tide tables and tea' };
const WRANGLER = { login: 'tagsorter', email: 'tagsorter@example.test', password: 'sorting every tag' };
const READER = { login: 'nightreader', email: 'nightreader@example.test', password: 'reading past midnight' };
const ADMIN_PASSWORD = 'the admin keeps the lamp lit';

const FANDOM = 'Harbour Lights';
const CANONICAL = 'Alec Lightwood';
const KEY_SENTENCE = 'The key, by the way, is in the lantern room.';
const WORKS = {
  a: { title: 'Fog Over the Breakwater', character: 'Alec', freeforms: 'Angst', text: 'The fog came in low and stayed for three grey days.' },
  b: { title: 'Cocoa at the Harbour Master', character: 'Alexander Lightwood', freeforms: 'Fluff', text: 'Someone had left a blanket and two mugs on the pier.' },
  c: { title: 'Keeper of the Last Light', character: CANONICAL, freeforms: 'Angst, Fluff', text: `He left a note on the kitchen table. ${KEY_SENTENCE} Do not lose it again.` },
} as const;

const suite = useBrowserSuite();
const { url, newPage } = suite;
let writer: Page;
let guest: Page;

/** The titles of the works a listing shows, in order. */
const blurbTitles = (page: Page) => page.locator('ol.works li.blurb h3.heading a[href^="/works/"]').allInnerTexts();
/** "1 – 3 of 3 Works", or "No works found." */
const countLine = async (page: Page) => ((await page.locator('main p.count').innerText()) ?? '').replace(/\s+/g, ' ').trim();
const sorted = (xs: string[]) => [...xs].sort();

async function postWork(page: Page, work: { title: string; character: string; freeforms: string; text: string }): Promise<string> {
  await openPostForm(page);
  await fillWorkForm(page, {
    rating: 'General Audiences', warning: 'No Archive Warnings Apply', fandoms: FANDOM,
    characters: work.character, freeforms: work.freeforms, title: work.title, plainText: true, text: work.text,
  });
  const id = await submitWork(page);
  await visible(page.getByRole('status').filter({ hasText: 'Work was successfully posted.' }));
  expect(id).not.toBe('');
  return id;
}

/** The sidebar's tag checkbox for `name` in the Include or Exclude group under one tag type. */
function tagBox(page: Page, typeLabel: string, group: 'Include' | 'Exclude', name: string): Locator {
  const section = page.getByRole('form', { name: 'Sort and filter' }).locator('details').filter({ has: page.locator('summary', { hasText: typeLabel }) });
  return section.getByRole('group', { name: group }).getByRole('checkbox', { name: new RegExp(`^${name}\\b`) });
}

/** Opens a closed <details> section of the sidebar the way a person does: by clicking its summary. */
async function openSection(page: Page, typeLabel: string) {
  const details = page.getByRole('form', { name: 'Sort and filter' }).locator('details').filter({ has: page.locator('summary', { hasText: typeLabel }) });
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await visible(details.getByRole('group', { name: 'Include' }));
}

describe('Finding works in a browser', () => {
  beforeAll(async () => {
    writer = await newPage();
    guest = await newPage();
  });

  it('a writer posts three works in one fandom with overlapping tags', async () => {
    await signUp(writer, url('/'), WRITER);
    const ids = [await postWork(writer, WORKS.a), await postWork(writer, WORKS.b), await postWork(writer, WORKS.c)];
    expect(new Set(ids).size).toBe(3);

    // Work C carries both additional tags and the sentence the search looks for.
    const meta = writer.locator('dl.work-meta');
    for (const tag of [FANDOM, CANONICAL, 'Angst', 'Fluff']) await visible(meta.getByRole('link', { name: tag, exact: true }));
    await visible(writer.locator('.chapter-text').getByText(KEY_SENTENCE, { exact: false }));

    await writer.goto(url('/works'));
    expect(sorted(await blurbTitles(writer))).toEqual(sorted([WORKS.a.title, WORKS.b.title, WORKS.c.title]));
  });

  it('the admin makes a wrangler, who folds three character tags into one canonical tag', async () => {
    const wrangler = await newPage();
    await signUp(wrangler, url('/'), WRANGLER);
    // Not a wrangler yet: the edit form is refused.
    const refused = await wrangler.goto(url(`/tags/${encodeURIComponent(CANONICAL)}/edit`));
    expect(refused?.status()).toBe(403);

    // The admin signs in with the printed password and must replace it first.
    const admin = await newPage();
    await admin.goto(url('/login'));
    await signIn(admin, 'admin', suite.server.adminPassword, /\/settings\/password$/);
    await changePassword(admin, suite.server.adminPassword, ADMIN_PASSWORD, /\/users\/admin$/);

    await clickAndWait(admin, admin.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Admin' }), /\/admin\/users$/);
    await admin.getByRole('searchbox', { name: 'Login' }).fill(WRANGLER.login);
    await clickAndWait(admin, admin.getByRole('button', { name: 'Find' }), (u) => u.pathname === '/admin/users' && u.searchParams.get('q') === WRANGLER.login);
    const row = admin.getByRole('row').filter({ has: admin.getByRole('link', { name: WRANGLER.login, exact: true }) });
    await clickAndWait(admin, row.getByRole('button', { name: `Grant the wrangler role for ${WRANGLER.login}` }), (u) => u.pathname === '/admin/users');
    await visible(admin.getByRole('status').filter({ hasText: `${WRANGLER.login} is now a tag wrangler.` }));
    expect(await row.innerText()).toContain('Tag wrangler');
    await visible(row.getByRole('button', { name: `Revoke the wrangler role for ${WRANGLER.login}` }));

    // The wrangler, already signed in, now has the Wrangle link and the edit form.
    await wrangler.goto(url(`/tags/${encodeURIComponent(CANONICAL)}`));
    await visible(wrangler.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Wrangle' }));
    await clickAndWait(wrangler, wrangler.getByRole('link', { name: 'Edit this tag' }), /\/tags\/Alec%20Lightwood\/edit$/);
    await visible(wrangler.getByRole('heading', { level: 1, name: `Edit “${CANONICAL}”` }));
    await wrangler.getByRole('checkbox', { name: 'Canonical' }).check();
    await clickAndWait(wrangler, wrangler.getByRole('button', { name: 'Save Changes' }), /\/tags\/Alec%20Lightwood\/edit$/);
    await visible(wrangler.getByRole('status').filter({ hasText: 'Tag was updated.' }));
    expect(await wrangler.getByRole('checkbox', { name: 'Canonical' }).isChecked()).toBe(true);

    // "Alexander Lightwood" through the unwrangled queue's bulk action.
    await clickAndWait(wrangler, wrangler.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Wrangle' }), /\/tags\/wrangle$/);
    await visible(wrangler.getByRole('heading', { level: 1, name: 'Unwrangled tags' }));
    await wrangler.getByRole('checkbox', { name: 'Alexander Lightwood', exact: true }).check();
    await wrangler.getByLabel('Action').selectOption({ label: 'Make synonyms of…' });
    await wrangler.getByLabel('Canonical tag (for synonyms)').fill(CANONICAL);
    await clickAndWait(wrangler, wrangler.getByRole('button', { name: 'Apply' }), (u) => u.pathname === '/tags/wrangle');
    await visible(wrangler.getByRole('status').filter({ hasText: '1 tag made synonyms.' }));
    expect(await wrangler.getByRole('checkbox', { name: 'Alexander Lightwood', exact: true }).count()).toBe(0);

    // "Alec" through its own edit page, reached from the queue.
    await clickAndWait(wrangler, wrangler.getByRole('link', { name: 'Edit Alec', exact: true }), /\/tags\/Alec\/edit$/);
    await wrangler.getByLabel('Synonym of').fill(CANONICAL);
    await clickAndWait(wrangler, wrangler.getByRole('button', { name: 'Save Changes' }), /\/tags\/Alec\/edit$/);
    await visible(wrangler.getByRole('status').filter({ hasText: 'Tag was updated.' }));
    expect(await wrangler.getByLabel('Synonym of').inputValue()).toBe(CANONICAL);

    // The canonical tag's page names both synonyms.
    await wrangler.goto(url(`/tags/${encodeURIComponent(CANONICAL)}`));
    const synonyms = wrangler.locator('section').filter({ has: wrangler.getByRole('heading', { level: 2, name: 'Synonyms' }) });
    expect(sorted(await synonyms.getByRole('link').allInnerTexts())).toEqual(['Alec', 'Alexander Lightwood']);

    // A guest finds all three works under the canonical tag.
    await guest.goto(url(`/tags/${encodeURIComponent(CANONICAL)}/works`));
    await visible(guest.getByRole('heading', { level: 1, name: `Works in ${CANONICAL}` }));
    expect(await countLine(guest)).toBe('1 – 3 of 3 Works');
    expect(sorted(await blurbTitles(guest))).toEqual(sorted([WORKS.a.title, WORKS.b.title, WORKS.c.title]));

    // The synonym's page sends the guest on to the canonical tag.
    await guest.goto(url('/tags/Alec'));
    await visible(guest.getByRole('heading', { level: 1, name: 'Alec' }));
    expect(await mainText(guest)).toContain(`This tag has been made a synonym of ${CANONICAL}.`);
    await clickAndWait(guest, guest.getByRole('main').getByRole('link', { name: CANONICAL, exact: true }), /\/tags\/Alec%20Lightwood$/);
    await visible(guest.getByRole('heading', { level: 1, name: CANONICAL }));
    await clickAndWait(guest, guest.getByRole('link', { name: 'Works in this tag' }), /\/tags\/Alec%20Lightwood\/works$/);
    expect(await countLine(guest)).toBe('1 – 3 of 3 Works');
    // The synonym's own works address lists what its canonical tag does.
    await guest.goto(url('/tags/Alec/works'));
    expect(await countLine(guest)).toBe('1 – 3 of 3 Works');

    // In the filters the three names count as the one canonical tag.
    await guest.goto(url('/works'));
    await openSection(guest, 'Characters');
    const characters = guest.getByRole('form', { name: 'Sort and filter' }).locator('details').filter({ has: guest.locator('summary', { hasText: 'Characters' }) })
      .getByRole('group', { name: 'Include' }).getByRole('checkbox');
    expect(await characters.evaluateAll((boxes) => boxes.map((b) => (b.closest('label')?.textContent ?? '').replace(/\s+/g, ' ').trim()))).toEqual([`${CANONICAL} (3)`]);
  });

  it('a guest narrows /works with the sidebar, shares the URL, and clears the filters', async () => {
    await guest.goto(url('/works'));
    expect(await countLine(guest)).toBe('1 – 3 of 3 Works');

    await openSection(guest, 'Additional Tags');
    await tagBox(guest, 'Additional Tags', 'Include', 'Angst').check();
    await clickAndWait(guest, guest.getByRole('button', { name: 'Sort and Filter' }), (u) => u.pathname === '/works' && u.searchParams.has('include'));
    expect(await countLine(guest)).toBe('1 – 2 of 2 Works');
    expect(sorted(await blurbTitles(guest))).toEqual(sorted([WORKS.a.title, WORKS.c.title]));
    // The choice is kept, and its section stays open.
    expect(await tagBox(guest, 'Additional Tags', 'Include', 'Angst').isChecked()).toBe(true);

    await openSection(guest, 'Additional Tags');
    await tagBox(guest, 'Additional Tags', 'Exclude', 'Fluff').check();
    await clickAndWait(guest, guest.getByRole('button', { name: 'Sort and Filter' }), (u) => u.pathname === '/works' && u.searchParams.has('exclude'));
    expect(await countLine(guest)).toBe('1 – 1 of 1 Works');
    expect(await blurbTitles(guest)).toEqual([WORKS.a.title]);
    expect(await tagBox(guest, 'Additional Tags', 'Include', 'Angst').isChecked()).toBe(true);
    expect(await tagBox(guest, 'Additional Tags', 'Exclude', 'Fluff').isChecked()).toBe(true);

    // Someone else opening the same address sees the same list.
    const shared = guest.url();
    const friend = await newPage();
    await friend.goto(shared);
    expect(await countLine(friend)).toBe('1 – 1 of 1 Works');
    expect(await blurbTitles(friend)).toEqual([WORKS.a.title]);
    expect(await tagBox(friend, 'Additional Tags', 'Exclude', 'Fluff').isChecked()).toBe(true);

    await clickAndWait(guest, guest.getByRole('link', { name: 'Clear Filters' }), (u) => u.pathname === '/works' && u.search === '');
    expect(await countLine(guest)).toBe('1 – 3 of 3 Works');
    await openSection(guest, 'Additional Tags');
    expect(await tagBox(guest, 'Additional Tags', 'Include', 'Angst').isChecked()).toBe(false);
  });

  it('a guest searches for a phrase from the header and sees it marked; a broken query is explained', async () => {
    await guest.goto(url('/works'));
    const box = guest.getByRole('banner').getByRole('searchbox', { name: 'Search works' });
    await box.fill('"in the lantern room"');
    await Promise.all([guest.waitForURL((u) => u.pathname === '/works/search' && u.searchParams.get('q') === '"in the lantern room"'), box.press('Enter')]);
    await visible(guest.getByRole('heading', { level: 1, name: 'Search Works' }));
    expect(await countLine(guest)).toBe('1 – 1 of 1 Works');
    expect(await blurbTitles(guest)).toEqual([WORKS.c.title]);
    const marks = guest.locator('ol.works li.blurb .snippet mark');
    expect((await marks.allInnerTexts()).map((t) => t.toLowerCase())).toContain('in the lantern room');
    // The page's own search box holds the query for refining it.
    expect(await guest.getByRole('main').getByRole('searchbox', { name: 'Search works' }).inputValue()).toBe('"in the lantern room"');

    await box.fill('"unbalanced');
    const [response] = await Promise.all([
      guest.waitForResponse((r) => new URL(r.url()).pathname === '/works/search'),
      box.press('Enter'),
    ]);
    expect(response.status()).toBe(400);
    await guest.waitForURL((u) => u.pathname === '/works/search' && u.searchParams.get('q') === '"unbalanced');
    const alert = await visible(guest.getByRole('main').getByRole('alert'));
    expect(await alert.innerText()).toContain('A quotation mark is not closed');
    const field = guest.getByRole('main').getByRole('searchbox', { name: 'Search works' });
    expect(await field.inputValue()).toBe('"unbalanced');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await guest.locator('ol.works').count()).toBe(0);
  });

  it('the writer picks a fandom from the suggestions with the keyboard, without sending the form', async () => {
    await writer.goto(url('/works/new'));
    await visible(writer.getByRole('heading', { level: 1, name: 'Post New Work' }));
    const posts: string[] = [];
    writer.on('request', (r) => { if (r.method() === 'POST') posts.push(r.url()); });

    const fandoms = writer.getByRole('combobox', { name: 'Fandoms' });
    await fandoms.pressSequentially('Harb');
    const option = await visible(writer.getByRole('listbox', { name: 'Tag suggestions' }).getByRole('option', { name: FANDOM, exact: true }));
    expect(await fandoms.getAttribute('aria-expanded')).toBe('true');
    await fandoms.press('ArrowDown');
    expect(await option.getAttribute('aria-selected')).toBe('true');
    await fandoms.press('Enter');
    await expect.poll(() => fandoms.inputValue()).toBe(`${FANDOM}, `);
    expect(await fandoms.getAttribute('aria-expanded')).toBe('false');
    expect(posts).toEqual([]);
    expect(new URL(writer.url()).pathname).toBe('/works/new');
    expect(await writer.getByRole('alert').count()).toBe(0);
  });

  it('a reader who never wants Fluff saves the exclusion, and can still see past it per page', async () => {
    await signUp(guest, url('/'), READER);
    await guest.goto(url('/settings/filters'));
    await visible(guest.getByRole('heading', { level: 1, name: 'Tags you never want to see' }));
    await guest.getByLabel('Tag to exclude').fill('Fluff');
    await clickAndWait(guest, guest.getByRole('button', { name: 'Exclude' }), /\/settings\/filters$/);
    await visible(guest.getByRole('status').filter({ hasText: 'Works tagged “Fluff” are now left out of your listings.' }));

    await clickAndWait(guest, guest.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Works' }), /\/works$/);
    expect(await countLine(guest)).toBe('1 – 1 of 1 Works');
    expect(await blurbTitles(guest)).toEqual([WORKS.a.title]);
    const note = guest.getByRole('main').locator('p.notice').filter({ hasText: 'left out' });
    await visible(note);

    await clickAndWait(guest, note.getByRole('link', { name: 'Show them on this page' }), (u) => u.pathname === '/works' && u.searchParams.get('saved') === 'off');
    expect(await countLine(guest)).toBe('1 – 3 of 3 Works');
    expect(sorted(await blurbTitles(guest))).toEqual(sorted([WORKS.a.title, WORKS.b.title, WORKS.c.title]));
    await visible(guest.getByRole('main').locator('p.notice').filter({ hasText: 'Showing works with your excluded tags too.' }));

    // Back to the saved exclusions on the next plain visit.
    await clickAndWait(guest, guest.getByRole('link', { name: 'Hide them again' }), (u) => u.pathname === '/works' && !u.searchParams.has('saved'));
    expect(await blurbTitles(guest)).toEqual([WORKS.a.title]);
  });
});
