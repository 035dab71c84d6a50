import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, type TestArchive } from '../testing/testApp.js';

let archive: TestArchive;
beforeAll(async () => { archive = await testArchive(); });
afterAll(async () => { await archive.close(); });

describe('every response', () => {
  it('carries a Content-Security-Policy without inline scripts, and the other safety headers', async () => {
    for (const path of ['/', '/works', '/login', '/no/such/page']) {
      const res = await new TestClient(archive.app).get(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
    }
  });
});

describe('the message shown after a redirect', () => {
  it('is left for the page by a script request made meanwhile, and shown once', async () => {
    // Signing up redirects with a welcome; a tag-suggestion fetch reaches the server first.
    const client = await new TestClient(archive.app).signUp('flash_reader');
    const fetched = await client.request('GET', '/tags/autocomplete?type=fandom&q=sh', undefined, { 'sec-fetch-mode': 'cors', accept: 'application/json' });
    expect(fetched.status).toBe(200);
    expect(await client.page('/')).toContain('<p class="flash" role="status">Welcome to Quire!');
    expect(await client.page('/')).not.toContain('class="flash"');
  });
});

describe('request bodies', () => {
  it('refuses a body over 4 MB with a message, before any route runs', async () => {
    const client = new TestClient(archive.app);
    const res = await client.post('/signup', { login: 'big_body', email: 'b@example.com', password: 'x'.repeat(5 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(client.lastHtml).toContain('larger than Quire accepts');
    expect(await archive.services.accounts.findUser('big_body')).toBeUndefined();
  });
});
