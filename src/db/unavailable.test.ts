import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('knows a database that is away, down, restarting or locked', () => {
    for (const err of [
      withCode('ECONNREFUSED'), withCode('57P01', 'terminating connection due to administrator command'),
      withCode('57P03', 'the database system is starting up'), withCode('08006'), withCode('SQLITE_BUSY'),
      withCode('SQLITE_CANTOPEN'), withCode('SQLITE_IOERR_READ'), new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'), new Error('wrapped', { cause: withCode('ECONNRESET') }),
    ]) expect(isDatabaseUnavailable(err), String(err)).toBe(true);
  });

  it('leaves bugs and bad queries to be reported as such', () => {
    for (const err of [new TypeError('x is undefined'), withCode('23505', 'duplicate key'), withCode('42P01', 'relation does not exist'), withCode('SQLITE_CONSTRAINT_UNIQUE'), 'a string', null]) {
      expect(isDatabaseUnavailable(err), String(err)).toBe(false);
    }
  });
});
