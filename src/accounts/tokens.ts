import { createHash, randomBytes } from 'node:crypto';

/** A secret for a link or a cookie: 256 random bits, URL-safe. */
export const newToken = () => randomBytes(32).toString('base64url');

/** What the database keeps of a secret: a stolen copy yields no live link, session or code. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
