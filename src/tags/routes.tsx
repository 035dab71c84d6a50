import { Hono } from 'hono';
import type { AppEnv } from '../web/env.js';

/** Tag pages, wrangling forms and the unwrangled queue. (Stub: being written.) */
export function tagRoutes() {
  return new Hono<AppEnv>();
}
