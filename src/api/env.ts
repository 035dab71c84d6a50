import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiCaller } from '../policy/api.js';
import type { AppEnv } from '../web/env.js';

export type ApiEnv = { Variables: AppEnv['Variables'] & { apiCaller: ApiCaller } };
export type ApiCtx = Context<ApiEnv>;

export type ApiErrorCode =
  | 'not_found' | 'invalid_request' | 'invalid_cursor' | 'unauthenticated' | 'insufficient_scope' | 'forbidden'
  | 'suspended' | 'rate_limited' | 'too_large' | 'internal';

/** Every API failure has this one shape: {"error":{"code","message","details"?}}. */
export function apiError(c: Context, status: ContentfulStatusCode, code: ApiErrorCode, message: string, details?: Record<string, string>) {
  c.header('Cache-Control', 'no-store');
  return c.json({ error: { code, message, ...(details && Object.keys(details).length ? { details } : {}) } }, status);
}

export const notFoundError = (c: Context, what = 'There is no such work') =>
  apiError(c, 404, 'not_found', `${what}, or you may need to authenticate to see it.`);
