import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Listing cursors: the next page number bound to the query it belongs to (scope, filters, sort),
 * signed so a forged or edited cursor is refused rather than silently misread.
 */
const payload = z.strictObject({ p: z.number().int().min(2).max(9_999_999), q: z.string().length(22) });

export function cursors(secret: string) {
  const mac = (data: string) => createHmac('sha256', `${secret}:api-cursor`).update(data).digest().subarray(0, 16);
  const fingerprint = (query: string) => createHmac('sha256', secret).update(query).digest('base64url').slice(0, 22);

  return {
    encode(page: number, query: string): string {
      const data = Buffer.from(JSON.stringify({ p: page, q: fingerprint(query) })).toString('base64url');
      return `${data}.${mac(data).toString('base64url')}`;
    },

    /** The page a cursor points at, or why it cannot be used with this query. */
    decode(cursor: string, query: string): { ok: true; page: number } | { ok: false; message: string } {
      const bad = { ok: false as const, message: 'This cursor is not one Quire gave out; start again without it.' };
      const [data, sig, extra] = cursor.split('.');
      if (!data || !sig || extra !== undefined) return bad;
      const given = Buffer.from(sig, 'base64url');
      const expected = mac(data);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return bad;
      let parsed;
      try {
        parsed = payload.safeParse(JSON.parse(Buffer.from(data, 'base64url').toString('utf8')));
      } catch {
        return bad;
      }
      if (!parsed.success) return bad;
      if (parsed.data.q !== fingerprint(query)) return { ok: false, message: 'This cursor belongs to another query (the filters or sort changed); start again without it.' };
      return { ok: true, page: parsed.data.p };
    },
  };
}

export type Cursors = ReturnType<typeof cursors>;
