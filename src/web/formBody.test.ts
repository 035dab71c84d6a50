import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from './env.js';
import { formText, parseUrlEncoded } from './formBody.js';

// What the CSRF check does with a body, over a real Node server (the stream) and in-process.
const app = new Hono<AppEnv>();
app.post('/echo', async (c) => {
  const text = await formText(c, 1_000);
  return text === null ? c.text('too large', 413) : c.json(parseUrlEncoded(text));
});

let server: ServerType;
let base = '';
beforeAll(async () => {
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const form = 'title=Chairman+Meow%E2%80%99s+bed&tag=Alec&tag=Magnus&fandom%5B%5D=Shadowhunters&empty=';
const expected = { title: 'Chairman Meow’s bed', tag: ['Alec', 'Magnus'], 'fandom[]': ['Shadowhunters'], empty: '' };
const post = (body: string) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });

describe('reading a url-encoded form', () => {
  it('gives the fields as Hono’s parseBody does, from Node’s stream and in-process alike', async () => {
    const served = await fetch(`${base}/echo`, post(form));
    expect(await served.json()).toEqual(expected);
    const inProcess = await app.request('/echo', post(form));
    expect(await inProcess.json()).toEqual(expected);
  });

  it('refuses a body over the limit, whether or not it says its length', async () => {
    expect((await fetch(`${base}/echo`, post(`a=${'x'.repeat(2_000)}`))).status).toBe(413);
    const chunked = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(`a=${'x'.repeat(2_000)}`)); c.close(); } });
    const res = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: chunked, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect((await app.request('/echo', post(`a=${'x'.repeat(2_000)}`))).status).toBe(413);
  });

  it('keeps field names off the object prototype', () => {
    const parsed = parseUrlEncoded('__proto__=x&constructor=y');
    expect(Object.getPrototypeOf(parsed)).toBeNull();
    expect(parsed.constructor).toBe('y');
  });
});
