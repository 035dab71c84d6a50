import { getCookie, setCookie } from 'hono/cookie';
import type { Ctx } from '../web/env.js';

const COOKIE = 'quire_news_dismissed';
const KEEP = 20;

/** News items this browser has dismissed (a preference kept in a cookie, nothing on the server). */
export function dismissedNews(c: Ctx): Set<number> {
  const raw = getCookie(c, COOKIE) ?? '';
  return new Set(raw.split('.').filter((s) => /^\d{1,9}$/.test(s)).map(Number));
}

export function dismissNews(c: Ctx, id: number) {
  const ids = [...dismissedNews(c), id].slice(-KEEP);
  const secure = c.get('services').config.baseUrl.startsWith('https:');
  setCookie(c, COOKIE, ids.join('.'), { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: 365 * 86_400 });
}
