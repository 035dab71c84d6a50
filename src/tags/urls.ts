// AO3 spells characters that break URL paths as *s* (/), *a* (&), *d* (.), *q* (?) and *h* (#).
const OUT: Array<[string, string]> = [['*', '*x*'], ['/', '*s*'], ['&', '*a*'], ['.', '*d*'], ['?', '*q*'], ['#', '*h*']];

export function tagSlug(name: string): string {
  let s = name;
  for (const [ch, code] of OUT) s = s.split(ch).join(code);
  return encodeURIComponent(s);
}

/** The inverse of tagSlug, for a path segment Hono has already percent-decoded. */
export function tagNameFromSlug(segment: string): string {
  let s = segment;
  for (const [ch, code] of [...OUT].reverse()) s = s.split(code).join(ch);
  return s;
}

export const tagWorksPath = (name: string) => `/tags/${tagSlug(name)}/works`;
