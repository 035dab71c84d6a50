/**
 * The load generator sends what it says: a short run against Quire over a small generated
 * corpus, with every request counted by kind on the server's side as it arrives.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareArchive } from '../../bench/lib/load/archive.js';
import { Mix, WRITES, type Kind } from '../../bench/lib/load/mix.js';
import { runOpenLoop, type Outcome } from '../../bench/lib/load/openLoop.js';
import { loadTargets, type Targets } from '../../bench/lib/load/targets.js';
import { cleanup, tempDir } from '../../bench/lib/processes.js';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { connect } from '../../src/db/connect.js';
import { buildServices, type Services } from '../../src/services.js';

// Server and generator share this process and the machine is shared too: a modest rate, and no
// cap on requests in flight, so every request reaches the server however slowly it answers.
const RATE = 100;
const SECONDS = 8;

/** What a request is, judged from what reaches the server. */
function kindOf(req: Request): Kind | 'other' {
  const { pathname } = new URL(req.url);
  const signedIn = (req.headers.get('cookie') ?? '').includes('quire_session=');
  if (req.method === 'POST') {
    // Each write kind by its route (kudos, comments and bookmarks as their builders in mix.ts post them).
    const write = /^\/works\/\d+\/(chapters|kudos|comments|bookmarks)$/.exec(pathname)?.[1];
    return write ? ({ chapters: 'chapter', kudos: 'kudos', comments: 'comment', bookmarks: 'bookmark' } as const)[write as 'chapters'] : 'other';
  }
  if (req.method !== 'GET') return 'other';
  if (pathname === '/works/search') return 'search';
  if (/^\/tags\/[^/]+\/works$/.test(pathname)) return 'tag_listing';
  if (/^\/works\/\d+$/.test(pathname)) return signedIn ? 'signed_in_work' : 'guest_work';
  return 'other';
}

describe('bench:load request mix', () => {
  let services: Services;
  let server: ServerType;
  let baseUrl: string;
  let targets: Targets;
  const arrivals: { kind: Kind | 'other'; at: number }[] = [];

  beforeAll(async () => {
    const dataDir = await prepareArchive(await tempDir('quire-mix-corpus-'), 2_000);
    const config = { ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), databaseUrl: `sqlite:${path.join(dataDir, 'quire.db')}` };
    services = await buildServices(config, connect(config.databaseUrl));
    await services.index.ready();
    targets = await loadTargets(services.database.db, { readers: 40, fandoms: 50 });
    const app = await buildApp(services, pino({ level: 'silent' }));
    server = serve({
      port: 0, hostname: '127.0.0.1',
      fetch: (req, env) => {
        arrivals.push({ kind: kindOf(req), at: performance.now() });
        return app.fetch(req, env);
      },
    });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 180_000);

  afterAll(async () => {
    if (server) await new Promise((resolve) => server.close(resolve));
    await services?.close();
    await cleanup();
  });

  it('sends the mix it reports, at the rate it offers, and every request succeeds', async () => {
    const mix = new Mix(targets, 7);
    const outcomes: Outcome[] = await runOpenLoop({ baseUrl, rate: RATE, seconds: SECONDS, next: () => mix.next(), maxInFlight: 100_000, timeoutMs: 120_000 });

    expect(outcomes.filter((o) => o.error !== null).map((o) => `${o.kind}: ${o.error}`)).toEqual([]);
    expect(arrivals).toHaveLength(RATE * SECONDS);
    expect(arrivals.filter((a) => a.kind === 'other')).toEqual([]);

    const shares = mix.shares();
    // The mix; the 2% of writes is shared by the write kinds that have a route in this tree.
    const live = WRITES.filter((w) => w.build !== null);
    const liveTotal = live.reduce((a, w) => a + w.share, 0);
    const wanted: Record<string, number> = { guest_work: 0.7, signed_in_work: 0.1, tag_listing: 0.15, search: 0.03 };
    for (const w of live) wanted[w.kind] = (0.02 * w.share) / liveTotal;
    expect(live.map((w) => w.kind)).toContain('chapter');
    expect(Object.keys(shares).sort()).toEqual(Object.keys(wanted).sort());
    for (const [kind, p] of Object.entries(wanted)) expect(shares[kind], kind).toBeCloseTo(p, 10);
    for (const [kind, p] of Object.entries(shares)) {
      const seen = arrivals.filter((a) => a.kind === kind).length / arrivals.length;
      // Three standard errors of a share over 800 draws, and a little slack.
      expect(Math.abs(seen - p), `${kind}: expected ${p}, saw ${seen}`).toBeLessThan(3 * Math.sqrt((p * (1 - p)) / arrivals.length) + 0.005);
    }

    // Open loop: arrivals spread over the run at the offered rate, not bunched behind slow answers.
    const span = (arrivals[arrivals.length - 1]!.at - arrivals[0]!.at) / 1000 + 1 / RATE;
    expect(arrivals.length / span).toBeGreaterThan(RATE * 0.8);
    expect(arrivals.length / span).toBeLessThan(RATE * 1.2);
  });

  it('signs readers in: a signed-in work page is drawn for the reader', async () => {
    const reader = targets.readers[1]!;
    const res = await fetch(`${baseUrl}/works/${targets.allWorks[0]}`, { headers: { cookie: reader.cookie } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(reader.login);
  });
});
