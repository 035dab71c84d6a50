import { serve } from '@hono/node-server';
import { buildApp } from '../app.js';
import { makeLogger, openArchive } from './open.js';

export async function serveCommand(): Promise<void> {
  const services = await openArchive({}, { serving: true });
  const { config } = services;
  const logger = makeLogger(config);
  // Processes started together race to make the admin: the loser finds it made and carries on.
  const admin = await services.accounts.ensureAdmin().catch(async (err: unknown) => {
    if (await services.accounts.findUser('admin')) return null;
    throw err;
  });
  if (admin) {
    // Printed once, on the first start only: the operator must change it at first sign-in.
    process.stdout.write(
      `\n  Quire created an admin account.\n    login:    admin\n    password: ${admin.password}\n` +
        `  This password is shown only now; you will be asked to change it when you sign in.\n\n`,
    );
  }
  // Listings answer from memory: load them before taking requests.
  await services.index.ready();
  const app = await buildApp(services, logger);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info({ url: config.baseUrl, port: info.port, database: services.database.dialect }, 'Quire is serving');
    process.stdout.write(`Quire is running at ${config.baseUrl}\n`);
  });
  // Node closes an idle kept-alive connection after 5 s; a client (a proxy's upstream pool, a
  // test's request context) sending on it just then gets a reset. Keep idle connections longer
  // than the usual 60 s client side, so it is the client that closes them.
  if ('keepAliveTimeout' in server) {
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
  }
  const stop = () => {
    server.close();
    void services.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
