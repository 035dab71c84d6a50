import type { TokenScope } from '../db/schema.js';

/** How an API request was made: a personal access token (with its scope), or a browser session / nobody. */
export type ApiCaller = { kind: 'token'; scope: TokenScope; tokenId: number } | { kind: 'session' } | { kind: 'anonymous' };

/**
 * Writes through the API need a token with write scope: a cookie alone never writes (tools use
 * tokens; browsers use the forms), and a read token never writes.
 */
export function apiWriteDenial(caller: ApiCaller): 'unauthenticated' | 'insufficient_scope' | null {
  if (caller.kind !== 'token') return 'unauthenticated';
  return caller.scope === 'write' ? null : 'insufficient_scope';
}
