import type { Hono } from 'hono';
import type { AppEnv } from '../web/env.js';

/** Every route the app answers, as `METHOD /path` the way Hono registered it (middleware left out). */
export function appRoutes(app: Hono<AppEnv>): string[] {
  const seen = new Set<string>();
  for (const r of app.routes) {
    if (r.method === 'ALL' || r.path.endsWith('/*') || r.path.startsWith('/static/')) continue;
    seen.add(`${r.method} ${r.path}`);
  }
  return [...seen];
}

export const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
