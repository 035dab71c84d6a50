import { getConnInfo } from '@hono/node-server/conninfo';
import type { Ctx } from './env.js';

/** The peer's address; requests made in-process (tests) have none and share one bucket. */
export function clientAddress(c: Ctx): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'in-process';
  }
}
