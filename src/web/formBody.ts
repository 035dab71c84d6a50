import type { IncomingMessage } from 'node:http';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, Ctx, FormData } from './env.js';
import { errorPage } from './errorPage.js';

/** A 510,000-character chapter in a 4-byte script, with room for the rest of the form. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

const URLENCODED = 'application/x-www-form-urlencoded';
export const isUrlEncoded = (c: Ctx) => (c.req.header('content-type') ?? '').toLowerCase().startsWith(URLENCODED);

/**
 * The text of a url-encoded body, or null when it is over the limit. Served by Node, it is read
 * from the request stream itself: building the web Request just to read a short form cost about
 * as much as the kudos it carried (bench/RESULTS.md, issue 5). In-process requests (tests) have
 * no stream and read the Request.
 */
export async function formText(c: Ctx, maxBytes = MAX_BODY_BYTES): Promise<string | null> {
  const incoming: IncomingMessage | undefined = c.env?.incoming;
  if (!incoming) {
    const text = await c.req.text();
    return Buffer.byteLength(text) > maxBytes ? null : text;
  }
  if (Number(incoming.headers['content-length'] ?? 0) > maxBytes) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Fields as Hono's parseBody({ all: true }) gives them: repeated names and names ending in [] become lists. */
export function parseUrlEncoded(text: string): FormData {
  const form: FormData = Object.create(null);
  for (const [key, value] of new URLSearchParams(text)) {
    const had = form[key];
    if (had === undefined) form[key] = key.endsWith('[]') ? [value] : value;
    else if (Array.isArray(had)) had.push(value);
    else form[key] = [had, value];
  }
  return form;
}

/** The answer to a body over the limit, in the API's words or a page's. */
export const bodyTooLarge = (c: Ctx) => c.req.path.startsWith('/api/')
  ? c.json({ error: { code: 'too_large', message: 'The body is larger than Quire accepts (4 MB).' } }, 413)
  : errorPage(c, 413, 'Too large', 'What you sent is larger than Quire accepts (4 MB). A chapter can hold up to 510,000 characters.');

/**
 * Every request body is held to MAX_BODY_BYTES here, whoever reads it after. Url-encoded forms
 * are read here too (the CSRF check and the routes take them from `form`); other bodies are left
 * to their readers behind Hono's bodyLimit.
 */
export function bodyLimits() {
  const limit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: bodyTooLarge });
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!isUrlEncoded(c)) return limit(c, next);
    const text = await formText(c);
    if (text === null) return bodyTooLarge(c);
    c.set('form', parseUrlEncoded(text));
    return next();
  });
}
