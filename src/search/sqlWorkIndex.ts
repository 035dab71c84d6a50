import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { DB } from '../db/schema.js';
import type { WorkIndex, WorkListQuery, WorkScope } from './workIndex.js';

function scoped(db: Kysely<DB>, scope: WorkScope) {
  const base = db.selectFrom('works');
  switch (scope.kind) {
    case 'all':
      return base;
    case 'tag':
      return base.where('works.id', 'in', db.selectFrom('work_tags').select('work_id').where('tag_id', '=', scope.tagId));
    case 'user':
      return base.where('works.id', 'in', db
        .selectFrom('creatorships')
        .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
        .select('creatorships.work_id')
        .where('pseuds.user_id', '=', scope.userId));
    case 'pseud':
      return base.where('works.id', 'in', db.selectFrom('creatorships').select('work_id').where('pseud_id', '=', scope.pseudId));
  }
}

/** Listings straight from SQL; adequate for a small archive, the baseline for faster engines. */
export function sqlWorkIndex(db: Kysely<DB>): WorkIndex {
  return {
    async list(q: WorkListQuery) {
      let base: SelectQueryBuilder<DB, 'works', {}> = scoped(db, q.scope).where('works.status', '=', 'posted');
      if (!q.visibility.includeRestricted) base = base.where('works.restricted', '=', 0);
      const [rows, count] = await Promise.all([
        base
          .select('works.id')
          .orderBy('works.revised_at', 'desc')
          .orderBy('works.id', 'desc')
          .limit(q.perPage)
          .offset((q.page - 1) * q.perPage)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { ids: rows.map((r) => r.id), total: Number(count.n) };
    },
  };
}
