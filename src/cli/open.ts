import pino from 'pino';
import { loadConfig, type Config } from '../config.js';
import { connect } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { buildServices, type Services } from '../services.js';

/**
 * Config from the environment, a migrated database and the services over it. Only the server
 * reads from replicas (during requests; a command reads back what it just wrote), and moves
 * SQLite's checkpoints and the listing and search queries off its event loop.
 */
export async function openArchive(overrides: Partial<Config> = {}, opts: { serving?: boolean } = {}): Promise<Services> {
  const config = { ...loadConfig(), ...overrides };
  const database = connect(config.databaseUrl, opts.serving ? { readUrls: config.readDatabaseUrls, backgroundCheckpoints: true } : {});
  await migrateToLatest(database.db);
  if (!opts.serving) return await buildServices(config, database);
  const logger = makeLogger(config);
  return await buildServices(config, database, {
    searchThread: { onFailure: (err) => logger.error({ err }, 'the search thread stopped; starting another') },
  });
}

export const makeLogger = (config: Config) =>
  pino({ level: config.logLevel, base: undefined });
