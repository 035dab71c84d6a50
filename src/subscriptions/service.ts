import { recordStat } from '../stats/store.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Mailer } from '../mail/mailer.js';
import { canSeeOwnList } from '../policy/bookmarks.js';
import { shouldNotify } from '../policy/subscriptions.js';
import { canReadWork } from '../policy/works.js';
import { GUEST, type Viewer } from '../policy/viewer.js';
import { fail, ok, type Result } from '../result.js';
import type { SeriesService } from '../series/service.js';
import { seriesIdsOfWork } from '../series/store.js';
import type { PostEvent } from '../works/posting.js';
import * as works from '../works/store.js';
import { chapterHeading } from '../works/views/workPage.js';
import * as store from './store.js';

export type { Target } from './store.js';
export type Denied = { ok: false; denied: 'not-found' };

/** A subscription as its owner may see it: titles only of what they may still read. */
export type SubscriptionItem = { id: number; kind: store.Target['kind']; label: string | null; href: string | null };

export type UpdateItem = {
  id: number; read: boolean; createdAt: string;
  /** null when the work is gone from this reader's view (back to draft): never its title. */
  work: { id: number; title: string; creators: string[] } | null;
  chapter: { id: number; heading: string } | null;
  kind: 'work' | 'chapter';
};

const asViewer = (r: store.Recipient): Viewer => ({ kind: 'user', id: r.id, login: r.login, isAdmin: r.isAdmin, isWrangler: r.isWrangler });

export function subscriptionsService(db: Kysely<DB>, mail: Mailer, baseUrl: string, series: SeriesService) {
  async function reachable(viewer: Viewer, t: store.Target): Promise<boolean> {
    if (t.kind === 'work') {
      const access = await works.workAccess(db, t.id);
      return Boolean(access && canReadWork(viewer, access));
    }
    if (t.kind === 'series') return (await series.visible(viewer, [t.id])).has(t.id);
    return (await store.recipients(db, [t.id])).length > 0;
  }

  /**
   * Subscribers who may read the work get a row in their inbox (one transaction), then mail once
   * it is committed. Returns how many were told.
   */
  async function notify(workId: number, chapterId: number | null, subscriberIds: number[], reason: (r: store.Recipient) => string) {
    const access = await works.workAccess(db, workId);
    // Read as a guest would: one mail text goes to every subscriber.
    const [work] = await works.worksMeta(db, GUEST, [workId]);
    if (!access || !work) return 0;
    const chapter = chapterId === null ? undefined : (await store.chapterInfo(db, [chapterId])).get(chapterId);
    if (chapterId !== null && chapter?.status !== 'posted') return 0;
    const told = (await store.recipients(db, subscriberIds)).filter((r) => shouldNotify(asViewer(r), access));
    if (told.length === 0) return 0;
    const kind = chapterId === null ? 'work' : 'chapter';
    await db.transaction().execute((trx) => store.insertNotifications(trx, told.map((r) => ({ userId: r.id, kind, workId, chapterId })), new Date().toISOString()));
    const by = work.creators.map((c) => c.pseud).join(', ') || (work.anonymous ? 'Anonymous' : 'orphan_account');
    const link = chapterId === null ? `${baseUrl}/works/${workId}` : `${baseUrl}/works/${workId}/chapters/${chapterId}`;
    const what = chapter ? `${chapterHeading({ position: chapter.position, title: chapter.title })} of “${work.title}”` : `“${work.title}”`;
    // One reader's bad address must not keep the others' mail from going out.
    await Promise.allSettled(told.map((r) => mail.send({
      to: r.email,
      subject: chapter ? `[Quire] ${by} posted a new chapter of “${work.title}”` : `[Quire] ${by} posted “${work.title}”`,
      text: `Hello ${r.login},\n\n${by} posted ${what}.\n\nRead it: ${link}\n\n${reason(r)}\nYour subscriptions: ${baseUrl}/users/${r.login}/subscriptions\nYour updates: ${baseUrl}/inbox/updates\n`,
    })));
    return told.length;
  }

  return {
    async subscribe(viewer: Viewer, t: store.Target): Promise<Result<null> | Denied> {
      if (viewer.kind !== 'user' || !(await reachable(viewer, t))) return { ok: false, denied: 'not-found' };
      if (t.kind === 'user' && t.id === viewer.id) return fail({ form: 'You cannot subscribe to yourself.' });
      await db.transaction().execute(async (trx) => {
        if (await store.subscriptionOf(trx, viewer.id, t)) return;
        await store.insertSubscription(trx, viewer.id, t, new Date().toISOString());
        if (t.kind === 'work') await recordStat(trx, t.id, 'subscriptions', 1);
      });
      return ok(null);
    },

    async unsubscribe(viewer: Viewer, subscriptionId: number): Promise<Result<store.SubscriptionRow> | Denied> {
      const s = await store.subscriptionById(db, subscriptionId);
      if (!s || !canSeeOwnList(viewer, s.userId)) return { ok: false, denied: 'not-found' };
      await db.transaction().execute(async (trx) => {
        await store.deleteSubscription(trx, subscriptionId);
        if (s.target.kind === 'work') await recordStat(trx, s.target.id, 'subscriptions', -1);
      });
      return ok(s);
    },

    /** The viewer's subscription to a target, if any (for the button). */
    async current(viewer: Viewer, t: store.Target) {
      return viewer.kind === 'user' ? ((await store.subscriptionOf(db, viewer.id, t))?.id ?? null) : null;
    },

    async list(viewer: Viewer, ownerId: number): Promise<SubscriptionItem[] | null> {
      if (!canSeeOwnList(viewer, ownerId)) return null;
      const rows = await store.subscriptionsOfUser(db, ownerId);
      const ids = (kind: store.Target['kind']) => rows.filter((r) => r.target.kind === kind).map((r) => r.target.id);
      const workMetas = new Map((await works.worksMeta(db, viewer, ids('work'))).map((w) => [w.id, w]));
      const seen = await series.visible(viewer, ids('series'));
      const users = new Map((await store.recipients(db, ids('user'))).map((u) => [u.id, u.login]));
      const items: SubscriptionItem[] = [];
      for (const r of rows) {
        const { kind, id } = r.target;
        let label: string | null = null, href: string | null = null;
        if (kind === 'work') {
          const access = await works.workAccess(db, id);
          if (access && canReadWork(viewer, access)) [label, href] = [workMetas.get(id)?.title ?? null, `/works/${id}`];
        } else if (kind === 'series') {
          const s = seen.get(id);
          if (s) [label, href] = [s.title, `/series/${id}`];
        } else {
          const login = users.get(id);
          if (login) [label, href] = [login, `/users/${login}`];
        }
        items.push({ id: r.id, kind, label, href });
      }
      return items;
    },

    /** Hooked where works and chapters get posted (after the commit). */
    async afterPost(event: PostEvent): Promise<number> {
      if (event.kind === 'chapter') {
        const subs = await store.subscribers(db, { works: [event.workId] });
        return notify(event.workId, event.chapterId, subs, () => 'You get this because you subscribed to this work.');
      }
      const access = await works.workAccess(db, event.workId);
      if (!access) return 0;
      // Telling a creator's subscribers of an anonymous work would tell them who wrote it.
      const users = access.anonymous ? [] : access.creatorUserIds;
      const subs = await store.subscribers(db, { users, series: await seriesIdsOfWork(db, event.workId) });
      return notify(event.workId, null, subs, () => 'You get this because you subscribed to its creator or its series.');
    },

    /** A posted work joined a series. */
    async newPart(seriesId: number, workId: number): Promise<number> {
      const subs = await store.subscribers(db, { series: [seriesId] });
      return notify(workId, null, subs, () => 'You get this because you subscribed to a series it joined.');
    },

    async updates(viewer: Viewer): Promise<UpdateItem[] | null> {
      if (viewer.kind !== 'user') return null;
      const rows = await store.notificationsOf(db, viewer.id, 200);
      const workIds = [...new Set(rows.map((r) => r.workId))];
      const metas = new Map((await works.worksMeta(db, viewer, workIds)).map((w) => [w.id, w]));
      const chapters = await store.chapterInfo(db, rows.flatMap((r) => (r.chapterId !== null ? [r.chapterId] : [])));
      const readable = new Set<number>();
      for (const id of workIds) {
        const access = await works.workAccess(db, id);
        if (access && access.status === 'posted' && canReadWork(viewer, access)) readable.add(id);
      }
      return rows.map((r) => {
        const w = readable.has(r.workId) ? metas.get(r.workId) : undefined;
        const ch = r.chapterId !== null ? chapters.get(r.chapterId) : undefined;
        return {
          id: r.id, read: r.read, createdAt: r.createdAt, kind: r.kind,
          work: w ? { id: w.id, title: w.title, creators: w.creators.map((c) => c.pseud) } : null,
          chapter: w && ch && ch.status === 'posted' && r.chapterId !== null ? { id: r.chapterId, heading: chapterHeading(ch) } : null,
        };
      });
    },

    async markRead(viewer: Viewer, ids: number[] | 'all') {
      if (viewer.kind === 'user') await store.markRead(db, viewer.id, ids, new Date().toISOString());
    },

    async unreadCount(viewer: Viewer) {
      return viewer.kind === 'user' ? store.unreadCount(db, viewer.id) : 0;
    },
  };
}

export type SubscriptionsService = ReturnType<typeof subscriptionsService>;
