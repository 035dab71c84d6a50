import { getConnInfo } from '@hono/node-server/conninfo';
import type { Ctx } from './env.js';

/**
 * The client's address: the peer's, or, when the peer is a trusted reverse proxy (TRUST_PROXY),
 * the X-Real-IP it set. Requests made in-process (tests) have none and share one bucket.
 */
export function clientAddress(c: Ctx): string {
  let peer: string;
  try {
    peer = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'in-process';
  }
  const trusted = c.get('services').config.trustedProxies;
  const forwarded = c.req.header('x-real-ip')?.trim();
  return forwarded && trusted.includes(peer.replace(/^::ffff:/, '')) ? forwarded : peer;
}
