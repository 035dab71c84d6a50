import { recordStat } from '../stats/store.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { sanitizeUserHtml } from '../formats/sanitize.js';
import { addParagraphs } from '../formats/paragraphs.js';
import { mayHideComments } from '../policy/commentHiding.js';
import { MAX_COMMENT_DEPTH, mayComment, mayDeleteComment, mayEditComment, mayLeaveKudos, mayModerateComments, maySeeComment, type Refusal } from '../policy/responses.js';
import type { Viewer } from '../policy/viewer.js';
import { canReadWork, isCreator } from '../policy/works.js';
import { fail, ok, type Result } from '../result.js';
import type { WorkChanges } from '../works/posting.js';
import { chaptersOf } from '../works/store.js';
import type { readerKeys } from './readerKeys.js';
import type { CommentInput, CommentSettings } from './rules.js';
import * as store from './store.js';
import { buildThreads, subtreeIds, type ShownComment } from './threads.js';

type SignedIn = Extract<Viewer, { kind: 'user' }>;
export type NotFound = { ok: false; denied: 'not-found' };
export type Refused = { ok: false } & Refusal;
export type Outcome<T> = Result<T> | NotFound | Refused;

const NOT_FOUND: NotFound = { ok: false, denied: 'not-found' };
const refuse = (r: Refusal): Refused => ({ ok: false, ...r });

/** Which comments a work page shows: all of them, or one chapter's. */
export type CommentScope = { kind: 'all' } | { kind: 'chapter'; chapterId: number };

/** Accounts younger than this (and guests) are held to the comment rate limit. */
export const NEW_ACCOUNT_DAYS = 7;

export type KudosOutcome = 'given' | 'already';

/** A comment to tell people of by email once it is stored (the route sends it). */
export type CommentNotice = { to: Array<{ login: string; email: string }>; workId: number; workTitle: string; comment: store.CommentRow };
export type Posted = { id: number; workId: number; held: boolean; notice: CommentNotice | null };

export function responsesService(db: Kysely<DB>, changes: WorkChanges, keys: () => Promise<ReturnType<typeof readerKeys>>) {
  /** One transaction for a change to a work's comments; the count and the listing index follow. */
  async function inTransaction<T>(workId: number, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
    const value = await db.transaction().execute(async (trx) => {
      const v = await fn(trx);
      const moved = await store.refreshCommentCount(trx, workId);
      if (moved !== 0) await recordStat(trx, workId, 'comments', moved);
      await changes.changed(trx, workId);
      return v;
    });
    await changes.committed();
    return value;
  }

  const mutedIds = (viewer: Viewer) => (viewer.kind === 'user' ? store.relatedIds(db, 'mutes', viewer.id) : Promise.resolve([]));

  /** Blocked by a creator of the work, or by the author of the comment being answered. */
  const blockedFor = (viewer: Viewer, creatorIds: readonly number[], parentAuthor: number | null) =>
    viewer.kind === 'user' ? store.isBlockedByAny(db, [...creatorIds, ...(parentAuthor === null ? [] : [parentAuthor])], viewer.id) : Promise.resolve(false);

  /** A comment and its work, when the viewer may read the work and see the comment. */
  async function visibleComment(viewer: Viewer, commentId: number) {
    const comment = await store.commentById(db, commentId);
    const work = comment && (await store.responseFacts(db, comment.workId));
    if (!comment || !work || !canReadWork(viewer, work) || comment.deleted || !maySeeComment(viewer, work, comment)) return null;
    return { comment, work };
  }

  /** Who is told of a comment by email, besides their inbox: not someone who muted its author. */
  async function noticeFor(commentId: number, workId: number, recipients: readonly number[]): Promise<CommentNotice | null> {
    const comment = await store.commentById(db, commentId);
    if (!comment || recipients.length === 0) return null;
    const users = await store.usersByIds(db, recipients);
    const muting = comment.userId === null ? [] : await Promise.all(users.map((u) => store.relatedIds(db, 'mutes', u.id)));
    const to = users.filter((_, i) => !(muting[i] ?? []).includes(comment.userId ?? -1));
    const [work] = await db.selectFrom('works').select('title').where('id', '=', workId).execute();
    return to.length ? { to: to.map((u) => ({ login: u.login, email: u.email })), workId, workTitle: work?.title ?? '', comment } : null;
  }

  /** Whether this viewer may comment on the work, or answer `parent` in it. */
  async function commentGate(viewer: Viewer, work: store.WorkResponseFacts, parent: store.CommentRow | null): Promise<'ok' | NotFound | Refused> {
    const allowed = mayComment(viewer, work, await blockedFor(viewer, work.creatorUserIds, parent?.userId ?? null));
    if (allowed === 'not-found') return NOT_FOUND;
    if (allowed !== 'ok') return refuse(allowed);
    if (parent?.frozen) return refuse({ refused: 'This thread has been frozen: it takes no new replies.' });
    if (parent?.status === 'held') return refuse({ refused: 'This comment is waiting for the creator’s approval; it can be answered once approved.' });
    if (parent && parent.depth >= MAX_COMMENT_DEPTH) {
      return refuse({ refused: `Replies can go at most ${MAX_COMMENT_DEPTH} levels deep. Reply to an earlier comment in this thread instead.` });
    }
    return 'ok';
  }

  async function addComment(viewer: Viewer, workId: number, where: { chapterId: number | null } | { parent: store.CommentRow }, input: CommentInput): Promise<Outcome<Posted>> {
    const work = await store.responseFacts(db, workId);
    if (!work) return NOT_FOUND;
    const parent = 'parent' in where ? where.parent : null;
    const gate = await commentGate(viewer, work, parent);
    if (gate !== 'ok') return gate;
    let chapterId = parent ? parent.chapterId : (where as { chapterId: number | null }).chapterId;
    if (!parent && chapterId !== null) {
      const chapter = (await chaptersOf(db, workId)).find((ch) => ch.id === chapterId);
      if (!chapter || (chapter.status !== 'posted' && !isCreator(viewer, work))) return NOT_FOUND;
      chapterId = chapter.id;
    }
    const body = sanitizeUserHtml(addParagraphs(input.body));
    if (!body.replace(/<[^>]*>/g, '').trim() && !/<img /.test(body)) return fail({ body: 'Write a comment.' });
    let author: store.NewComment['author'];
    if (viewer.kind === 'user') {
      const pseudId = await store.defaultPseud(db, viewer.id);
      if (pseudId === undefined) return NOT_FOUND;
      author = { userId: viewer.id, pseudId };
    } else {
      if (!('guest_name' in input)) return fail({ guest_name: 'Enter a name to sign your comment with.' });
      author = { guestName: input.guest_name, guestEmail: input.guest_email };
    }
    const held = work.moderateComments && !isCreator(viewer, work);
    const now = new Date().toISOString();
    const { id, told } = await inTransaction(workId, async (trx) => {
      const id = await store.insertComment(trx, {
        workId, chapterId, parentId: parent?.id ?? null, depth: parent ? parent.depth + 1 : 1, author, body, status: held ? 'held' : 'visible', now,
      });
      const me = viewer.kind === 'user' ? viewer.id : null;
      // Creators hear of every comment (held ones are theirs to approve); the author of the
      // comment answered hears of it once it is visible.
      const creators = work.creatorUserIds.filter((u) => u !== me);
      const replyTo = !held && parent?.userId != null && parent.userId !== me && !creators.includes(parent.userId) ? [parent.userId] : [];
      await store.addToInbox(trx, [...creators, ...replyTo], id, now);
      return { id, told: [...creators, ...replyTo] };
    });
    return ok({ id, workId, held, notice: await noticeFor(id, workId, told) });
  }

  return {
    // ── kudos ──

    async leaveKudos(viewer: Viewer, workId: number, address: string): Promise<Outcome<KudosOutcome>> {
      const work = await store.responseFacts(db, workId);
      if (!work) return NOT_FOUND;
      const allowed = mayLeaveKudos(viewer, work, await blockedFor(viewer, work.creatorUserIds, null));
      if (allowed === 'not-found') return NOT_FOUND;
      if (allowed !== 'ok') return refuse(allowed);
      const giver: store.KudosGiver = viewer.kind === 'user' ? { userId: viewer.id } : { guestKey: (await keys()).kudosGuest(address) };
      // The unique key makes a repeat change nothing.
      const given = await db.transaction().execute(async (trx) => {
        if (!(await store.insertKudos(trx, workId, giver, new Date().toISOString()))) return false;
        await store.countNewKudos(trx, workId);
        await recordStat(trx, workId, 'kudos', 1);
        await changes.changed(trx, workId);
        return true;
      });
      if (given) await changes.committed();
      return ok(given ? 'given' : 'already');
    },

    // ── comments ──

    comment(viewer: Viewer, workId: number, chapterId: number | null, input: CommentInput) {
      return addComment(viewer, workId, { chapterId }, input);
    },

    async reply(viewer: Viewer, parentId: number, input: CommentInput): Promise<Outcome<Posted>> {
      const found = await visibleComment(viewer, parentId);
      if (!found) return NOT_FOUND;
      return addComment(viewer, found.work.id, { parent: found.comment }, input);
    },

    /** A comment with its work, for the reply and edit pages, and why a reply would be refused. */
    async forReply(viewer: Viewer, commentId: number) {
      const found = await visibleComment(viewer, commentId);
      if (!found) return null;
      const [workTitle] = await db.selectFrom('works').select('title').where('id', '=', found.work.id).execute();
      const gate = await commentGate(viewer, found.work, found.comment);
      return { ...found, workTitle: workTitle?.title ?? '', replyRefusal: gate !== 'ok' && 'refused' in gate ? gate.refused : null };
    },

    async edit(viewer: Viewer, commentId: number, body: string): Promise<Outcome<{ id: number; workId: number }>> {
      const found = await visibleComment(viewer, commentId);
      if (!found) return NOT_FOUND;
      if (!mayEditComment(viewer, found.comment)) return refuse({ refused: 'You can only edit your own comments.' });
      const html = sanitizeUserHtml(addParagraphs(body));
      if (!html.replace(/<[^>]*>/g, '').trim() && !/<img /.test(html)) return fail({ body: 'Write a comment.' });
      await inTransaction(found.work.id, (trx) => store.updateCommentBody(trx, commentId, html, new Date().toISOString()));
      return ok({ id: commentId, workId: found.work.id });
    },

    async remove(viewer: Viewer, commentId: number): Promise<Outcome<{ workId: number }>> {
      const found = await visibleComment(viewer, commentId);
      if (!found) return NOT_FOUND;
      if (!mayDeleteComment(viewer, found.work, found.comment)) return refuse({ refused: 'You can only delete your own comments, or comments on your works.' });
      await inTransaction(found.work.id, (trx) => store.removeComment(trx, commentId));
      return ok({ workId: found.work.id });
    },

    /** Freezing a comment freezes the replies under it: the thread takes no new replies. */
    async setFrozen(viewer: Viewer, commentId: number, frozen: boolean): Promise<Outcome<{ workId: number }>> {
      const found = await visibleComment(viewer, commentId);
      if (!found) return NOT_FOUND;
      if (!mayModerateComments(viewer, found.work)) return refuse({ refused: 'Only the work’s creators can freeze threads.' });
      const all = await store.commentsOfWork(db, found.work.id);
      await inTransaction(found.work.id, (trx) => store.setFrozen(trx, subtreeIds(all, commentId), frozen));
      return ok({ workId: found.work.id });
    },

    async approve(viewer: Viewer, commentId: number): Promise<Outcome<{ workId: number; notice?: CommentNotice | null }>> {
      const found = await visibleComment(viewer, commentId);
      if (!found) return NOT_FOUND;
      const { comment, work } = found;
      if (!mayModerateComments(viewer, work)) return refuse({ refused: 'Only the work’s creators can approve comments.' });
      if (comment.status === 'visible') return ok({ workId: work.id });
      const parent = comment.parentId === null ? undefined : await store.commentById(db, comment.parentId);
      const tell = parent?.userId != null && parent.userId !== comment.userId && !work.creatorUserIds.includes(parent.userId) ? [parent.userId] : [];
      await inTransaction(work.id, async (trx) => {
        await store.approveComment(trx, commentId);
        await store.addToInbox(trx, tell, commentId, new Date().toISOString());
      });
      return ok({ workId: work.id, notice: await noticeFor(commentId, work.id, tell) });
    },

    /**
     * Who left kudos, for a viewer who may read the work: the first names and the counts (the
     * work page's line), or with `every` all of the names (the list behind "N more users").
     */
    async kudos(viewer: Viewer, workId: number, every = false) {
      const work = await store.responseFacts(db, workId);
      return work && canReadWork(viewer, work) ? store.kudosGivers(db, workId, every ? null : store.KUDOS_NAMES_SHOWN) : null;
    },

    /** Everything under a work page for this viewer: kudos and the comment threads. */
    async section(viewer: Viewer, workId: number, scope: CommentScope) {
      const work = await store.responseFacts(db, workId);
      if (!work || !canReadWork(viewer, work)) return null;
      const [givers, rows, muted, gave, blocked] = await Promise.all([
        store.kudosGivers(db, workId),
        store.commentsOfWork(db, workId),
        mutedIds(viewer),
        viewer.kind === 'user' ? store.hasKudos(db, workId, { userId: viewer.id }) : Promise.resolve(false),
        blockedFor(viewer, work.creatorUserIds, null),
      ]);
      const inScope = scope.kind === 'all' ? rows : rows.filter((c) => c.chapterId === scope.chapterId);
      const mutedSet = new Set(muted);
      const threads = buildThreads(inScope, (c) =>
        // A comment an admin hid leaves a placeholder, so others' replies to it stay in place.
        !maySeeComment(viewer, work, c) ? (c.hidden ? 'removed' : 'hidden') : c.userId !== null && mutedSet.has(c.userId) ? 'muted' : 'full');
      const allowed = mayComment(viewer, work, blocked);
      return {
        workId,
        kudos: givers,
        gaveKudos: gave,
        isCreator: isCreator(viewer, work),
        isAdmin: mayHideComments(viewer),
        commentRefusal: allowed === 'ok' || allowed === 'not-found' ? null : allowed.refused,
        threads,
        settings: { permission: work.commentPermission, moderated: work.moderateComments },
      };
    },

    async settings(viewer: Viewer, workId: number) {
      const work = await store.responseFacts(db, workId);
      if (!work || !isCreator(viewer, work)) return null;
      const [row] = await db.selectFrom('works').select('title').where('id', '=', workId).execute();
      return { workId, title: row?.title ?? '', permission: work.commentPermission, moderated: work.moderateComments };
    },

    async updateSettings(viewer: Viewer, workId: number, s: CommentSettings): Promise<Outcome<null>> {
      const work = await store.responseFacts(db, workId);
      if (!work || !canReadWork(viewer, work)) return NOT_FOUND;
      if (!isCreator(viewer, work)) return refuse({ refused: 'Only the work’s creators can change who may comment.' });
      await store.setCommentSettings(db, workId, s.comment_permission, s.moderate_comments);
      return ok(null);
    },

    /** Guests and accounts younger than a week are held to the comment rate limit. */
    async isNewcomer(viewer: Viewer, now = Date.now()) {
      if (viewer.kind === 'guest') return true;
      const created = await store.userCreatedAt(db, viewer.id);
      return !created || now - Date.parse(created) < NEW_ACCOUNT_DAYS * 86_400_000;
    },

    // ── inbox ──

    /** Comments on my works and replies to mine that I may still see, unread first. */
    async inbox(viewer: SignedIn, limit = 200) {
      const [rows, muted] = await Promise.all([store.inboxOf(db, viewer.id, limit), mutedIds(viewer)]);
      const works = await store.worksForInbox(db, [...new Set(rows.map((r) => r.comment.workId))]);
      const mutedSet = new Set(muted);
      const items = rows.flatMap((r) => {
        const work = works.get(r.comment.workId);
        if (!work || !canReadWork(viewer, work) || !maySeeComment(viewer, work, r.comment)) return [];
        if (r.comment.userId !== null && mutedSet.has(r.comment.userId)) return [];
        return [{ ...r, workTitle: work.title, isCreator: isCreator(viewer, work), frozen: r.comment.frozen }];
      });
      return { items, unread: items.filter((i) => !i.read).length };
    },

    markRead: (viewer: SignedIn, commentIds: number[] | 'all') => store.markRead(db, viewer.id, commentIds),

    /** For the header: what `inbox` would count as unread, in one query. */
    unreadCount: (viewer: SignedIn) => store.unreadCount(db, viewer.id),

    // ── blocks and mutes ──

    async relate(viewer: SignedIn, relation: store.Relation, target: { id: number; login: string }, on: boolean): Promise<Outcome<null>> {
      if (target.id === viewer.id) return refuse({ refused: relation === 'blocks' ? 'You can’t block yourself.' : 'You can’t mute yourself.' });
      if (on) await store.relate(db, relation, viewer.id, target.id, new Date().toISOString());
      else await store.unrelate(db, relation, viewer.id, target.id);
      return ok(null);
    },

    relations: async (viewer: SignedIn) => {
      const [blocked, muted] = await Promise.all([store.relatedUsers(db, 'blocks', viewer.id), store.relatedUsers(db, 'mutes', viewer.id)]);
      return { blocked, muted };
    },

    isRelated: async (viewer: SignedIn, relation: store.Relation, targetId: number) => (await store.relatedIds(db, relation, viewer.id)).includes(targetId),

    /** Muted users' ids: the listing engine leaves their works out for this reader. */
    mutedCreators: (userId: number) => store.relatedIds(db, 'mutes', userId),
  };
}

export type ResponsesService = ReturnType<typeof responsesService>;
export type { ShownComment };
