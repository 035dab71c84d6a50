/**
 * Whether an error means the database cannot be reached (as opposed to a bug): the server is
 * down or restarting, the network dropped, or the SQLite file cannot be opened or stays locked.
 * Those answer 503 and heal by themselves when the database is back.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = String((e as { code?: unknown }).code ?? '');
    const message = e instanceof Error ? e.message : '';
    // Node socket errors, PostgreSQL connection exceptions (08…) and shutdowns (57P0…).
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND'].includes(code)) return true;
    if (/^08/.test(code) || /^57P0[1-3]$/.test(code)) return true;
    if (/^SQLITE_(CANTOPEN|BUSY|LOCKED|IOERR|READONLY)/.test(code)) return true;
    if (/Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)/.test(message)) return true;
  }
  return false;
}
