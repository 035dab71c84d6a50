/**
 * What the load generator asks for, read once from the archive before the run: works ranked by
 * popularity, the largest fandoms with their characters, and signed-in readers.
 *
 * Readers get sessions the way src/accounts makes them (a random token in the cookie, its
 * SHA-256 in `sessions`) and CSRF tokens the way src/web/csrf.ts checks them (HMAC of the
 * cookie's nonce under the site secret), so no request is spent signing in.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../src/db/schema.js';
import { siteSecret } from '../../../src/db/settings.js';
import { tagSlug } from '../../../src/tags/urls.js';

export type Reader = {
  login: string;
  /** The Cookie header: session and CSRF nonce. */
  cookie: string;
  /** The form's `_csrf` value for that nonce. */
  csrf: string;
  /** Posted works this reader created (where it may add chapters, and may not leave kudos); may be empty. */
  ownWorks: number[];
  /** The same works, to look up. */
  owns: ReadonlySet<number>;
};

/** `works`: how many works carry the fandom tag (guests see a few less). */
export type FandomTarget = { slug: string; works: number; characters: number[] };

export type Targets = {
  /** Posted works guests may read, most hits first. */
  guestWorks: Int32Array;
  /** Every posted work, most hits first (signed-in readers also see restricted works). */
  allWorks: Int32Array;
  /** Fandoms by size, largest first, each with its most used characters. */
  fandoms: FandomTarget[];
  /** The commonest additional tags (to exclude) and the rating tags. */
  commonFreeforms: number[];
  ratings: number[];
  readers: Reader[];
};

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

export async function loadTargets(db: Kysely<DB>, o: { readers: number; fandoms: number }): Promise<Targets> {
  const works = await db.selectFrom('works').select(['id', 'restricted'])
    .where('status', '=', 'posted').orderBy('hits_count', 'desc').orderBy('id').execute();
  const allWorks = Int32Array.from(works, (w) => w.id);
  const guestWorks = Int32Array.from(works.filter((w) => w.restricted === 0), (w) => w.id);

  const fandomRows = await db.selectFrom('work_tags').innerJoin('tags', 'tags.id', 'work_tags.tag_id')
    .select(['tags.id', 'tags.name', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tags.type', '=', 'fandom').where('tags.canonical', '=', 1)
    .groupBy(['tags.id', 'tags.name']).orderBy('n', 'desc').limit(o.fandoms).execute();
  const fandoms: FandomTarget[] = [];
  for (const f of fandomRows) {
    const chars = await db.selectFrom('tag_parents').innerJoin('tags', 'tags.id', 'tag_parents.child_id')
      .select('tags.id').where('tag_parents.parent_id', '=', f.id).where('tags.type', '=', 'character')
      .where('tags.canonical', '=', 1).orderBy('tags.id').limit(6).execute();
    fandoms.push({ slug: tagSlug(f.name), works: Number(f.n), characters: chars.map((c) => c.id) });
  }
  const commonFreeforms = (await db.selectFrom('tags').select('id').where('type', '=', 'freeform').where('canonical', '=', 1)
    .orderBy('id').limit(3).execute()).map((t) => t.id);
  const ratings = (await db.selectFrom('tags').select('id').where('type', '=', 'rating').orderBy('id').execute()).map((t) => t.id);

  return { guestWorks, allWorks, fandoms, commonFreeforms, ratings, readers: await makeReaders(db, o.readers) };
}

/** Sessions for the first `count` users who may sign in without changing a password. */
async function makeReaders(db: Kysely<DB>, count: number): Promise<Reader[]> {
  const secret = await siteSecret(db);
  // Banned accounts (the corpus's orphan_account among them) have no live session: a reader
  // made of one is served as a guest, and its restricted works answer 404.
  const users = await db.selectFrom('users').select(['id', 'login'])
    .where('must_change_password', '=', 0).where('banned_at', 'is', null).orderBy('id').limit(count).execute();
  const owned = await db.selectFrom('creatorships').innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .innerJoin('works', 'works.id', 'creatorships.work_id')
    .select(['pseuds.user_id', 'works.id'])
    .where('pseuds.user_id', 'in', users.length > 0 ? users.map((u) => u.id) : [0])
    .where('works.status', '=', 'posted').execute();
  const byUser = new Map<number, number[]>();
  for (const r of owned) {
    const list = byUser.get(r.user_id) ?? [];
    list.push(r.id);
    byUser.set(r.user_id, list);
  }
  const now = new Date();
  const expires = new Date(now.getTime() + 86_400_000).toISOString();
  const readers: Reader[] = [];
  const rows: { id: string; user_id: number; created_at: string; expires_at: string }[] = [];
  for (const u of users) {
    const token = randomBytes(32).toString('base64url');
    const nonce = randomBytes(18).toString('base64url');
    rows.push({ id: sha256(token), user_id: u.id, created_at: now.toISOString(), expires_at: expires });
    readers.push({
      login: u.login,
      cookie: `quire_session=${token}; quire_csrf=${nonce}`,
      csrf: createHmac('sha256', secret).update(nonce).digest('base64url'),
      ownWorks: byUser.get(u.id) ?? [],
      owns: new Set(byUser.get(u.id)),
    });
  }
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('sessions').values(rows.slice(i, i + 200)).execute();
  return readers;
}
