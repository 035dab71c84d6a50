import { MAX_COMMENT_DEPTH } from '../../policy/responses.js';
import type { FieldErrors } from '../../result.js';
import type { FormData } from '../../web/env.js';
import { FieldError, TextArea, TextField, type FormState } from '../../web/fields.js';
import { MAX_COMMENT_CHARS } from '../rules.js';
import type { CommentRow, KudosGivers } from '../store.js';
import type { ShownComment } from '../threads.js';

/** What the thread's buttons need to know about who is looking. Guests' threads are cached. */
export type ThreadViewer =
  | { kind: 'guest' }
  | { kind: 'user'; userId: number; isCreator: boolean; isAdmin: boolean; csrf: string; returnTo: string };

const Hidden = ({ csrf, returnTo }: { csrf: string; returnTo: string }) => (
  <>
    <input type="hidden" name="_csrf" value={csrf} />
    <input type="hidden" name="return_to" value={returnTo} />
  </>
);

function ActionButton({ action, label, viewer }: { action: string; label: string; viewer: Extract<ThreadViewer, { kind: 'user' }> }) {
  return (
    <li>
      <form method="post" action={action} class="inline">
        <Hidden csrf={viewer.csrf} returnTo={viewer.returnTo} />
        <button type="submit" class="link">{label}</button>
      </form>
    </li>
  );
}

export function CommentAuthor({ comment }: { comment: CommentRow }) {
  if (comment.login) {
    const name = comment.pseud && comment.pseud.toLowerCase() !== comment.login.toLowerCase() ? `${comment.pseud} (${comment.login})` : comment.login;
    return <a href={`/users/${comment.login}`}>{name}</a>;
  }
  return <span>{comment.guestName ?? 'Guest'} <span class="guest-mark">(Guest)</span></span>;
}

export function CommentBody({ comment }: { comment: CommentRow }) {
  return (
    <>
      <p class="comment-byline">
        <strong><CommentAuthor comment={comment} /></strong>{' '}
        <time datetime={comment.createdAt}>{comment.createdAt.slice(0, 16).replace('T', ' ')}</time>
        {comment.editedAt ? <span class="edited"> (edited)</span> : null}
      </p>
      {comment.hidden ? <p class="notice">This comment has been hidden by an admin; only its author and the admins can see it.</p> : null}
      {comment.status === 'held' ? <p class="notice">This comment is waiting for the creator’s approval; only you and the creator can see it.</p> : null}
      <div class="userstuff" dangerouslySetInnerHTML={{ __html: comment.body }} />
    </>
  );
}

function Actions({ comment, viewer }: { comment: CommentRow; viewer: ThreadViewer }) {
  const canReply = !comment.frozen && comment.status === 'visible' && comment.depth < MAX_COMMENT_DEPTH;
  const mine = viewer.kind === 'user' && comment.userId === viewer.userId;
  return (
    <ul class="actions comment-actions">
      {comment.frozen ? <li class="frozen">Thread frozen</li> : null}
      {canReply ? <li><a href={`/comments/${comment.id}/reply`}>Reply</a></li> : null}
      {viewer.kind === 'user' && mine ? <li><a href={`/comments/${comment.id}/edit`}>Edit</a></li> : null}
      {viewer.kind === 'user' && (mine || viewer.isCreator) ? <ActionButton action={`/comments/${comment.id}/delete`} label="Delete" viewer={viewer} /> : null}
      {viewer.kind === 'user' && viewer.isCreator && comment.status === 'held' ? <ActionButton action={`/comments/${comment.id}/approve`} label="Approve" viewer={viewer} /> : null}
      {viewer.kind === 'user' && viewer.isCreator ? <ActionButton action={`/comments/${comment.id}/${comment.frozen ? 'unfreeze' : 'freeze'}`} label={comment.frozen ? 'Unfreeze thread' : 'Freeze thread'} viewer={viewer} /> : null}
      {viewer.kind === 'user' && viewer.isAdmin ? <ActionButton action={`/admin/comments/${comment.id}/${comment.hidden ? 'unhide' : 'hide'}`} label={comment.hidden ? 'Unhide (admin)' : 'Hide (admin)'} viewer={viewer} /> : null}
      {viewer.kind === 'user' && comment.login && comment.userId !== viewer.userId ? (
        <>
          <li><a href={`/users/${comment.login}/block`}>Block</a></li>
          <li><a href={`/users/${comment.login}/mute`}>Mute</a></li>
        </>
      ) : null}
    </ul>
  );
}

const PLACEHOLDER = { deleted: '(Previous comment deleted.)', muted: '(Comment from a user you muted.)', removed: '(Comment hidden by an admin.)' } as const;

function Node({ node, viewer }: { node: ShownComment; viewer: ThreadViewer }) {
  const replies = node.replies.length ? <ol class="thread">{node.replies.map((r) => <Node node={r} viewer={viewer} />)}</ol> : null;
  if (node.kind === 'placeholder') {
    return (
      <li class="comment placeholder" id={`comment-${node.id}`}>
        <p>{PLACEHOLDER[node.reason]}</p>
        {replies}
      </li>
    );
  }
  return (
    <li class={`comment${node.comment.status === 'held' ? ' held' : ''}`} id={`comment-${node.comment.id}`}>
      <CommentBody comment={node.comment} />
      <Actions comment={node.comment} viewer={viewer} />
      {replies}
    </li>
  );
}

export function Threads({ threads, viewer }: { threads: ShownComment[]; viewer: ThreadViewer }) {
  return threads.length ? <ol class="comments">{threads.map((n) => <Node node={n} viewer={viewer} />)}</ol> : <p class="empty">No comments yet.</p>;
}

export function KudosLine({ kudos, workId }: { kudos: KudosGivers; workId: number }) {
  const { logins, users, guests } = kudos;
  if (users === 0 && guests === 0) return null;
  const more = users - logins.length;
  const parts = [
    ...logins.map((l) => <a href={`/users/${l}`}>{l}</a>),
    ...(more > 0 ? [<a href={`/works/${workId}/kudos`}>{more} more {more === 1 ? 'user' : 'users'}</a>] : []),
    ...(guests ? [<>{guests} {guests === 1 ? 'guest' : 'guests'}</>] : []),
  ];
  return (
    <p class="kudos">
      {parts.map((p, i) => <>{i === 0 ? '' : i === parts.length - 1 ? ' and ' : ', '}{p}</>)} left kudos on this work!
    </p>
  );
}

export function KudosButton({ workId, csrf, gave, returnTo }: { workId: number; csrf: string; gave: boolean; returnTo: string }) {
  if (gave) return <p class="kudos-given">You left kudos on this work.</p>;
  return (
    <form method="post" action={`/works/${workId}/kudos`} class="kudos-form">
      <Hidden csrf={csrf} returnTo={returnTo} />
      <button type="submit">Kudos ♥</button>
    </form>
  );
}

/** The comment box: what a guest must add, or why the viewer may not comment. */
export function CommentForm(props: {
  action: string; csrf: string; guest: boolean; refusal: string | null; returnTo: string; state?: FormState; chapterId?: number | undefined; label?: string;
  /** For one of several forms on a page (the inbox): a unique id for its text box. */
  fieldId?: string;
}) {
  if (props.refusal) return <p class="notice comments-closed">{props.refusal}</p>;
  const state: FormState = props.state ?? { values: {}, errors: {} };
  return (
    <form method="post" action={props.action} class="comment-form">
      <Hidden csrf={props.csrf} returnTo={props.returnTo} />
      {props.chapterId !== undefined ? <input type="hidden" name="chapter_id" value={String(props.chapterId)} /> : null}
      <FieldError name="form" errors={state.errors} />
      {props.guest ? (
        <>
          <TextField name="guest_name" label="Name" state={state} required maxlength={100} autocomplete="name" />
          <TextField name="guest_email" label="Email (not shown to anyone)" type="email" state={state} required autocomplete="email" />
        </>
      ) : null}
      {props.fieldId ? (
        <div class="field">
          <label for={props.fieldId}>{props.label ?? 'Comment'}</label>
          <textarea id={props.fieldId} name="body" rows={4} required maxlength={MAX_COMMENT_CHARS}></textarea>
        </div>
      ) : (
        <TextArea name="body" label={props.label ?? 'Comment'} state={state} rows={6} required hint={`Plain text or HTML; up to ${MAX_COMMENT_CHARS.toLocaleString('en')} characters.`} />
      )}
      <button type="submit">{props.label === 'Reply' ? 'Post reply' : 'Comment'}</button>
    </form>
  );
}

export const formState = (values: FormData, errors: FieldErrors): FormState => ({ values, errors });
