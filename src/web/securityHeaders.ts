import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.js';

// Writers may embed images from the web; nothing else may come from elsewhere, and no inline script runs.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  'img-src * data:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// Set before the handler runs, so responses are built with them; adding headers afterwards
// makes Hono copy the response and stream the body, which costs every page view.
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  c.header('Content-Security-Policy', CSP);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'same-origin');
  c.header('X-Frame-Options', 'DENY');
  await next();
});
