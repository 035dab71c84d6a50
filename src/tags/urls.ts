// AO3 spells characters that break URL paths as *s* (/), *a* (&), *d* (.), *q* (?) and *h* (#);
// Quire adds *x* for a literal * so every name survives the round trip.
const CODE: Record<string, string> = { '*': 'x', '/': 's', '&': 'a', '.': 'd', '?': 'q', '#': 'h' };
const CHAR = Object.fromEntries(Object.entries(CODE).map(([ch, code]) => [code, ch]));

export function tagSlug(name: string): string {
  return encodeURIComponent(name.replace(/[*/&.?#]/g, (ch) => `*${CODE[ch]}*`));
}

/** The inverse of tagSlug, for a path segment Hono has already percent-decoded. */
export function tagNameFromSlug(segment: string): string {
  return segment.replace(/\*([xsadqh])\*/g, (_, code: string) => CHAR[code] ?? code);
}

export const tagWorksPath = (name: string) => `/tags/${tagSlug(name)}/works`;
