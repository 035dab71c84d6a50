import { isSuspended } from '../policy/accounts.js';
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Logger } from 'pino';
import { clientAddress } from '../web/clientAddress.js';
import { RateLimiter } from '../web/rateLimit.js';
import { chrome, send } from '../web/render.js';
import type { Ctx } from '../web/env.js';
import { cursors } from './cursor.js';
import { apiError, type ApiCtx, type ApiEnv } from './env.js';
import { openApiDocument, register, type OpenApiDocument } from './operations.js';
import { readOperations } from './readOps.js';
import { DocsPage } from './views/docsPage.js';
import { writeOperations } from './writeOps.js';

/** Requests per minute: a token has its own budget; calls without one share their address's. */
export type ApiLimits = { perToken: number; perAddress: number };
const DEFAULT_LIMITS: ApiLimits = { perToken: 1200, perAddress: 300 };

/**
 * Who is calling (a bearer token replaces any cookie; else the browser session, else nobody),
 * and whether they are over their budget. Failed tokens count against the address, so tokens
 * cannot be guessed at speed.
 */
function callerAndLimits(limits: ApiLimits) {
  const byToken = new RateLimiter(limits.perToken, 60_000, 'api-token');
  const byAddress = new RateLimiter(limits.perAddress, 60_000, 'api-address');
  const tooMany = (c: ApiCtx, wait: number) => {
    c.header('Retry-After', String(wait));
    return apiError(c, 429, 'rate_limited', `Too many requests; try again in ${wait} seconds.`);
  };
  return createMiddleware<ApiEnv>(async (c, next) => {
    const address = clientAddress(c as unknown as Ctx);
    const header = c.req.header('authorization');
    if (header === undefined) {
      c.set('apiCaller', c.get('viewer').kind === 'user' ? { kind: 'session' } : { kind: 'anonymous' });
      const wait = await byAddress.hit(address);
      return wait > 0 ? tooMany(c, wait) : next();
    }
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const holder = m ? await c.get('services').tokens.authenticate(m[1]!) : null;
    if (!holder) {
      const wait = await byAddress.hit(address);
      if (wait > 0) return tooMany(c, wait);
      c.header('WWW-Authenticate', 'Bearer realm="quire", error="invalid_token"');
      return apiError(c, 401, 'unauthenticated', 'This token is unknown or has been revoked. Send Authorization: Bearer TOKEN with a live token from /settings/tokens, or no Authorization header at all.');
    }
    // The same rule as the suspension guard in front of the pages: read, but change nothing.
    if (c.req.method !== 'GET' && isSuspended(holder.viewer)) {
      return apiError(c, 403, 'suspended', 'This account is suspended: its tokens may read, but not post, edit or delete, until the suspension ends.');
    }
    c.set('viewer', holder.viewer);
    c.set('apiCaller', { kind: 'token', scope: holder.scope, tokenId: holder.tokenId });
    const wait = await byToken.hit(String(holder.tokenId));
    return wait > 0 ? tooMany(c, wait) : next();
  });
}

/** Every successful GET carries an ETag of its body; a matching If-None-Match gets a 304. */
const etags = createMiddleware<ApiEnv>(async (c, next) => {
  await next();
  if (c.req.method !== 'GET' || c.res.status !== 200) return;
  const personal = c.get('apiCaller')?.kind !== 'anonymous';
  c.res.headers.set('Cache-Control', personal ? 'private, no-cache' : 'no-cache');
  c.res.headers.set('Vary', 'Authorization, Cookie');
  const body = new Uint8Array(await c.res.clone().arrayBuffer());
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  c.res.headers.set('ETag', etag);
  const asked = c.req.header('if-none-match');
  if (asked && asked.split(',').map((s) => s.trim().replace(/^W\//, '')).includes(etag)) {
    c.res = new Response(null, { status: 304, headers: c.res.headers });
  }
});

/** The read and write API under /api/v1, its OpenAPI document and its documentation page. */
export function apiRoutes(options: { secret: string; logger: Logger; limits?: ApiLimits }) {
  const app = new Hono<ApiEnv>();
  const ops = [...readOperations(cursors(options.secret)), ...writeOperations()];
  let doc: OpenApiDocument | undefined;
  const document = (baseUrl: string) => (doc ??= openApiDocument(ops, baseUrl));

  app.use('/api/*', callerAndLimits(options.limits ?? DEFAULT_LIMITS), etags);
  register(app, ops);
  app.get('/api/v1/openapi.json', (c) => c.json(document(c.get('services').config.baseUrl)));
  app.get('/api/v1/docs', (c) => send(c as unknown as Ctx, <DocsPage chrome={chrome(c as unknown as Ctx)} doc={document(c.get('services').config.baseUrl)} />));
  app.all('/api/*', (c) => apiError(c, 404, 'not_found', `There is no ${c.req.method} ${c.req.path} in this API; see /api/v1/openapi.json.`));
  app.onError((err, c) => {
    options.logger.error({ err, path: c.req.path }, 'api request failed');
    return apiError(c, 500, 'internal', 'Quire could not finish this request. Nothing you sent was half-saved; try again in a moment.');
  });
  return app;
}
