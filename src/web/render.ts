import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './env.js';
import type { PageChrome } from './layout.js';

/** Views are synchronous JSX; this turns one into a complete HTML document. */
export function toHtml(node: unknown): string {
  const s = (node as { toString(): unknown }).toString();
  if (typeof s !== 'string') throw new Error('views must render synchronously');
  return '<!doctype html>' + s;
}

export const send = (c: Context<AppEnv>, node: unknown, status: ContentfulStatusCode = 200) => c.html(toHtml(node), status);

/** What every page's frame needs to know about the request. */
export function chrome(c: Context<AppEnv>): PageChrome {
  const viewer = c.get('viewer');
  return { viewer, csrf: viewer.kind === 'user' ? c.get('csrf')() : undefined, flash: c.get('flash'), inboxUnread: c.get('inboxUnread') };
}
