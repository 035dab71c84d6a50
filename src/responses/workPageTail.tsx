import { createHash } from 'node:crypto';
import { mayComment } from '../policy/responses.js';
import { GUEST } from '../policy/viewer.js';
import type { Ctx } from '../web/env.js';
import type { Selection } from '../works/reading.js';
import type { CommentScope } from './service.js';
import { GuestResponses, ResponsesSection, SharedResponses } from './views/section.js';

export type ResponsesTail = {
  /** Goes into the page's ETag: changes with the responses and with the visitor's CSRF token. */
  tag: string;
  render(): Promise<string>;
};

/**
 * The kudos and comments under a work page. The work's text is cached per version; this part
 * changes with every kudos and comment (`responses_version`) and carries a per-visitor CSRF
 * token, so it is drawn apart: for guests, the shared threads come from the page cache and only
 * the two small forms are drawn per request.
 */
export async function responsesTail(c: Ctx, workId: number, selection: Selection): Promise<ResponsesTail | null> {
  const { responses, pages } = c.get('services');
  const viewer = c.get('viewer');
  const scope: CommentScope = selection.kind === 'chapter' ? { kind: 'chapter', chapterId: selection.chapterId } : { kind: 'all' };
  const chapterId = selection.kind === 'chapter' ? selection.chapterId : undefined;
  const url = new URL(c.req.url);
  const returnTo = url.pathname + url.search;
  const csrf = c.get('csrf')();

  if (viewer.kind === 'user') {
    return {
      tag: '',
      async render() {
        const data = await responses.section(viewer, workId, scope);
        if (!data) return '';
        const threadViewer = { kind: 'user' as const, userId: viewer.id, isCreator: data.isCreator, csrf, returnTo };
        return (<ResponsesSection data={data} viewer={threadViewer} workId={workId} csrf={csrf} returnTo={returnTo} chapterId={chapterId} />).toString() as string;
      },
    };
  }

  const state = await responses.pageState(workId);
  if (!state) return null;
  const token = createHash('sha256').update(csrf).digest('base64url').slice(0, 10);
  return {
    tag: `r${state.responsesVersion}-${token}`,
    async render() {
      const key = `responses:${workId}:${state.responsesVersion}:${scope.kind === 'all' ? 'all' : scope.chapterId}`;
      let shared = pages.get(key);
      if (shared?.kind !== 'fragment') {
        const data = await responses.section(GUEST, workId, scope);
        shared = { kind: 'fragment', title: '', html: data ? (<SharedResponses kudos={data.kudos} threads={data.threads} viewer={{ kind: 'guest' }} />).toString() as string : '' };
        pages.set(key, shared);
      }
      const allowed = mayComment(GUEST, { status: 'posted', restricted: false, creatorUserIds: [], ...state }, false);
      const refusal = typeof allowed === 'object' ? allowed.refused : null;
      return (<GuestResponses sharedHtml={shared.html} refusal={refusal} workId={workId} csrf={csrf} returnTo={returnTo} chapterId={chapterId} />).toString() as string;
    },
  };
}
