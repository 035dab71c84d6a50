import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Viewer } from '../policy/viewer.js';
import { ROBOTS_ASKED_WORKS } from './aiCrawlers.js';

/** How long a process trusts what it read of a work's AI facts (other processes may change them). */
const FACTS_TTL_MS = 5000;
const MAX_CACHED = 50_000;

export type AiFacts = { restricted: boolean; anonymous: boolean; creatorAsked: boolean };

/** The creators of the work in the outer query who asked AI crawlers to keep off their works. */
const creatorsWhoAsked = (eb: ExpressionBuilder<DB, 'works'>) =>
  eb.selectFrom('creatorships').innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id').innerJoin('users', 'users.id', 'pseuds.user_id')
    .select('users.id').whereRef('creatorships.work_id', '=', 'works.id').where('users.asks_noai', '=', 1);

/**
 * Writers' choice that crawlers of AI training sets keep off their works, and the facts the
 * AI signals need about a work. Those are read on every work page and download, so each process
 * keeps them for a few seconds rather than asking the database each time.
 */
export function aiChoiceService(db: Kysely<DB>) {
  const facts = new Map<number, { at: number; value: AiFacts | undefined }>();

  return {
    async choiceOf(viewer: Viewer): Promise<boolean> {
      if (viewer.kind !== 'user') return false;
      const row = await db.selectFrom('users').select('asks_noai').where('id', '=', viewer.id).executeTakeFirst();
      return row?.asks_noai === 1;
    },

    async setChoice(viewer: Viewer, asks: boolean): Promise<boolean> {
      if (viewer.kind !== 'user') return false;
      await db.updateTable('users').set({ asks_noai: asks ? 1 : 0 }).where('id', '=', viewer.id).execute();
      facts.clear();
      return true;
    },

    /** Public posted works that ask (anonymous ones, and those of writers who asked), newest first, for robots.txt. */
    async askedWorkIds(): Promise<number[]> {
      const rows = await db.selectFrom('works').select('works.id')
        .where('works.status', '=', 'posted').where('works.restricted', '=', 0).where('works.hidden_at', 'is', null)
        .where((eb) => eb.or([eb('works.anonymous', '=', 1), eb.exists(creatorsWhoAsked(eb))]))
        .orderBy('works.id', 'desc').limit(ROBOTS_ASKED_WORKS).execute();
      return rows.map((r) => r.id);
    },

    /** Undefined for a work that does not exist. */
    async workFacts(workId: number, now = Date.now()): Promise<AiFacts | undefined> {
      const known = facts.get(workId);
      if (known && now - known.at < FACTS_TTL_MS) return known.value;
      const row = await db.selectFrom('works')
        .select((eb) => [
          'works.restricted', 'works.anonymous',
          eb.exists(creatorsWhoAsked(eb)).as('asked'),
        ])
        .where('works.id', '=', workId).executeTakeFirst();
      const value = row && { restricted: row.restricted === 1, anonymous: row.anonymous === 1, creatorAsked: Boolean(Number(row.asked)) };
      if (facts.size >= MAX_CACHED) facts.clear();
      facts.set(workId, { at: now, value });
      return value;
    },
  };
}

export type AiChoiceService = ReturnType<typeof aiChoiceService>;
