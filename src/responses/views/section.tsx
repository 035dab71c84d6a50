import type { CommentPermission } from '../../db/schema.js';
import type { ResponsesService } from '../service.js';
import { countShown, type ShownComment } from '../threads.js';
import { CommentForm, KudosButton, KudosLine, Threads, type ThreadViewer } from './comments.js';

export type SectionData = NonNullable<Awaited<ReturnType<ResponsesService['section']>>>;

/** The comment threads and their heading: for guests this part is cached, so it holds no form. */
export function SharedThreads({ threads, viewer }: { threads: ShownComment[]; viewer: ThreadViewer }) {
  return (
    <>
      <h3 class="comments-heading">Comments ({countShown(threads)})</h3>
      <Threads threads={threads} viewer={viewer} />
    </>
  );
}

type FormsProps = { workId: number; csrf: string; returnTo: string; chapterId: number | undefined };

/** The whole section for a signed-in reader or a creator, drawn for them on each request. */
export function ResponsesSection({ data, viewer, ...f }: FormsProps & { data: SectionData; viewer: Extract<ThreadViewer, { kind: 'user' }> }) {
  return (
    <section class="responses" id="responses" aria-label="Kudos and comments">
      {data.isCreator ? (
        <p class="actions"><a href={`/works/${f.workId}/comment-settings`}>Comment settings</a>: {permissionLabel(data.settings.permission)}{data.settings.moderated ? ', held for your approval' : ''}.</p>
      ) : (
        <KudosButton workId={f.workId} csrf={f.csrf} gave={data.gaveKudos} returnTo={f.returnTo} />
      )}
      <KudosLine kudos={data.kudos} workId={data.workId} />
      <SharedThreads threads={data.threads} viewer={viewer} />
      <CommentForm action={`/works/${f.workId}/comments`} csrf={f.csrf} guest={false} refusal={data.commentRefusal} returnTo={f.returnTo} chapterId={f.chapterId} />
    </section>
  );
}

/** A guest's section: the per-visitor forms around the shared, cached part. */
export function GuestResponses({ sharedHtml, refusal, ...f }: FormsProps & { sharedHtml: string; refusal: string | null }) {
  return (
    <section class="responses" id="responses" aria-label="Kudos and comments">
      <KudosButton workId={f.workId} csrf={f.csrf} gave={false} returnTo={f.returnTo} />
      <div dangerouslySetInnerHTML={{ __html: sharedHtml }} />
      <CommentForm action={`/works/${f.workId}/comments`} csrf={f.csrf} guest refusal={refusal} returnTo={f.returnTo} chapterId={f.chapterId} />
    </section>
  );
}

export const permissionLabel = (p: CommentPermission) =>
  p === 'everyone' ? 'everyone may comment' : p === 'users' ? 'only signed-in users may comment' : 'comments are off';
