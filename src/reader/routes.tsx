import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv, Ctx } from '../web/env.js';
import { setFlash } from '../web/flash.js';
import { chrome, send } from '../web/render.js';
import { readerCss } from './css.js';
import type { ReaderSettings } from './settings.js';
import { ReadingSettingsPage } from './views.js';

const COOKIE = 'quire_reader';

const settingsOf = (c: Ctx) => c.get('services').reader.settingsFor(c.get('viewer'), getCookie(c, COOKIE));
const asForm = (s: ReaderSettings): Record<string, string> => ({ ...s });

/**
 * Every page links the same /reader.css, so the cached work pages stay one set of bytes for
 * everyone; what differs per reader is this small stylesheet, revalidated by ETag.
 */
export function readerRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/reader.css', async (c) => {
    const css = readerCss(await settingsOf(c));
    const etag = `"${createHash('sha256').update(css).digest('base64url').slice(0, 16)}"`;
    c.header('Cache-Control', 'private, no-cache');
    c.header('Vary', 'Cookie');
    c.header('ETag', etag);
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    return c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  app.get('/settings/reading', async (c) => {
    const state = { values: asForm(await settingsOf(c)), errors: {} };
    return send(c, <ReadingSettingsPage chrome={chrome(c)} state={state} csrf={c.get('csrf')()} />);
  });

  app.post('/settings/reading', async (c) => {
    const form = c.get('form');
    const result = await c.get('services').reader.save(c.get('viewer'), form);
    if (!result.ok) return send(c, <ReadingSettingsPage chrome={chrome(c)} state={{ values: form, errors: result.errors }} csrf={c.get('csrf')()} />, 422);
    const secure = c.get('services').config.baseUrl.startsWith('https:');
    setCookie(c, COOKIE, result.value, { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: 365 * 86_400 });
    setFlash(c, 'Your reading settings are saved.');
    return c.redirect('/settings/reading', 303);
  });

  return app;
}
