import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { totpCode } from '../../src/accounts/totp.js';
import { clickAndWait, signIn, signUp, useBrowserSuite, visible } from './helpers.js';

/**
 * Getting into an account safely, through the real pages: a forgotten password reset by the
 * link in the mail Quire writes to its outbox, and two-factor sign-in set up and used with a
 * code computed here the way an authenticator app would.
 */

const suite = useBrowserSuite();
const { url, newPage } = suite;

const WRITER = { login: 'lockkeeper', email: 'lockkeeper@example.test', password: 'first password here' };

/** The body of the newest .eml in the outbox whose text matches, quoted-printable decoded. */
async function newestMail(matching: RegExp): Promise<string> {
  const outbox = path.join(suite.server.dataDir, 'outbox');
  for (let tries = 0; tries < 50; tries++) {
    const names = (await readdir(outbox).catch(() => [] as string[])).sort().reverse();
    for (const name of names) {
      const raw = await readFile(path.join(outbox, name), 'utf8');
      const text = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
      if (matching.test(text)) return text;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail matching ${matching} in ${outbox}`);
}

const accountNav = (page: Page) => page.getByRole('navigation', { name: 'Account' });

describe('account security', () => {
  it('resets a forgotten password by the emailed link, once', async () => {
    const first = await newPage();
    await signUp(first, url('/'), WRITER);

    const page = await newPage();
    await page.goto(url('/login'));
    await clickAndWait(page, page.getByRole('link', { name: 'Forgot your password?' }), /\/password\/forgot$/);
    await page.getByLabel('Your account’s email').fill(WRITER.email);
    await page.getByRole('button', { name: 'Send Reset Link' }).click();
    await visible(page.getByText('If an account uses that address'));

    const mail = await newestMail(/Reset your Quire password/);
    const link = /https?:\/\/\S+?(\/password\/reset\/[A-Za-z0-9_-]+)/.exec(mail)?.[1];
    expect(link, mail).toBeTruthy();
    await page.goto(url(link!));
    await page.getByLabel('New password').fill('second password here');
    await clickAndWait(page, page.getByRole('button', { name: 'Set Password' }), /\/login$/);
    expect(await page.getByRole('status').innerText()).toContain('Sign in with the new one');

    // The old session ended with the old password.
    await first.reload();
    await visible(accountNav(first).getByRole('link', { name: 'Sign in' }));

    await signIn(page, WRITER.login, 'second password here', (u) => u.pathname === '/');
    await visible(accountNav(page).getByRole('button', { name: 'Sign out' }));

    // The link worked once.
    const again = await (await newPage()).goto(url(link!));
    expect(again?.status()).toBe(404);
  });

  it('sets up two-factor sign-in and then signs in with a code after the password', async () => {
    const page = await newPage();
    await page.goto(url('/login'));
    await signIn(page, WRITER.login, 'second password here', (u) => u.pathname === '/');
    await page.goto(url('/settings/two-factor'));
    await clickAndWait(page, page.getByRole('button', { name: 'Set Up Two-Factor Sign-In' }), /\/settings\/two-factor$/);
    const secret = (await page.locator('#totp-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await page.locator('#totp-uri').innerText()).toContain(`secret=${secret}`);
    await page.getByLabel('Code from the app').fill(totpCode(secret));
    await page.getByRole('button', { name: 'Turn On' }).click();
    await visible(page.getByRole('heading', { name: 'Your recovery codes' }));
    const codes = await page.locator('.recovery-codes code').allInnerTexts();
    expect(codes).toHaveLength(10);

    // A new browser: password first, then the code.
    const other = await newPage();
    await other.goto(url('/login'));
    await signIn(other, WRITER.login, 'second password here', /\/login$/);
    await visible(other.getByRole('heading', { name: 'Two-factor sign-in' }));
    await visible(accountNav(other).getByRole('link', { name: 'Sign in' }));
    await other.getByLabel('Code').fill('000000');
    await other.getByRole('button', { name: 'Sign In' }).click();
    await visible(other.getByText('The code or the password is not right', { exact: false }));
    // The enrolment used this 30-second step's code; an app would show the next one soon.
    await other.getByLabel('Code').fill(totpCode(secret, Date.now() + 30_000));
    await clickAndWait(other, other.getByRole('button', { name: 'Sign In' }), (u) => u.pathname === '/');
    await visible(accountNav(other).getByRole('button', { name: 'Sign out' }));

    // A recovery code also works, once.
    const third = await newPage();
    await third.goto(url('/login'));
    await signIn(third, WRITER.login, 'second password here', /\/login$/);
    await third.getByLabel('Code').fill(codes[0]!);
    await clickAndWait(third, third.getByRole('button', { name: 'Sign In' }), (u) => u.pathname === '/');
    await visible(accountNav(third).getByRole('button', { name: 'Sign out' }));

    // Sessions: the settings page lists them and signs out the others.
    await third.goto(url('/settings/sessions'));
    await clickAndWait(third, third.getByRole('button', { name: /Sign out of all other sessions/ }), /\/settings\/sessions$/);
    await other.reload();
    await visible(accountNav(other).getByRole('link', { name: 'Sign in' }));
  });
});
