import { Layout, type PageChrome } from '../../web/layout.js';
import type { InboxRow } from '../store.js';
import { CommentBody, CommentForm } from './comments.js';

export type InboxItem = InboxRow & { workTitle: string; isCreator: boolean; frozen: boolean };

export function InboxPage({ chrome, items, unread }: { chrome: PageChrome & { csrf: string }; items: InboxItem[]; unread: number }) {
  const csrf = chrome.csrf;
  return (
    <Layout title="Inbox" {...chrome}>
      <h1>Inbox</h1>
      <p class="hint"><a href="/settings/blocked">Blocked and muted users</a></p>
      <p>{unread === 0 ? 'No unread comments.' : `${unread} unread comment${unread === 1 ? '' : 's'}.`}</p>
      {unread > 0 ? (
        <form method="post" action="/inbox/read" class="inline">
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="all" value="1" />
          <button type="submit">Mark all as read</button>
        </form>
      ) : null}
      {items.length === 0 ? <p class="empty">Comments on your works and replies to your comments will appear here.</p> : (
        <ol class="inbox">
          {items.map((item) => (
            <li class={`inbox-item ${item.read ? 'read' : 'unread'}`} id={`inbox-${item.comment.id}`}>
              <p class="inbox-about">
                {item.read ? null : <strong class="badge">Unread</strong>}{' '}
                {item.comment.parentId === null ? 'Comment' : 'Reply'} on <a href={`/works/${item.comment.workId}#comment-${item.comment.id}`}>{item.workTitle}</a>
              </p>
              <CommentBody comment={item.comment} />
              <ul class="actions">
                {item.read ? null : (
                  <li>
                    <form method="post" action="/inbox/read" class="inline">
                      <input type="hidden" name="_csrf" value={csrf} />
                      <input type="hidden" name="comment_id" value={String(item.comment.id)} />
                      <button type="submit" class="link">Mark as read</button>
                    </form>
                  </li>
                )}
                {item.isCreator && item.comment.status === 'held' ? (
                  <li>
                    <form method="post" action={`/comments/${item.comment.id}/approve`} class="inline">
                      <input type="hidden" name="_csrf" value={csrf} />
                      <input type="hidden" name="return_to" value="/inbox" />
                      <button type="submit" class="link">Approve</button>
                    </form>
                  </li>
                ) : null}
              </ul>
              {!item.frozen && item.comment.status === 'visible' && item.comment.depth < 5 ? (
                <details class="inbox-reply">
                  <summary>Reply</summary>
                  <CommentForm action={`/comments/${item.comment.id}/replies`} csrf={csrf} guest={false} refusal={null} returnTo="/inbox" label="Reply"
                    fieldId={`reply-${item.comment.id}`} />
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}
