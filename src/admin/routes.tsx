import { Hono } from 'hono';
import type { AppEnv } from '../web/env.js';

/** Admin pages. (Stub: being written.) */
export function adminRoutes() {
  return new Hono<AppEnv>();
}
