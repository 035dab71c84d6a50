import { createHash } from 'node:crypto';
import { mayComment } from '../policy/responses.js';
import { GUEST } from '../policy/viewer.js';
import type { Ctx } from '../web/env.js';
import type { Selection } from '../works/reading.js';
import type { ResponsesState } from '../works/store.js';
import type { CommentScope } from './service.js';
import { KudosLine } from './views/comments.js';
import { GuestResponses, ResponsesSection, SharedThreads } from './views/section.js';

export type ResponsesTail = {
  /** Goes into the page's ETag: changes with the responses and with the visitor's CSRF token. */
  tag: string;
  render(): Promise<string>;
};

// Guests' forms are cached with these in place of the token and the threads, filled per request.
const TOKEN_SLOT = 'QUIRE-CSRF-SLOT';
const SHARED_SLOT = '<!--quire:shared-responses-->';

/** Where a form on this page sends the reader back to: from the selection, not the raw URL. */
function pagePath(workId: number, selection: Selection) {
  return selection.kind === 'chapter' ? `/works/${workId}/chapters/${selection.chapterId}`
    : selection.kind === 'full' ? `/works/${workId}?view_full_work=true` : `/works/${workId}`;
}

/**
 * The kudos and comments under a work page. The work's text is cached per version; this part
 * changes with every kudos (`kudos_count`) and comment (`responses_version`) and carries a
 * per-visitor CSRF token, so it is drawn apart. For guests nothing here is drawn per request:
 * the kudos line, the threads and the forms come from the page cache, and only the visitor's
 * token is put into the forms.
 */
export function responsesTail(c: Ctx, workId: number, selection: Selection, state: ResponsesState): ResponsesTail {
  const { responses, pages } = c.get('services');
  const viewer = c.get('viewer');
  const scope: CommentScope = selection.kind === 'chapter' ? { kind: 'chapter', chapterId: selection.chapterId } : { kind: 'all' };
  const chapterId = selection.kind === 'chapter' ? selection.chapterId : undefined;
  const returnTo = pagePath(workId, selection);
  const scopeKey = `${workId}:${state.version}:${scope.kind === 'all' ? 'all' : scope.chapterId}`;
  const csrf = c.get('csrf')();

  if (viewer.kind === 'user') {
    return {
      tag: '',
      async render() {
        const data = await responses.section(viewer, workId, scope);
        if (!data) return '';
        const threadViewer = { kind: 'user' as const, userId: viewer.id, isCreator: data.isCreator, isAdmin: data.isAdmin, csrf, returnTo };
        return (<ResponsesSection data={data} viewer={threadViewer} workId={workId} csrf={csrf} returnTo={returnTo} chapterId={chapterId} />).toString() as string;
      },
    };
  }

  return {
    tag: `r${state.version}-${state.kudosCount}-${createHash('sha256').update(csrf).digest('base64url').slice(0, 10)}`,
    async render() {
      // Kudos come far oftener than comments: the kudos line is drawn apart, keyed by the count.
      const kudosKey = `responses-kudos:${workId}:${state.version}:${state.kudosCount}`;
      let kudos = pages.get(kudosKey);
      if (kudos?.kind !== 'fragment') {
        const givers = await responses.kudos(GUEST, workId);
        kudos = { kind: 'fragment', title: '', html: givers ? (<KudosLine kudos={givers} workId={workId} />).toString() as string : '' };
        pages.set(kudosKey, kudos);
      }
      const threadsKey = `responses:${scopeKey}`;
      let threads = pages.get(threadsKey);
      if (threads?.kind !== 'fragment') {
        const data = await responses.section(GUEST, workId, scope);
        threads = { kind: 'fragment', title: '', html: data ? (<SharedThreads threads={data.threads} viewer={{ kind: 'guest' }} />).toString() as string : '' };
        pages.set(threadsKey, threads);
      }
      // The forms change with who may comment, not with each kudos or comment.
      const formsKey = `responses-forms:${workId}:${state.commentPermission}:${scope.kind === 'all' ? 'all' : scope.chapterId}:${selection.kind}`;
      let forms = pages.get(formsKey);
      if (forms?.kind !== 'fragment') {
        const allowed = mayComment(GUEST, { status: 'posted', restricted: false, hidden: false, creatorUserIds: [], commentPermission: state.commentPermission, moderateComments: false }, false);
        const refusal = typeof allowed === 'object' ? allowed.refused : null;
        forms = { kind: 'fragment', title: '', html: (<GuestResponses sharedHtml={SHARED_SLOT} refusal={refusal} workId={workId} csrf={TOKEN_SLOT} returnTo={returnTo} chapterId={chapterId} />).toString() as string };
        pages.set(formsKey, forms);
      }
      const at = forms.html.indexOf(SHARED_SLOT);
      return forms.html.slice(0, at).replaceAll(TOKEN_SLOT, csrf) + kudos.html + threads.html + forms.html.slice(at + SHARED_SLOT.length).replaceAll(TOKEN_SLOT, csrf);
    },
  };
}
