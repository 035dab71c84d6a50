import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, workFields, type TestArchive } from '../testing/testApp.js';
import { readerCss } from './css.js';
import { DEFAULT_READER_SETTINGS, decodeSettings } from './settings.js';

let archive: TestArchive;
const DARK_BIG = { theme: 'dark', font: 'sans', size: '150', width: 'wide' };

beforeAll(async () => { archive = await testArchive(); });
afterAll(async () => { await archive.close(); });

const css = async (client: TestClient) => (await client.get('/reader.css')).text();

describe('reader settings', () => {
  it('draws the default style for a reader who chose nothing', async () => {
    const body = await css(new TestClient(archive.app));
    expect(body).toContain('--measure: 70ch;');
    expect(body).toContain('font-size: 100%;');
    expect(body).not.toContain('--bg:');
  });

  it('keeps a guest’s choice in the browser and applies it to every page', async () => {
    const guest = new TestClient(archive.app);
    await guest.page('/settings/reading');
    const res = await guest.post('/settings/reading', DARK_BIG);
    expect(res.status).toBe(303);
    const body = await css(guest);
    expect(body).toContain('color-scheme: dark;');
    expect(body).toContain('--bg: var(--dark-bg);');
    expect(body).toContain('font-size: 150%;');
    expect(body).toContain('--measure: 90ch;');
    expect(body).toContain('system-ui');
    // Another browser is not affected.
    expect(await css(new TestClient(archive.app))).not.toContain('dark');
  });

  it('keeps a signed-in reader’s choice with the account, for every device', async () => {
    const laptop = await new TestClient(archive.app).signUp('settled');
    await laptop.page('/settings/reading');
    expect((await laptop.post('/settings/reading', { ...DARK_BIG, theme: 'light' })).status).toBe(303);
    const phone = new TestClient(archive.app);
    await phone.signIn('settled', 'correct horse battery');
    const body = await css(phone);
    expect(body).toContain('--bg: var(--light-bg);');
    expect(body).toContain('font-size: 150%;');
    expect(await phone.page('/settings/reading')).toMatch(/value="light"[^>]*checked/);
  });

  it('refuses values that are not offered, and keeps the old settings', async () => {
    const guest = new TestClient(archive.app);
    await guest.page('/settings/reading');
    const res = await guest.post('/settings/reading', { ...DARK_BIG, size: '900' });
    expect(res.status).toBe(422);
    expect(guest.lastHtml).toContain('Choose one of the options shown.');
    expect(await css(guest)).toContain('font-size: 100%;');
  });

  it('refuses a settings form without its CSRF token', async () => {
    const guest = new TestClient(archive.app);
    expect((await guest.post('/settings/reading', DARK_BIG, { csrf: null })).status).toBe(403);
  });

  it('answers a repeat request for the same style with 304', async () => {
    const guest = new TestClient(archive.app);
    const first = await guest.get('/reader.css');
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('cache-control')).toContain('private');
    expect((await guest.request('GET', '/reader.css', undefined, { 'if-none-match': etag })).status).toBe(304);
  });

  it('leaves the cached work page the same bytes for every guest', async () => {
    const writer = await new TestClient(archive.app).signUp('penwright');
    const user = (await archive.services.accounts.findUser('penwright'))!;
    const [pseud] = await archive.services.accounts.pseudsOf(user.id);
    const posted = await writer.post('/works', workFields({}, pseud!.id));
    expect(posted.status).toBe(303);
    const path = posted.headers.get('location')!;
    const plain = new TestClient(archive.app);
    const styled = new TestClient(archive.app);
    await styled.page('/settings/reading');
    await styled.post('/settings/reading', DARK_BIG);
    await styled.page('/settings/reading'); // shows (and so clears) the "saved" message
    // Each visitor's forms carry their own CSRF token; everything else is the same cached page.
    const withoutTokens = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf"');
    const a = await plain.page(path);
    const b = await styled.page(path);
    expect(a).toContain('href="/reader.css"');
    expect(withoutTokens(b)).toBe(withoutTokens(a));
  });
});

describe('reader style sheet', () => {
  it('falls back to the defaults for an unreadable cookie', () => {
    expect(decodeSettings('{"theme":"neon"}')).toEqual(DEFAULT_READER_SETTINGS);
    expect(decodeSettings('not json')).toEqual(DEFAULT_READER_SETTINGS);
  });

  it('points every colour at the chosen palette', () => {
    const out = readerCss({ ...DEFAULT_READER_SETTINGS, theme: 'dark' });
    for (const name of ['bg', 'fg', 'muted', 'line', 'accent', 'accent-fg', 'panel', 'error', 'focus']) {
      expect(out).toContain(`--${name}: var(--dark-${name});`);
    }
  });
});
