import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

const totp = (secret: string, login = '') =>
  new TOTP({ issuer: 'Quire', label: login, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

/** The otpauth:// address authenticator apps read (as text or a QR code). */
export const totpUri = (secret: string, login: string) => totp(secret, login).toString();

/**
 * The 30-second step a six-digit code is right for (one step of clock drift either way), or
 * null. Callers keep the last step used so a code cannot be replayed.
 */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

/** For tests and the enrolment journey: the code an authenticator would show now. */
export const totpCode = (secret: string, now = Date.now()) => totp(secret).generate({ timestamp: now });

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten single-use recovery codes like `k7m2p-x9q4r` (50 random bits each). */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const chars = [...randomBytes(10)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** How a typed recovery code is compared: case, spaces and the dash do not matter. */
export const normaliseRecoveryCode = (code: string) => {
  const c = code.toLowerCase().replace(/[^a-z0-9]/g, '');
  return c.length === 10 ? `${c.slice(0, 5)}-${c.slice(5)}` : '';
};
