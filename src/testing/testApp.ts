import pino from 'pino';
import type { Hono } from 'hono';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { buildServices, type ServiceOptions, type Services } from '../services.js';
import type { AppEnv } from '../web/env.js';
import { testDatabase } from './testDatabase.js';

export type TestArchive = { app: Hono<AppEnv>; services: Services; close(): Promise<void> };

/**
 * The whole app over a fresh test database, as the composition root builds it. Test accounts
 * are all minutes old, so the new-account spam limits are off unless a test asks for them.
 */
export async function testArchive(overrides: Partial<Config> = {}, options: ServiceOptions = {}): Promise<TestArchive> {
  const database = await testDatabase();
  const config: Config = { ...loadConfig({ DATA_DIR: '/tmp/quire-test-data', LOG_LEVEL: 'silent' }), databaseUrl: database.url, fastPasswordHashing: true, newAccountLimits: false, ...overrides };
  const services = await buildServices(config, database, options);
  const app = await buildApp(services, pino({ level: 'silent' }));
  return { app, services, close: () => services.close() };
}

/** A browser stand-in: keeps cookies, and finds the CSRF token in the last form it saw. */
export class TestClient {
  private readonly cookies = new Map<string, string>();
  lastHtml = '';

  constructor(private readonly app: Hono<AppEnv>) {}

  async request(method: string, path: string, body?: URLSearchParams, headers: Record<string, string> = {}) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.request(path, {
      method,
      headers: { ...(cookie ? { cookie } : {}), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...headers },
      ...(body ? { body } : {}),
    });
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /max-age=0/i.test(set)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async get(path: string) {
    const res = await this.request('GET', path);
    this.lastHtml = await res.clone().text();
    return res;
  }

  async page(path: string): Promise<string> {
    await this.get(path);
    return this.lastHtml;
  }

  /** The CSRF token: from the last page seen, else from the sign-in page (it always has a form). */
  async csrf(): Promise<string> {
    const token = /name="_csrf" value="([^"]+)"/;
    const m = token.exec(this.lastHtml) ?? token.exec(await this.page('/login'));
    if (!m) throw new Error('no CSRF token on /login');
    return m[1]!;
  }

  /** Posts a form the way a browser would, with a valid CSRF token unless told otherwise. */
  async post(path: string, fields: Record<string, string | string[]> = {}, opts: { csrf?: string | null } = {}) {
    const body = new URLSearchParams();
    const token = opts.csrf === undefined ? await this.csrf() : opts.csrf;
    if (token !== null) body.append('_csrf', token);
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    const res = await this.request('POST', path, body);
    this.lastHtml = await res.clone().text();
    return res;
  }

  async signUp(login: string, password = 'correct horse battery') {
    const res = await this.post('/signup', { login, email: `${login}@example.com`, password });
    if (res.status !== 303) throw new Error(`sign-up of ${login} failed: ${res.status}`);
    return this;
  }

  async signIn(login: string, password: string) {
    return this.post('/login', { login, password });
  }
}

/** Fields of a valid new work; override what a test is about. */
export function workFields(overrides: Record<string, string | string[]> = {}, pseudId?: number): Record<string, string | string[]> {
  return {
    title: 'The Letter and the Key',
    ...(pseudId === undefined ? {} : { pseud_ids: String(pseudId) }),
    rating: 'Teen And Up Audiences',
    warnings: 'No Archive Warnings Apply',
    categories: 'M/M',
    fandoms: 'Shadowhunters (TV)',
    relationships: 'Magnus Bane/Alec Lightwood',
    characters: 'Magnus Bane, Alec Lightwood',
    freeforms: 'Angst, Letters',
    language: 'en',
    expected_chapters: '?',
    text_format: 'plain',
    text: 'He had expected to come home to an empty apartment.\nThe key was in Chairman Meow’s bed.',
    action: 'post',
    ...overrides,
  };
}
