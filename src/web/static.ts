import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import type { AppEnv } from './env.js';

const FILES: Record<string, string> = {
  'quire.css': 'text/css; charset=utf-8',
  'quire.js': 'text/javascript; charset=utf-8',
  'tags.js': 'text/javascript; charset=utf-8',
};

/** The few static files are read once at start and served from memory. */
export function staticRoutes() {
  const app = new Hono<AppEnv>();
  const loaded = Object.entries(FILES).map(([name, type]) => {
    const body = readFileSync(new URL(`./static/${name}`, import.meta.url));
    return { name, type, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` };
  });
  for (const f of loaded) {
    app.get(`/static/${f.name}`, (c) => {
      c.header('ETag', f.etag);
      c.header('Cache-Control', 'public, max-age=3600');
      if (c.req.header('if-none-match') === f.etag) return c.body(null, 304);
      c.header('Content-Type', f.type);
      return c.body(f.body);
    });
  }
  return app;
}
