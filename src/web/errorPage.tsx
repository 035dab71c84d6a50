import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { GUEST } from '../policy/viewer.js';
import type { AppEnv } from './env.js';
import { Layout } from './layout.js';

/** A full page that says, in words a person understands, what went wrong and what to do. */
export function errorPage(c: Context<AppEnv>, status: ContentfulStatusCode, heading: string, message: string) {
  const viewer = c.get('viewer') ?? GUEST;
  return c.html(
    '<!doctype html>' +
      (
        <Layout title={heading} viewer={viewer} csrf={viewer.kind === 'user' ? c.get('csrf')?.() : undefined}>
          <h1>{heading}</h1>
          <p>{message}</p>
        </Layout>
      ).toString(),
    status,
  );
}

export const notFound = (c: Context<AppEnv>) =>
  errorPage(c, 404, 'Page not found', 'There is nothing here, or you may need to sign in to see it.');
