import type { CommentPermission } from '../../db/schema.js';
import { Layout, type PageChrome } from '../../web/layout.js';
import type { FormState } from '../../web/fields.js';
import { FieldError } from '../../web/fields.js';
import type { CommentRow, KudosGivers } from '../store.js';
import { CommentBody, CommentForm } from './comments.js';

type Chrome = { chrome: PageChrome & { csrf: string } };

/** A comment form on its own page: to reply without JavaScript, or to fix what was sent. */
export function CommentFormPage(props: Chrome & {
  heading: string; action: string; guest: boolean; state: FormState; returnTo: string; workId: number;
  parent?: CommentRow | undefined; chapterId?: number | undefined; label?: string; refusal?: string | null;
}) {
  return (
    <Layout title={props.heading} {...props.chrome}>
      <h1>{props.heading}</h1>
      <p><a href={`/works/${props.workId}`}>Back to the work</a></p>
      {props.parent ? <blockquote class="comment parent"><CommentBody comment={props.parent} /></blockquote> : null}
      <CommentForm action={props.action} csrf={props.chrome.csrf} guest={props.guest} refusal={props.refusal ?? null} returnTo={props.returnTo}
        state={props.state} chapterId={props.chapterId} {...(props.label ? { label: props.label } : {})} />
    </Layout>
  );
}

export function CommentSettingsPage(props: Chrome & { workId: number; title: string; permission: CommentPermission; moderated: boolean; errors: Record<string, string> }) {
  const option = (value: CommentPermission, label: string) => (
    <label class="choice"><input type="radio" name="comment_permission" value={value} checked={props.permission === value} /> {label}</label>
  );
  return (
    <Layout title={`Comment settings: ${props.title}`} {...props.chrome}>
      <h1>Comment settings</h1>
      <p>For <a href={`/works/${props.workId}`}>{props.title}</a>.</p>
      <form method="post" action={`/works/${props.workId}/comment-settings`}>
        <input type="hidden" name="_csrf" value={props.chrome.csrf} />
        <fieldset class="field choices" id="comment_permission">
          <legend>Who can comment on this work</legend>
          {option('everyone', 'Registered users and guests')}
          {option('users', 'Only registered users')}
          {option('none', 'No one')}
          <FieldError name="comment_permission" errors={props.errors} />
        </fieldset>
        <div class="field">
          <label class="choice"><input type="checkbox" name="moderate_comments" value="on" checked={props.moderated} /> Hold comments for my approval</label>
        </div>
        <button type="submit">Save</button>
      </form>
    </Layout>
  );
}

/** Everyone who left kudos on a work: where the work page's "N more users" leads. */
export function KudosListPage({ chrome, workId, kudos }: { chrome: PageChrome; workId: number; kudos: KudosGivers }) {
  return (
    <Layout title="Kudos" {...chrome}>
      <h1>Kudos</h1>
      <p><a href={`/works/${workId}`}>Back to the work</a></p>
      {kudos.users === 0 && kudos.guests === 0 ? <p class="empty">No kudos yet.</p> : null}
      {kudos.logins.length ? <ul class="kudos-givers">{kudos.logins.map((l) => <li><a href={`/users/${l}`}>{l}</a></li>)}</ul> : null}
      {kudos.guests ? <p>{kudos.guests} {kudos.guests === 1 ? 'guest' : 'guests'} also left kudos.</p> : null}
    </Layout>
  );
}
