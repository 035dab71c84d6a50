import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Mailer } from '../mail/mailer.js';
import { canEditWork, isCreator } from '../policy/works.js';
import type { Viewer } from '../policy/viewer.js';
import { fail, ok, type Result } from '../result.js';
import type { Denied, WorkChanges } from '../works/posting.js';
import { refreshWork, workAccess, worksMeta } from '../works/store.js';
import * as store from './creatorStore.js';

/** "pseud (login)" or "login": whom a creator invites. */
function parseCreatorName(raw: string): { login: string; pseud: string | null } | null {
  const s = raw.trim();
  const m = /^(.+?)\s*\(([A-Za-z0-9_]{3,40})\)$/.exec(s);
  if (m) return { login: m[2]!.toLowerCase(), pseud: m[1]!.toLowerCase() };
  return /^[A-Za-z0-9_]{3,40}$/.test(s) ? { login: s.toLowerCase(), pseud: null } : null;
}

/**
 * What creators decide about their own works beyond the text: leaving a work (orphaning it)
 * and sharing it (co-creators, who must accept before they are shown or may edit).
 */
export function creatorsService(db: Kysely<DB>, changes: WorkChanges, mail: Mailer, baseUrl: string) {
  async function editable(viewer: Viewer, workId: number): Promise<{ ok: true; userId: number } | Denied> {
    const access = await workAccess(db, workId);
    if (!access || viewer.kind !== 'user' || !isCreator(viewer, access)) return { ok: false, denied: 'not-found' };
    return canEditWork(viewer, access) ? { ok: true, userId: viewer.id } : { ok: false, denied: 'forbidden' };
  }

  /** A change to who created a work: new version, the index and search hear of it. */
  async function changeCreators(workId: number, fn: (trx: Kysely<DB>) => Promise<void>) {
    await db.transaction().execute(async (trx) => {
      await fn(trx);
      await refreshWork(trx, workId, {});
      await changes.changed(trx, workId);
    });
    await changes.committed();
  }

  return {
    /** The work (for the confirmation page and the co-creators page), for its creators only. */
    async forCreator(viewer: Viewer, workId: number) {
      const e = await editable(viewer, workId);
      if (!e.ok) return e;
      const [work] = await worksMeta(db, viewer, [workId]);
      if (!work) return { ok: false, denied: 'not-found' } as Denied;
      return { ok: true as const, work, invitations: await store.invitationsOfWork(db, workId) };
    },

    /** Leaves the work on the archive under orphan_account; the writer's name is gone from it. */
    async orphan(viewer: Viewer, workId: number): Promise<Result<null> | Denied> {
      const e = await editable(viewer, workId);
      if (!e.ok) return e;
      const orphanId = await store.orphanPseudId(db);
      await changeCreators(workId, (trx) => store.orphanCreatorships(trx, workId, e.userId, orphanId));
      return ok(null);
    },

    async invite(viewer: Viewer, workId: number, rawName: string): Promise<Result<string> | Denied> {
      const e = await editable(viewer, workId);
      if (!e.ok) return e;
      const name = parseCreatorName(rawName);
      const pseud = name ? await store.pseudByName(db, name.login, name.pseud) : undefined;
      if (!pseud || pseud.login.toLowerCase() === store.ORPHAN_LOGIN || pseud.banned_at !== null) {
        return fail({ creator: `There is no creator called “${rawName.trim()}”. Give a login, or “pseud (login)”.` });
      }
      if (pseud.user_id === e.userId) return fail({ creator: 'That is one of your own pseuds: choose it in the work’s edit form.' });
      const access = await workAccess(db, workId);
      if (access?.creatorUserIds.includes(pseud.user_id)) return fail({ creator: `${pseud.login} is already a creator of this work.` });
      await store.insertInvitation(db, workId, pseud.id, e.userId);
      const invitee = await db.selectFrom('users').select('email').where('id', '=', pseud.user_id).executeTakeFirst();
      if (invitee) {
        await mail.send({
          to: invitee.email,
          subject: 'You are invited to be a co-creator on Quire',
          text: `Hello ${pseud.login},\n\nA creator has invited your pseud “${pseud.name}” to be listed as a co-creator of one of their works. `
            + `You are not shown, and cannot edit it, unless you accept.\n\nSee the invitation: ${baseUrl}/invitations\n`,
        });
      }
      return ok(pseud.name === pseud.login ? pseud.login : `${pseud.name} (${pseud.login})`);
    },

    invitationsFor: (viewer: Viewer) => (viewer.kind === 'user' ? store.invitationsForUser(db, viewer.id) : Promise.resolve([])),

    /** The invitee accepts (becomes a creator) or declines; an invitation is theirs alone to answer. */
    async respond(viewer: Viewer, workId: number, pseudId: number, accept: boolean): Promise<Result<null>> {
      if (viewer.kind !== 'user') return fail({ form: 'Sign in to answer invitations.' });
      let found = false;
      const answer = async (trx: Kysely<DB>) => {
        found = await store.takeInvitation(trx, workId, pseudId, viewer.id);
        if (found && accept) await store.appendCreator(trx, workId, pseudId);
      };
      if (accept) await changeCreators(workId, answer);
      else await db.transaction().execute(answer);
      return found ? ok(null) : fail({ form: 'There is no such invitation (it may have been answered already).' });
    },
  };
}

export type CreatorsService = ReturnType<typeof creatorsService>;
