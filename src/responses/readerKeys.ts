import { createHmac } from 'node:crypto';
import type { Viewer } from '../policy/viewer.js';

/**
 * Guests are told apart by address, but an address is never stored: only its HMAC under the
 * site secret. Hit keys also mix in the day, so one day's rows cannot be linked to the next's.
 */
export function readerKeys(secret: string) {
  const mac = (text: string) => createHmac('sha256', secret).update(text).digest('base64url').slice(0, 32);
  return {
    kudosGuest: (address: string) => mac(`kudos\n${address}`),
    hit: (reader: HitReader, day: string) => (reader.kind === 'user' ? `u:${reader.id}` : `g:${mac(`hit\n${day}\n${reader.address}`)}`),
  };
}

/** Who viewed a work, before hashing: a user, or a guest's address (kept in memory only). */
export type HitReader = { kind: 'user'; id: number } | { kind: 'guest'; address: string };

export const hitReader = (viewer: Viewer, address: string): HitReader =>
  viewer.kind === 'user' ? { kind: 'user', id: viewer.id } : { kind: 'guest', address };

export const utcDay = (now: Date) => now.toISOString().slice(0, 10);
