import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testArchive, type TestArchive } from '../testing/testApp.js';

// An archive of its own: every in-process request comes from one address, so this file's
// attempts must not share a bucket with other tests' sign-ins.
let archive: TestArchive;
beforeAll(async () => { archive = await testArchive(); });
afterAll(async () => { await archive.close(); });

describe('sign-in limits per address', () => {
  it('stop one address trying many accounts, with a clear message, even with the right password', async () => {
    for (const login of ['addr_one', 'addr_two', 'addr_three']) await new TestClient(archive.app).signUp(login, 'the right one');
    const client = new TestClient(archive.app);
    const statuses: number[] = [];
    // 20 wrong passwords over three accounts: no account reaches its own limit of 10.
    for (let i = 0; i < 20; i++) statuses.push((await client.signIn(['addr_one', 'addr_two', 'addr_three'][i % 3]!, 'wrong')).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const limited = await client.signIn('addr_three', 'the right one');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(client.lastHtml).toMatch(/Too many sign-in attempts\. Try again in \d+ minutes\./);
    expect(limited.headers.getSetCookie().join('\n')).not.toMatch(/^quire_session=[^;]/m);
  });
});
