import pino from 'pino';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { buildServices, type Services } from '../services.js';
import { TestClient, workFields } from '../testing/testApp.js';
import { sharedPrimary, sharedReplicaUnavailable, startReplica, type TempPostgres } from '../testing/tempPostgres.js';
import { testDatabase, testDialect } from '../testing/testDatabase.js';
import { connect, type Database } from './connect.js';
import { WROTE_COOKIE } from '../web/readYourWrites.js';

// A real streaming replica of the test server: a pg_basebackup copy of it on a port of its own,
// read through this file's schema.
const unavailable = testDialect === 'postgres' ? sharedReplicaUnavailable() : 'runs in the postgres project';
if (unavailable && testDialect === 'postgres') {
  if (process.env.CI) throw new Error(`read replica test cannot run: ${unavailable}`);
  console.warn(`read replica test skipped: ${unavailable}`);
}

describe.skipIf(unavailable !== null)('reads from a streaming replica', () => {
  let primary: Database;
  let replica: TempPostgres;
  /** This file's schema on a replica. */
  const readUrl = (r: TempPostgres) => {
    const url = new URL(primary.url);
    url.port = String(r.port);
    return url.toString();
  };
  let services: Services;
  let app: Awaited<ReturnType<typeof buildApp>>;
  // A second app process over the same servers, with its own listing index.
  let other: Services;
  let otherApp: Awaited<ReturnType<typeof buildApp>>;
  const onReplica = async (query: string) => {
    const client = new pg.Client({ connectionString: replica.url });
    await client.connect();
    try {
      return (await client.query(query)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    primary = await testDatabase('postgres');
    replica = await startReplica(sharedPrimary());
    const database = connect(primary.url, { readUrls: [readUrl(replica)] });
    const config = { ...loadConfig({ DATA_DIR: '/tmp/quire-test-data', LOG_LEVEL: 'silent' }), databaseUrl: primary.url, fastPasswordHashing: true };
    services = await buildServices(config, database);
    app = await buildApp(services, pino({ level: 'silent' }));
    other = await buildServices(config, connect(primary.url, { readUrls: [readUrl(replica)] }));
    otherApp = await buildApp(other, pino({ level: 'silent' }));
  }, 120_000);

  afterAll(async () => {
    await services?.close();
    await other?.close();
    replica?.destroy();
    await primary?.close();
  });

  it('sends a guest’s reads to the replica and a writer’s to the primary until the replica has caught up', async () => {
    expect(await onReplica('select pg_is_in_recovery() as r')).toEqual([{ r: true }]);
    // The writer's browser, behind a proxy that sends each request to either process.
    let serving = app;
    const writer = await new TestClient({ request: (p: string, init: RequestInit) => serving.request(p, init) } as unknown as typeof app).signUp('writer');
    const guest = new TestClient(app);
    const before = services.database.reads!.counts.replica;
    expect((await guest.get('/works')).status).toBe(200);
    expect(services.database.reads!.counts.replica).toBeGreaterThan(before);

    // Hold the replica still: what is written now exists on the primary only.
    await onReplica('select pg_wal_replay_pause()');
    const pseud = (await services.accounts.pseudsOf((await services.accounts.findUser('writer'))!.id))[0]!.id;
    const res = await writer.post('/works', workFields({ title: 'Only on the primary' }, pseud));
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${WROTE_COOKIE}=`))).toBe(true);
    const location = res.headers.get('location')!;

    // The writer sees their work at once; a guest, reading the paused replica, does not yet.
    expect(await writer.page(location)).toContain('Only on the primary');
    expect((await guest.get(location)).status).toBe(404);
    // The writer's next request may reach the other process: it too reads their write.
    const otherGuest = new TestClient(otherApp);
    expect(await otherGuest.page('/works')).not.toContain('Only on the primary');
    serving = otherApp;
    expect(await writer.page(location)).toContain('Only on the primary');
    expect(await writer.page('/works')).toContain('Only on the primary');
    serving = app;

    await onReplica('select pg_wal_replay_resume()');
    let seen = 0;
    for (let i = 0; i < 100 && seen !== 200; i++) {
      seen = (await guest.get(location)).status;
      if (seen !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen).toBe(200);
    // Once the replica has replayed all the writer's request wrote (the work, and what followed it
    // in the same request), the marker is dropped and they read from the replica too.
    let dropped = false;
    for (let i = 0; i < 100 && !dropped; i++) {
      dropped = (await writer.get(location)).headers.getSetCookie().some((c) => c.startsWith(`${WROTE_COOKIE}=;`));
      if (!dropped) await new Promise((r) => setTimeout(r, 100));
    }
    expect(dropped).toBe(true);
  });

  it('shows a writer their edit at once, while guests read the replica until it catches up', async () => {
    const writer = new TestClient(app);
    expect((await writer.signIn('writer', 'correct horse battery')).status).toBe(303);
    const pseud = (await services.accounts.pseudsOf((await services.accounts.findUser('writer'))!.id))[0]!.id;
    const location = (await writer.post('/works', workFields({ title: 'Before the Edit' }, pseud))).headers.get('location')!;
    const guest = new TestClient(app);
    let title = '';
    for (let i = 0; i < 100 && !title.includes('Before the Edit'); i++) {
      title = await guest.page(location);
      if (!title.includes('Before the Edit')) await new Promise((r) => setTimeout(r, 100));
    }
    expect(title).toContain('Before the Edit');

    await onReplica('select pg_wal_replay_pause()');
    try {
      const edited = await writer.post(location, workFields({ title: 'After the Edit' }, pseud));
      expect(edited.status).toBe(303);
      expect(await writer.page(location)).toContain('After the Edit');
      const seen = await guest.page(location);
      expect(seen).toContain('Before the Edit');
      expect(seen).not.toContain('After the Edit');
    } finally {
      await onReplica('select pg_wal_replay_resume()');
    }
    let caughtUp = false;
    for (let i = 0; i < 100 && !caughtUp; i++) {
      caughtUp = (await guest.page(location)).includes('After the Edit');
      if (!caughtUp) await new Promise((r) => setTimeout(r, 100));
    }
    expect(caughtUp).toBe(true);
  });

  it('spreads reads over every replica named in READ_DATABASE_URL', async () => {
    const second = await startReplica(sharedPrimary());
    const spread = await buildServices({ ...services.config }, connect(primary.url, { readUrls: [readUrl(replica), readUrl(second)] }));
    try {
      const spreadApp = await buildApp(spread, pino({ level: 'silent' }));
      const guest = new TestClient(spreadApp);
      for (let i = 0; i < 20; i++) expect((await guest.get('/works')).status).toBe(200);
      // Each request reads from one replica, the next request from the next.
      const [first, next] = spread.database.reads!.counts.byReplica;
      expect(first).toBeGreaterThanOrEqual(10);
      expect(next).toBeGreaterThanOrEqual(10);
    } finally {
      await spread.close();
      second.destroy();
    }
  }, 120_000);

  it('moves a connection held across queries to the primary when it writes', async () => {
    const reads = services.database.reads!;
    const db = services.database.db;
    await reads.run(reads.context(undefined), () => db.connection().execute(async (conn) => {
      const before = reads.counts.replica;
      await conn.selectFrom('settings').select('key').execute();
      expect(reads.counts.replica).toBe(before + 1);
      await conn.insertInto('settings').values({ key: 'routing-test', value: 'primary' }).execute();
      expect((await conn.selectFrom('settings').select('value').where('key', '=', 'routing-test').executeTakeFirst())?.value).toBe('primary');
    }));
  });

  it('answers from the primary when the replica is away', async () => {
    replica.stop();
    try {
      const guest = new TestClient(app);
      expect((await guest.get('/works')).status).toBe(200);
      expect(await guest.page('/login')).toContain('_csrf');
    } finally {
      replica.start();
    }
  });
});
