import type { Hono } from 'hono';
import { expect } from 'vitest';
import type { TokenScope } from '../db/schema.js';
import type { TestArchive, TestClient } from '../testing/testApp.js';
import { workFields } from '../testing/testApp.js';
import type { AppEnv } from '../web/env.js';

/** One API call, as a tool would make it: a bearer token (or none), JSON in and out. */
export async function api(app: Hono<AppEnv>, method: string, path: string, opts: { token?: string | undefined; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await app.request(path, {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...opts.headers,
    },
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, json, text };
}

export async function tokenFor(archive: TestArchive, login: string, scope: TokenScope) {
  const user = await archive.services.accounts.findUser(login);
  const r = await archive.services.tokens.create(user!.id, { name: `${login} ${scope}`, scope });
  if (!r.ok) throw new Error('token not created');
  return r.value.token;
}

/** Posts a work through the HTML form as `client` (signed in as `login`); returns its id. */
export async function postWork(archive: TestArchive, client: TestClient, login: string, overrides: Record<string, string> = {}) {
  const user = await archive.services.accounts.findUser(login);
  const pseud = (await archive.services.accounts.pseudsOf(user!.id))[0]!.id;
  const res = await client.post('/works', workFields(overrides, pseud));
  expect(res.status, client.lastHtml.slice(0, 500)).toBe(303);
  return Number(/\/works\/(\d+)/.exec(res.headers.get('location')!)![1]);
}

/** A valid body for POST /api/v1/works. */
export const newWork = (over: Record<string, unknown> = {}) => ({
  title: 'Posted From A Tool',
  rating: 'General Audiences',
  warnings: ['No Archive Warnings Apply'],
  categories: ['Gen'],
  fandoms: ['Original Work'],
  characters: ['Someone'],
  freeforms: ['Fluff'],
  language: 'en',
  expected_chapters: 2,
  chapter: { title: 'One', text: '<p>The first chapter, written elsewhere.</p>' },
  post: true,
  ...over,
});
