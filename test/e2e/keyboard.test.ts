import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fillWorkForm, openPostForm, signUp, submitWork, useBrowserSuite } from './helpers.js';

/**
 * A writer who uses only the keyboard: signs in, posts a work and comments on someone else's,
 * reaching every field by Tab / Shift+Tab, choosing with the keys a browser gives, and sending
 * with Enter or Space. Every element focus passes through must show that it has focus.
 */

const suite = useBrowserSuite();
const OTHER = { login: 'lanternist', email: 'lanternist@example.test', password: 'correct horse battery' };
const KEYS = { login: 'keyholder', email: 'keyholder@example.test', password: 'correct horse battery' };

type Focused = { tag: string; type: string | null; label: string; value: string; checked: boolean; outline: string };

/** What has focus: its tag, its accessible-ish name (label, aria-label or text), and its outline. */
function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el || el === document.body) return null;
    const name = el.labels?.[0]?.innerText ?? el.getAttribute('aria-label') ?? (el.innerText || el.value || '');
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(), type: el.getAttribute('type'), label: name.replace(/\s+/g, ' ').trim(), value: el.value ?? '',
      checked: Boolean(el.checked), outline: style.outlineStyle === 'none' || style.outlineWidth === '0px' ? 'none' : `${style.outlineStyle} ${style.outlineWidth}`,
    };
  });
}

/** Elements that had focus but showed no outline, across the whole test. */
const unseen: string[] = [];
let stops = 0;

/** Presses Tab (or Shift+Tab) until the focused element matches; every stop must show its focus. */
async function tabTo(page: Page, wanted: { label: string | RegExp; tag?: string }, back = false): Promise<Focused> {
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (!f) continue;
    stops += 1;
    if (f.outline === 'none') unseen.push(`${page.url()} ${f.tag} “${f.label}”`);
    const named = typeof wanted.label === 'string' ? f.label === wanted.label || f.label.startsWith(`${wanted.label} `) : wanted.label.test(f.label);
    if (named && (!wanted.tag || wanted.tag === f.tag)) return f;
  }
  throw new Error(`Tab never reached ${String(wanted.label)} on ${page.url()}`);
}

/** Tabs to a text field or text area and types into it. */
async function typeInto(page: Page, label: string | RegExp, text: string, tag?: string) {
  await tabTo(page, { label, ...(tag ? { tag } : {}) });
  await page.keyboard.type(text);
}

/** Tabs to a checkbox and ticks it with Space (unless it already is). */
async function tick(page: Page, label: string) {
  const f = await tabTo(page, { label, tag: 'input' });
  if (!f.checked) await page.keyboard.press('Space');
  expect((await focused(page))?.checked, label).toBe(true);
}

/** Tabs to a select and chooses an option by typing the start of its text. */
async function choose(page: Page, label: string, option: string) {
  await tabTo(page, { label, tag: 'select' });
  await page.keyboard.type(option);
  expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement).selectedOptions[0]?.text)).toBe(option);
}

/** Presses Enter on whatever has focus and waits until the browser is on a matching URL. */
async function enterAndWait(page: Page, url: RegExp | ((u: URL) => boolean)) {
  await Promise.all([page.waitForURL(url), page.keyboard.press('Enter')]);
}

let otherWork = '';

describe('using Quire with only a keyboard', () => {
  beforeAll(async () => {
    const other = await suite.newPage();
    await signUp(other, suite.url('/'), OTHER);
    await openPostForm(other);
    await fillWorkForm(other, {
      rating: 'General Audiences', warning: 'No Archive Warnings Apply', fandoms: 'Harbour Lights (TV)', title: 'The Lantern Room',
      plainText: true, text: 'The lantern room smelled of brass polish and rain.',
    });
    otherWork = await submitWork(other);
    // The keyboard user's account exists; the test starts signed out.
    const setup = await suite.newPage();
    await signUp(setup, suite.url('/'), KEYS);
  });

  it('signs in, posts a work and comments on another writer’s work, with focus always visible', async () => {
    const page = await suite.newPage();
    await page.goto(suite.url('/'));

    // Sign in: the Account menu's link, then the form.
    await tabTo(page, { label: 'Sign in', tag: 'a' });
    await enterAndWait(page, /\/login/);
    await typeInto(page, 'Login', KEYS.login, 'input');
    await typeInto(page, 'Password', KEYS.password, 'input');
    await tabTo(page, { label: 'Sign In', tag: 'button' });
    await enterAndWait(page, (u) => !u.pathname.startsWith('/login'));
    expect(await page.getByRole('navigation', { name: 'Account' }).innerText()).toContain('Sign out');

    // Post a work from the Site menu.
    await tabTo(page, { label: 'Post', tag: 'a' });
    await enterAndWait(page, /\/works\/new$/);
    await choose(page, 'Rating', 'General Audiences');
    await tick(page, 'No Archive Warnings Apply');
    await typeInto(page, 'Fandoms', 'Harbour Lights (TV)', 'input');
    await typeInto(page, 'Work title', 'Typed by Hand', 'input');
    await typeInto(page, 'Summary', 'Every word of this came through the keys.', 'textarea');
    await choose(page, 'Language', 'English');
    await tabTo(page, { label: /^(Rich text|HTML)/, tag: 'input' });
    // Arrow keys move within a radio group; Plain text is the other choice.
    for (let i = 0; i < 3 && !(await focused(page))?.label.startsWith('Plain text'); i++) await page.keyboard.press('ArrowDown');
    expect((await focused(page))?.label).toMatch(/^Plain text/);
    expect((await focused(page))?.checked).toBe(true);
    await typeInto(page, 'Work text', 'She typed the first line.\n\nAnd then the second.', 'textarea');
    await tabTo(page, { label: 'Post', tag: 'button' });
    await enterAndWait(page, /\/works\/\d+$/);
    expect(await page.locator('h2.title').innerText()).toBe('Typed by Hand');
    expect(await page.locator('main').innerText()).toContain('And then the second.');

    // Comment on the other writer's work, sent with Space on the button.
    await page.goto(suite.url(`/works/${otherWork}`));
    await typeInto(page, 'Comment', 'Read it twice, all by keyboard.', 'textarea');
    await tabTo(page, { label: 'Comment', tag: 'button' });
    await Promise.all([page.waitForURL(/#comment-\d+$/), page.keyboard.press('Space')]);
    expect(await page.locator('main').innerText()).toContain('Read it twice, all by keyboard.');

    expect(stops).toBeGreaterThan(30);
    expect(unseen).toEqual([]);
  });
});
