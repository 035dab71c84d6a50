import { sql, type Kysely } from 'kysely';
import type { CommentPermission, CommentStatus, DB } from '../db/schema.js';
import type { ResponseFacts } from '../policy/responses.js';
import type { WorkFacts } from '../policy/works.js';
import { workAccess } from '../works/store.js';

export type WorkResponseFacts = ResponseFacts & { id: number; responsesVersion: number };

/** What the policy needs about a work's responses: the work's access row (two small queries). */
export async function responseFacts(db: Kysely<DB>, workId: number): Promise<WorkResponseFacts | undefined> {
  const access = await workAccess(db, workId);
  if (!access) return undefined;
  const { commentPermission, moderateComments, version } = access.responses;
  return { ...access, commentPermission, moderateComments, responsesVersion: version };
}

export async function setCommentSettings(db: Kysely<DB>, workId: number, permission: CommentPermission, moderate: boolean) {
  await db.updateTable('works').set((eb) => ({ comment_permission: permission, moderate_comments: moderate ? 1 : 0, responses_version: eb('responses_version', '+', 1) }))
    .where('id', '=', workId).execute();
}

// ── kudos ──

export type KudosGiver = { userId: number } | { guestKey: string };

/** True when this is the giver's first kudos on the work. */
export async function insertKudos(db: Kysely<DB>, workId: number, giver: KudosGiver, now: string): Promise<boolean> {
  const row = await db.insertInto('kudos')
    .values({ work_id: workId, user_id: 'userId' in giver ? giver.userId : null, guest_key: 'guestKey' in giver ? giver.guestKey : null, created_at: now })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function hasKudos(db: Kysely<DB>, workId: number, giver: KudosGiver) {
  const q = db.selectFrom('kudos').select('id').where('work_id', '=', workId);
  const row = await ('userId' in giver ? q.where('user_id', '=', giver.userId) : q.where('guest_key', '=', giver.guestKey)).executeTakeFirst();
  return row !== undefined;
}

/** How many givers a work page names before "and N more users" (AO3 keeps its list short too). */
export const KUDOS_NAMES_SHOWN = 50;

/** Signed-in givers' logins (the first `limit`, in the order they came; all with null), and how many users and guests gave. */
export type KudosGivers = { logins: string[]; users: number; guests: number };

export async function kudosGivers(db: Kysely<DB>, workId: number, limit: number | null = KUDOS_NAMES_SHOWN): Promise<KudosGivers> {
  // A popular work's line is drawn again at every kudos: it must not read every giver's name.
  let names = db.selectFrom('kudos').innerJoin('users', 'users.id', 'kudos.user_id').select('users.login')
    .where('kudos.work_id', '=', workId).orderBy('kudos.id');
  if (limit !== null) names = names.limit(limit);
  const [users, counts] = await Promise.all([
    names.execute(),
    db.selectFrom('kudos').select((eb) => [eb.fn.count('user_id').as('users'), eb.fn.count('guest_key').as('guests')])
      .where('work_id', '=', workId).executeTakeFirstOrThrow(),
  ]);
  return { logins: users.map((u) => u.login), users: Number(counts.users), guests: Number(counts.guests) };
}

/**
 * A kudos given: one more on the work (kudos are never taken back). The kudos line under the
 * work is keyed by this count, so the comment threads beside it are not drawn again.
 */
export async function countNewKudos(db: Kysely<DB>, workId: number): Promise<void> {
  await db.updateTable('works').set((eb) => ({ kudos_count: eb('kudos_count', '+', 1) })).where('id', '=', workId).execute();
}

/** Recounts a work's visible comments and draws its responses anew; returns how much the count moved (for the writer's stats). */
export async function refreshCommentCount(db: Kysely<DB>, workId: number): Promise<number> {
  const before = await db.selectFrom('works').select('comments_count').where('id', '=', workId).executeTakeFirst();
  const after = await db.updateTable('works').set((eb) => ({
    comments_count: eb.selectFrom('comments').select(eb.fn.countAll<number>().as('n'))
      .where('comments.work_id', '=', workId).where('comments.status', '=', 'visible').where('comments.deleted', '=', 0)
      .where('comments.hidden', '=', 0),
    responses_version: eb('responses_version', '+', 1),
  })).where('id', '=', workId).returning('comments_count').executeTakeFirst();
  return Number(after?.comments_count ?? 0) - Number(before?.comments_count ?? 0);
}

// ── comments ──

export type CommentRow = {
  id: number; workId: number; chapterId: number | null; parentId: number | null; depth: number;
  userId: number | null; login: string | null; pseud: string | null; guestName: string | null;
  body: string; status: CommentStatus; deleted: boolean; frozen: boolean; hidden: boolean; createdAt: string; editedAt: string | null;
};

const commentColumns = [
  'comments.id', 'comments.work_id', 'comments.chapter_id', 'comments.parent_id', 'comments.depth', 'comments.user_id',
  'users.login', 'pseuds.name as pseud', 'comments.guest_name', 'comments.body', 'comments.status', 'comments.deleted',
  'comments.frozen', 'comments.hidden', 'comments.created_at', 'comments.edited_at',
] as const;

function commentsQuery(db: Kysely<DB>) {
  return db.selectFrom('comments')
    .leftJoin('users', 'users.id', 'comments.user_id')
    .leftJoin('pseuds', 'pseuds.id', 'comments.pseud_id')
    .select(commentColumns);
}

type Raw = Awaited<ReturnType<ReturnType<typeof commentsQuery>['execute']>>[number];
const toComment = (r: Raw): CommentRow => ({
  id: r.id, workId: r.work_id, chapterId: r.chapter_id, parentId: r.parent_id, depth: r.depth, userId: r.user_id,
  login: r.login, pseud: r.pseud, guestName: r.guest_name, body: r.body, status: r.status,
  deleted: r.deleted === 1, frozen: r.frozen === 1, hidden: r.hidden === 1, createdAt: r.created_at, editedAt: r.edited_at,
});

export async function commentById(db: Kysely<DB>, id: number): Promise<CommentRow | undefined> {
  const r = await commentsQuery(db).where('comments.id', '=', id).executeTakeFirst();
  return r && toComment(r);
}

export async function commentsOfWork(db: Kysely<DB>, workId: number): Promise<CommentRow[]> {
  return (await commentsQuery(db).where('comments.work_id', '=', workId).orderBy('comments.id').execute()).map(toComment);
}

export type NewComment = {
  workId: number; chapterId: number | null; parentId: number | null; depth: number;
  author: { userId: number; pseudId: number } | { guestName: string; guestEmail: string };
  body: string; status: CommentStatus; now: string;
};

export async function insertComment(db: Kysely<DB>, c: NewComment): Promise<number> {
  const a = c.author;
  const row = await db.insertInto('comments').values({
    work_id: c.workId, chapter_id: c.chapterId, parent_id: c.parentId, depth: c.depth,
    user_id: 'userId' in a ? a.userId : null, pseud_id: 'userId' in a ? a.pseudId : null,
    guest_name: 'guestName' in a ? a.guestName : null, guest_email: 'guestName' in a ? a.guestEmail : null,
    body: c.body, status: c.status, deleted: 0, frozen: 0, created_at: c.now, edited_at: null,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** An admin hides a comment, or shows it again. */
export async function setCommentHidden(db: Kysely<DB>, id: number, hidden: boolean) {
  await db.updateTable('comments').set({ hidden: hidden ? 1 : 0 }).where('id', '=', id).execute();
}

export async function updateCommentBody(db: Kysely<DB>, id: number, body: string, now: string) {
  await db.updateTable('comments').set({ body, edited_at: now }).where('id', '=', id).execute();
}

export async function hasReplies(db: Kysely<DB>, id: number) {
  return (await db.selectFrom('comments').select('id').where('parent_id', '=', id).limit(1).executeTakeFirst()) !== undefined;
}

/** A comment with replies keeps its place in the thread, emptied; one without is removed. */
export async function removeComment(db: Kysely<DB>, id: number) {
  if (await hasReplies(db, id)) {
    await db.updateTable('comments').set({ deleted: 1, body: '' }).where('id', '=', id).execute();
    await db.deleteFrom('inbox_items').where('comment_id', '=', id).execute();
  } else {
    await db.deleteFrom('comments').where('id', '=', id).execute();
  }
}

export async function setFrozen(db: Kysely<DB>, ids: readonly number[], frozen: boolean) {
  if (ids.length) await db.updateTable('comments').set({ frozen: frozen ? 1 : 0 }).where('id', 'in', ids).execute();
}

export async function approveComment(db: Kysely<DB>, id: number) {
  await db.updateTable('comments').set({ status: 'visible' }).where('id', '=', id).execute();
}

/** A signed-in user's default pseud, to sign comments with. */
export async function defaultPseud(db: Kysely<DB>, userId: number) {
  const p = await db.selectFrom('pseuds').select('id').where('user_id', '=', userId).orderBy('is_default', 'desc').orderBy('id').executeTakeFirst();
  return p?.id;
}

export async function userCreatedAt(db: Kysely<DB>, userId: number) {
  return (await db.selectFrom('users').select('created_at').where('id', '=', userId).executeTakeFirst())?.created_at;
}

/** Logins and email addresses, for notices. */
export async function usersByIds(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('users').select(['id', 'login', 'email']).where('id', 'in', ids).execute();
}

// ── inbox ──

export async function addToInbox(db: Kysely<DB>, userIds: readonly number[], commentId: number, now: string) {
  if (userIds.length === 0) return;
  await db.insertInto('inbox_items').values(userIds.map((user_id) => ({ user_id, comment_id: commentId, read: 0 as const, created_at: now })))
    .onConflict((oc) => oc.doNothing()).execute();
}

export type InboxRow = { comment: CommentRow; read: boolean; receivedAt: string };

/** What the policy needs about several works at once, with their titles: two queries. */
export async function worksForInbox(db: Kysely<DB>, workIds: readonly number[]) {
  const map = new Map<number, WorkFacts & { title: string }>();
  if (workIds.length === 0) return map;
  const [works, creators] = await Promise.all([
    db.selectFrom('works').select(['id', 'title', 'status', 'restricted', 'hidden_at']).where('id', 'in', workIds).execute(),
    db.selectFrom('creatorships').innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
      .select(['creatorships.work_id', 'pseuds.user_id']).where('creatorships.work_id', 'in', workIds).execute(),
  ]);
  for (const w of works) {
    const creatorUserIds = [...new Set(creators.filter((c) => c.work_id === w.id).map((c) => c.user_id))];
    map.set(w.id, { title: w.title, status: w.status, restricted: w.restricted === 1, hidden: w.hidden_at !== null, creatorUserIds });
  }
  return map;
}

/** Newest first; the service filters by what the reader may still see, then puts unread first. */
export async function inboxOf(db: Kysely<DB>, userId: number, limit: number): Promise<InboxRow[]> {
  const rows = await commentsQuery(db)
    .innerJoin('inbox_items', 'inbox_items.comment_id', 'comments.id')
    .select(['inbox_items.read', 'inbox_items.created_at as received_at'])
    .where('inbox_items.user_id', '=', userId)
    .where('comments.deleted', '=', 0)
    .orderBy('inbox_items.read').orderBy('inbox_items.created_at', 'desc').orderBy('comments.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ comment: toComment(r), read: r.read === 1, receivedAt: r.received_at }));
}

/** Unread items the inbox would show: not deleted, on a work the user may read, not from someone they muted. */
export async function unreadCount(db: Kysely<DB>, userId: number): Promise<number> {
  const row = await db.selectFrom('inbox_items')
    .innerJoin('comments', 'comments.id', 'inbox_items.comment_id')
    .innerJoin('works', 'works.id', 'comments.work_id')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('inbox_items.user_id', '=', userId)
    .where('inbox_items.read', '=', 0)
    .where('comments.deleted', '=', 0)
    .where((eb) => eb.or([eb('comments.hidden', '=', 0), eb('comments.user_id', '=', userId)]))
    .where((eb) => eb.or([
      eb('works.status', '=', 'posted'),
      eb.exists(eb.selectFrom('creatorships').innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id').select('creatorships.work_id')
        .whereRef('creatorships.work_id', '=', 'works.id').where('pseuds.user_id', '=', userId)),
    ]))
    .where((eb) => eb.or([
      eb('comments.user_id', 'is', null),
      eb.not(eb.exists(eb.selectFrom('mutes').select('mutes.target_id').where('mutes.user_id', '=', userId).whereRef('mutes.target_id', '=', 'comments.user_id'))),
    ]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markRead(db: Kysely<DB>, userId: number, commentIds: readonly number[] | 'all') {
  let q = db.updateTable('inbox_items').set({ read: 1 }).where('user_id', '=', userId);
  if (commentIds !== 'all') {
    if (commentIds.length === 0) return;
    q = q.where('comment_id', 'in', commentIds);
  }
  await q.execute();
}

// ── blocks and mutes ──

export type Relation = 'blocks' | 'mutes';

export async function relate(db: Kysely<DB>, table: Relation, userId: number, targetId: number, now: string) {
  await db.insertInto(table).values({ user_id: userId, target_id: targetId, created_at: now }).onConflict((oc) => oc.doNothing()).execute();
}

export async function unrelate(db: Kysely<DB>, table: Relation, userId: number, targetId: number) {
  await db.deleteFrom(table).where('user_id', '=', userId).where('target_id', '=', targetId).execute();
}

export async function relatedIds(db: Kysely<DB>, table: Relation, userId: number): Promise<number[]> {
  return (await db.selectFrom(table).select('target_id').where('user_id', '=', userId).execute()).map((r) => r.target_id);
}

export async function relatedUsers(db: Kysely<DB>, table: Relation, userId: number) {
  return db.selectFrom(table).innerJoin('users', 'users.id', `${table}.target_id`).select(['users.id', 'users.login', `${table}.created_at`])
    .where(`${table}.user_id`, '=', userId).orderBy('users.login_key').execute();
}

/** Has any of `userIds` blocked `targetId`? */
export async function isBlockedByAny(db: Kysely<DB>, userIds: readonly number[], targetId: number) {
  if (userIds.length === 0) return false;
  const row = await db.selectFrom('blocks').select('user_id').where('user_id', 'in', userIds).where('target_id', '=', targetId).limit(1).executeTakeFirst();
  return row !== undefined;
}

// ── hits ──

export type HitRow = { work_id: number; reader_key: string; day: string };

/** Inserts the hits not already counted (by any process) and returns how many were new per work. */
export async function insertHits(db: Kysely<DB>, rows: readonly HitRow[]): Promise<Map<number, number>> {
  const added = new Map<number, number>();
  if (rows.length === 0) return added;
  const existing = new Set((await db.selectFrom('works').select('id').where('id', 'in', [...new Set(rows.map((r) => r.work_id))]).execute()).map((w) => w.id));
  // A work deleted since its hit was buffered has nothing to count.
  const live = rows.filter((r) => existing.has(r.work_id));
  for (let i = 0; i < live.length; i += 200) {
    const inserted = await db.insertInto('work_hits').values(live.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['work_id', 'reader_key', 'day']).doNothing())
      .returning('work_id').execute();
    for (const r of inserted) added.set(r.work_id, (added.get(r.work_id) ?? 0) + 1);
  }
  // One update per distinct count, not per work: a batch is mostly works with one new hit each.
  const byCount = new Map<number, number[]>();
  for (const [workId, n] of added) {
    const ids = byCount.get(n) ?? [];
    ids.push(workId);
    byCount.set(n, ids);
  }
  for (const [n, workIds] of byCount) {
    await db.updateTable('works').set({ hits_count: sql<number>`hits_count + ${n}` }).where('id', 'in', workIds).execute();
  }
  return added;
}
