import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { Viewer } from '../policy/viewer.js';
import type { Services } from '../services.js';

export type FormData = Record<string, string | string[]>;

export type AppEnv = {
  /** Node's request and response, when served by @hono/node-server (not for in-process requests). */
  Bindings: Partial<HttpBindings>;
  Variables: {
    services: Services;
    viewer: Viewer;
    /** The session cookie's token, when signed in (needed to sign out or rotate). */
    sessionToken: string | undefined;
    /** Parsed urlencoded/multipart body of an unsafe request (already CSRF-checked). */
    form: FormData;
    /** Returns the CSRF token for forms on this page, setting its cookie if needed. */
    csrf: () => string;
    flash: string | undefined;
    /** Unread inbox items, for the header (signed-in page views). */
    inboxUnread: number | undefined;
  };
};

export type Ctx = Context<AppEnv>;

/** One value of a form field (the first, when repeated). */
export const field = (form: FormData, name: string): string | undefined => {
  const v = form[name];
  return Array.isArray(v) ? v[0] : v;
};
