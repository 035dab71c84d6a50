import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

describe('READ_DATABASE_URL', () => {
  it('takes one or more replicas, comma-separated', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://p/quire', READ_DATABASE_URL: 'postgres://r1/quire, postgres://r2/quire' });
    expect(config.readDatabaseUrls).toEqual(['postgres://r1/quire', 'postgres://r2/quire']);
    expect(loadConfig({}).readDatabaseUrls).toEqual([]);
  });

  it('refuses replicas for a SQLite archive, saying why', () => {
    expect(() => loadConfig({ READ_DATABASE_URL: 'postgres://r1/quire' })).toThrow(ConfigError);
    expect(() => loadConfig({ READ_DATABASE_URL: 'postgres://r1/quire' })).toThrow(/PostgreSQL primary/);
  });
});
