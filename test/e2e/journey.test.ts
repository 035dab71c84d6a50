import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { changePassword, clickAndWait, fillWorkForm, openPostForm, signIn, signUp, submitWork, useBrowserSuite, visible } from './helpers.js';

/**
 * One writer's and one reader's afternoon on Quire, driven through the real pages the way a
 * person would: by labels, link text and button names. The steps share state and run in order.
 */

const WRITER = { login: 'inkwell', email: 'inkwell@example.test', password: 'correct horse battery' };
const WORK = {
  title: 'Salt and Lanterns',
  newTitle: 'Salt, Lanterns and Tide',
  rating: 'Teen And Up Audiences',
  warning: 'No Archive Warnings Apply',
  category: 'F/F',
  fandom: 'Harbour Lights (TV)',
  relationship: 'Mara Quill/Juniper Vale',
  characters: ['Mara Quill', 'Juniper Vale'],
  freeform: 'Slow Burn',
  summary: 'Two lighthouse keepers and one very stubborn storm.',
  para1: 'The lamp had gone out twice before midnight.',
  para2: 'Juniper climbed the stairs anyway, counting each one aloud.',
  chapter2Title: 'The Key',
  chapter2Text: 'Under the third stone from the door, Mara found the key.',
};
const SECRET = { title: 'Letters Kept Under Lock', fandom: 'Harbour Lights (TV)', text: 'Only the signed-in may read these letters.' };

const CHAPTER_URL = /\/works\/(\d+)\/chapters\/(\d+)$/;

const suite = useBrowserSuite();
const { url, newPage } = suite;
let writer: Page;

let workId = '';
let chapter2Id = '';
let secretId = '';

/** The blurb of a work in a listing, found by the link to it. */
const blurbTitles = (page: Page) => page.locator('ol.works li.blurb h3.heading a[href^="/works/"]').allInnerTexts();

describe('Quire in a browser', () => {
  beforeAll(async () => {
    writer = await newPage();
  });

  it('a writer signs up, posts a tagged work, then adds a second chapter', async () => {
    await signUp(writer, url('/'), WRITER);
    await visible(writer.getByRole('status').filter({ hasText: 'Your account is ready' }));

    await openPostForm(writer);
    await visible(writer.getByRole('heading', { level: 1, name: 'Post New Work' }));
    await fillWorkForm(writer, {
      rating: WORK.rating, warning: WORK.warning, category: WORK.category, fandoms: WORK.fandom,
      relationships: WORK.relationship, characters: WORK.characters.join(', '), freeforms: WORK.freeform, title: WORK.title,
    });
    // The writer's one pseud is already chosen as creator, and the language is English.
    expect(await writer.getByRole('group', { name: 'Creators' }).getByLabel(WRITER.login).isChecked()).toBe(true);
    expect(await writer.getByLabel('Language').inputValue()).toBe('en');
    await fillWorkForm(writer, { summary: WORK.summary, expectedChapters: '?', plainText: true, text: `${WORK.para1}\n\n${WORK.para2}\n` });
    workId = await submitWork(writer);
    expect(workId).not.toBe('');

    await visible(writer.getByRole('status').filter({ hasText: 'Work was successfully posted.' }));
    await visible(writer.getByRole('heading', { level: 2, name: WORK.title }));
    const meta = writer.locator('dl.work-meta');
    for (const tag of [WORK.rating, WORK.warning, WORK.category, WORK.fandom, WORK.relationship, ...WORK.characters, WORK.freeform]) {
      await visible(meta.getByRole('link', { name: tag, exact: true }));
    }
    expect(await meta.innerText()).toMatch(/Chapters:\s*1\/\?/);
    await visible(writer.getByText(WORK.summary));
    // Two lines of plain text became two paragraphs.
    const paragraphs = writer.locator('.chapter-text p');
    expect(await paragraphs.allInnerTexts()).toEqual([WORK.para1, WORK.para2]);
    expect(await writer.title()).toBe(`${WORK.title} - ${WORK.fandom} | Quire`);

    await clickAndWait(writer, writer.getByRole('navigation', { name: 'Work tools' }).getByRole('link', { name: 'Add Chapter' }), new RegExp(`/works/${workId}/chapters/new$`));
    await visible(writer.getByRole('heading', { level: 1, name: `New Chapter of “${WORK.title}”` }));
    await writer.getByLabel('Chapter title').fill(WORK.chapter2Title);
    await writer.getByLabel('Plain text').check();
    await writer.getByLabel('Work text').fill(WORK.chapter2Text);
    await clickAndWait(writer, writer.getByRole('button', { name: 'Post', exact: true }), CHAPTER_URL);
    chapter2Id = CHAPTER_URL.exec(writer.url())?.[2] ?? '';
    expect(chapter2Id).not.toBe('');
    await visible(writer.getByRole('status').filter({ hasText: 'Chapter was successfully posted.' }));
    await visible(writer.getByRole('heading', { level: 3, name: `Chapter 2: ${WORK.chapter2Title}` }));
    await visible(writer.locator('.chapter-text').getByText(WORK.chapter2Text));
    expect(await writer.locator('dl.work-meta').innerText()).toMatch(/Chapters:\s*2\/\?/);

    // For a human look at the layout; not asserted.
    await writer.goto(url(`/works/${workId}`));
    await visible(writer.getByRole('heading', { level: 2, name: WORK.title }));
    await writer.setViewportSize({ width: 1100, height: 900 });
    await writer.screenshot({ path: '/tmp/quire-work.png', fullPage: true });
  });

  it('a guest finds the work in the list and reads it chapter by chapter and whole', async () => {
    const guest = await newPage();
    await guest.goto(url('/works'));
    const blurb = guest.locator('li.blurb').filter({ has: guest.getByRole('link', { name: WORK.title, exact: true }) });
    await visible(blurb);
    await visible(blurb.getByRole('link', { name: WORK.fandom }));
    expect(await blurb.innerText()).toContain('Work in Progress');
    // Guests get no posting link and the sign-in links.
    expect(await guest.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Post' }).count()).toBe(0);
    await visible(guest.getByRole('link', { name: 'Sign in' }));

    await clickAndWait(guest, blurb.getByRole('link', { name: WORK.title, exact: true }), new RegExp(`/works/${workId}$`));
    await visible(guest.getByRole('heading', { level: 2, name: WORK.title }));
    await visible(guest.getByText(WORK.para1));
    expect(await guest.getByText(WORK.chapter2Text).count()).toBe(0);
    // Readers get no creator tools.
    expect(await guest.getByRole('navigation', { name: 'Work tools' }).count()).toBe(0);

    await clickAndWait(guest, guest.getByRole('link', { name: 'Next Chapter →' }).first(), new RegExp(`/works/${workId}/chapters/${chapter2Id}$`));
    await visible(guest.getByRole('heading', { level: 3, name: `Chapter 2: ${WORK.chapter2Title}` }));
    await visible(guest.getByText(WORK.chapter2Text));
    expect(await guest.getByText(WORK.para1).count()).toBe(0);
    await visible(guest.getByRole('link', { name: '← Previous Chapter' }));
    expect(await guest.getByRole('link', { name: 'Next Chapter →' }).count()).toBe(0);

    await clickAndWait(guest, guest.getByRole('link', { name: 'Entire Work' }).first(), (u) => u.pathname === `/works/${workId}` && u.searchParams.get('view_full_work') === 'true');
    await visible(guest.getByRole('heading', { level: 3, name: 'Chapter 1' }));
    await visible(guest.getByRole('heading', { level: 3, name: `Chapter 2: ${WORK.chapter2Title}` }));
    for (const text of [WORK.para1, WORK.para2, WORK.chapter2Text]) await visible(guest.getByText(text));

    await clickAndWait(guest, guest.getByRole('link', { name: 'Chapter Index' }).first(), new RegExp(`/works/${workId}/navigate$`));
    await visible(guest.getByRole('heading', { level: 1, name: `Chapter Index for ${WORK.title}` }));
    const entries = guest.locator('ol.chapter-index > li');
    expect(await entries.count()).toBe(2);
    expect(await entries.getByRole('link').allInnerTexts()).toEqual(['Chapter 1', `Chapter 2: ${WORK.chapter2Title}`]);
    // The reorder form is for the writer only.
    expect(await guest.getByRole('button', { name: 'Update Positions' }).count()).toBe(0);
  });

  it('the writer renames the work, and every reader sees the new title', async () => {
    // A guest has the work page in view (and so in the page cache) before the change.
    const guest = await newPage();
    await guest.goto(url(`/works/${workId}`));
    await visible(guest.getByRole('heading', { level: 2, name: WORK.title }));

    await writer.goto(url(`/works/${workId}`));
    await clickAndWait(writer, writer.getByRole('navigation', { name: 'Work tools' }).getByRole('link', { name: 'Edit', exact: true }), new RegExp(`/works/${workId}/edit$`));
    const titleField = writer.getByLabel('Work title');
    expect(await titleField.inputValue()).toBe(WORK.title);
    // The rest of the form comes back as saved.
    expect(await writer.getByLabel('Fandoms').inputValue()).toBe(WORK.fandom);
    expect(await writer.getByLabel('Characters').inputValue()).toBe(WORK.characters.join(', '));
    expect(await writer.getByLabel('Rating').inputValue()).toBe(WORK.rating);
    expect(await writer.getByLabel(/^Chapters: 2 of/).inputValue()).toBe('?');
    await titleField.fill(WORK.newTitle);
    await clickAndWait(writer, writer.getByRole('button', { name: 'Save' }), new RegExp(`/works/${workId}$`));
    await visible(writer.getByRole('status').filter({ hasText: 'Work was successfully updated.' }));
    await visible(writer.getByRole('heading', { level: 2, name: WORK.newTitle }));
    // Tags and chapters survived the edit.
    await visible(writer.locator('dl.work-meta').getByRole('link', { name: WORK.freeform, exact: true }));
    expect(await writer.locator('dl.work-meta').innerText()).toMatch(/Chapters:\s*2\/\?/);

    await writer.goto(url('/works'));
    expect(await blurbTitles(writer)).toContain(WORK.newTitle);
    expect(await blurbTitles(writer)).not.toContain(WORK.title);

    await guest.reload();
    await visible(guest.getByRole('heading', { level: 2, name: WORK.newTitle }));
    await guest.goto(url('/works'));
    expect(await blurbTitles(guest)).toContain(WORK.newTitle);
  });

  it('a restricted work is only for signed-in readers, and leaves with the sign-out', async () => {
    await writer.goto(url('/works/new'));
    await fillWorkForm(writer, {
      rating: 'General Audiences', warning: 'Choose Not To Use Archive Warnings', fandoms: SECRET.fandom,
      title: SECRET.title, restricted: true, text: SECRET.text,
    });
    secretId = await submitWork(writer);
    expect(secretId).not.toBe('');
    expect(secretId).not.toBe(workId);
    await visible(writer.getByRole('heading', { level: 2, name: SECRET.title }));
    await visible(writer.locator('.preface .title .badge').filter({ hasText: 'Restricted' }));

    const guest = await newPage();
    await guest.goto(url('/works'));
    expect(await blurbTitles(guest)).toEqual([WORK.newTitle]);

    const response = await guest.goto(url(`/works/${secretId}`));
    expect(response?.status()).toBe(404);
    await visible(guest.getByRole('heading', { level: 1, name: 'Page not found' }));
    expect(await guest.content()).not.toContain(SECRET.title);
    expect(await guest.title()).not.toContain(SECRET.title);

    const byWriter = await guest.goto(url(`/users/${WRITER.login}/works`));
    expect(byWriter?.status()).toBe(200);
    await visible(guest.getByRole('heading', { level: 1, name: `Works by ${WRITER.login}` }));
    expect(await blurbTitles(guest)).toEqual([WORK.newTitle]);
    expect(await guest.content()).not.toContain(SECRET.title);

    // Nor on the front page, nor under the fandom tag both works share.
    await guest.goto(url('/'));
    expect(await blurbTitles(guest)).toEqual([WORK.newTitle]);
    await clickAndWait(guest, guest.getByRole('link', { name: WORK.newTitle }), new RegExp(`/works/${workId}$`));
    await clickAndWait(guest, guest.locator('dl.work-meta').getByRole('link', { name: WORK.fandom }), /\/tags\/[^/]+\/works$/);
    await visible(guest.getByRole('heading', { level: 1, name: `Works in ${WORK.fandom}` }));
    expect(await blurbTitles(guest)).toEqual([WORK.newTitle]);
    // A tag with a slash in its name has a working page too.
    await guest.goto(url(`/works/${workId}`));
    await clickAndWait(guest, guest.locator('dl.work-meta').getByRole('link', { name: WORK.relationship }), /\/tags\/[^/]+\/works$/);
    await visible(guest.getByRole('heading', { level: 1, name: `Works in ${WORK.relationship}` }));
    expect(await blurbTitles(guest)).toEqual([WORK.newTitle]);

    await writer.goto(url('/works'));
    const titles = await blurbTitles(writer);
    expect(titles).toContain(SECRET.title);
    expect(titles).toContain(WORK.newTitle);
    const secretBlurb = writer.locator('li.blurb').filter({ has: writer.getByRole('link', { name: SECRET.title }) });
    await visible(secretBlurb.locator('.badge').filter({ hasText: 'Restricted' }));

    await clickAndWait(writer, writer.getByRole('navigation', { name: 'Account' }).getByRole('button', { name: 'Sign out' }), (u) => u.pathname === '/');
    await visible(writer.getByRole('status').filter({ hasText: 'You are signed out.' }));
    await visible(writer.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' }));
    await writer.goto(url('/works'));
    expect(await blurbTitles(writer)).toEqual([WORK.newTitle]);
    expect(await writer.content()).not.toContain(SECRET.title);
    const after = await writer.goto(url(`/works/${secretId}`));
    expect(after?.status()).toBe(404);
  });

  it('a form with mistakes comes back with the errors beside their fields and the typing kept', async () => {
    // Signed out, the post form sends the writer to sign in and back again.
    await writer.goto(url('/works/new'));
    await writer.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('return_to') === '/works/new');
    await signIn(writer, WRITER.login, WRITER.password, /\/works\/new$/);
    await visible(writer.getByRole('heading', { level: 1, name: 'Post New Work' }));

    const title = 'A Draft Without A Fandom';
    const summary = 'Nobody told the fandom field.';
    await fillWorkForm(writer, { rating: 'Mature', warning: 'No Archive Warnings Apply', title, summary, text: 'Short' });
    const response = await Promise.all([writer.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/works'),
      writer.getByRole('button', { name: 'Post', exact: true }).click()]).then(([r]) => r);
    expect(response.status()).toBe(422);
    await writer.waitForLoadState('domcontentloaded');

    const alert = await visible(writer.getByRole('alert'));
    expect(await alert.innerText()).toContain('2 things need fixing');

    const fandoms = writer.getByLabel('Fandoms');
    expect(await fandoms.getAttribute('aria-invalid')).toBe('true');
    const fandomField = writer.locator('.field').filter({ has: fandoms });
    expect(await fandomField.locator('.field-error').innerText()).toBe('Enter at least one fandom.');
    expect((await fandoms.getAttribute('aria-describedby'))?.split(' ')).toContain('fandoms-error');

    const text = writer.getByLabel('Work text');
    expect(await text.getAttribute('aria-invalid')).toBe('true');
    const textField = writer.locator('.field').filter({ has: text });
    expect(await textField.locator('.field-error').innerText()).toBe('Chapter text must be at least 10 characters.');

    // What was typed is still there, so nothing needs retyping.
    expect(await writer.getByLabel('Work title').inputValue()).toBe(title);
    expect(await writer.getByLabel('Summary').inputValue()).toBe(summary);
    expect(await text.inputValue()).toBe('Short');
    expect(await writer.getByLabel('Rating').inputValue()).toBe('Mature');
    expect(await writer.getByRole('group', { name: 'Archive Warnings' }).getByLabel('No Archive Warnings Apply').isChecked()).toBe(true);
    // Fields that were fine are not marked.
    expect(await writer.getByLabel('Work title').getAttribute('aria-invalid')).toBeNull();
    // Nothing was saved.
    await writer.goto(url('/works'));
    expect(await blurbTitles(writer)).not.toContain(title);
  });

  it('the admin signs in with the printed password and must change it first', async () => {
    const admin = await newPage();
    await admin.goto(url('/login'));
    await signIn(admin, 'admin', suite.server.adminPassword, /\/settings\/password$/);
    await visible(admin.getByRole('heading', { level: 1, name: 'Change your password' }));
    await visible(admin.getByText('This account has a one-time password.'));

    const newPassword = 'a much longer admin secret';
    await changePassword(admin, suite.server.adminPassword, newPassword, /\/users\/admin$/);
    await visible(admin.getByRole('status').filter({ hasText: 'Your password has been changed.' }));

    // The new password works, the printed one no longer does, and the forced change is over.
    await clickAndWait(admin, admin.getByRole('button', { name: 'Sign out' }), (u) => u.pathname === '/');
    await admin.goto(url('/login'));
    await admin.getByLabel('Login').fill('admin');
    await admin.getByLabel('Password').fill(suite.server.adminPassword);
    await admin.getByRole('button', { name: 'Sign In' }).click();
    await visible(admin.getByRole('alert').filter({ hasText: 'The login or password is not right.' }));
    await admin.getByLabel('Password').fill(newPassword);
    await clickAndWait(admin, admin.getByRole('button', { name: 'Sign In' }), (u) => u.pathname === '/');
    await visible(admin.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'admin' }));
  });
});
