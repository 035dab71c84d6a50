import type { Report, LogEntry, NewsItem } from '../moderation/store.js';
import { Csrf, ErrorSummary, Form, TextArea, TextField, type FormState } from '../web/fields.js';
import { Layout, type PageChrome } from '../web/layout.js';
import type { WorkMeta } from '../works/store.js';

type Chrome = PageChrome & { csrf: string };
const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')}` : '—');

export function AdminNav() {
  return (
    <nav class="user-nav" aria-label="Admin pages">
      <a href="/admin/reports">Reports</a>
      <a href="/admin/users">Users</a>
      <a href="/admin/news">News</a>
      <a href="/admin/settings">Settings</a>
      <a href="/admin/log">Log</a>
    </nav>
  );
}

/** A reason field; `id` tells apart the several forms on one page. */
function Reason({ id, label = 'Reason (kept in the log)' }: { id: string; label?: string }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} name="reason" type="text" maxlength={1000} />
    </div>
  );
}

function ReportRow({ r, csrf }: { r: Report; csrf: string }) {
  return (
    <li class="report">
      <p><a href={r.url}>{r.url}</a>{r.workId !== null ? <> · <a href={`/admin/works/${r.workId}`}>moderate work {r.workId}</a></> : null}</p>
      <p>From {r.reporter}, {when(r.createdAt)}</p>
      <blockquote>{r.reason}</blockquote>
      {r.status === 'open' ? (
        <form method="post" action={`/admin/reports/${r.id}`} class="inline">
          <Csrf token={csrf} />
          <label for={`note-${r.id}`}>Note</label> <input id={`note-${r.id}`} name="reason" maxlength={1000} />
          <button type="submit" name="status" value="resolved">Resolve</button>
          <button type="submit" name="status" value="dismissed">Dismiss</button>
        </form>
      ) : <p class="hint">{r.status} by {r.handledBy ?? '—'}, {when(r.handledAt)}</p>}
    </li>
  );
}

export function ReportsPage({ chrome, open, handled, errors }: { chrome: Chrome; open: Report[]; handled: Report[]; errors: Record<string, string> }) {
  return (
    <Layout title="Abuse reports" {...chrome}>
      <h1>Abuse reports</h1>
      <AdminNav />
      <ErrorSummary errors={errors} />
      <h2>Open ({open.length})</h2>
      {open.length === 0 ? <p>No open reports.</p> : <ol class="reports">{open.map((r) => <ReportRow r={r} csrf={chrome.csrf} />)}</ol>}
      <h2>Recently handled</h2>
      {handled.length === 0 ? <p>None yet.</p> : <ol class="reports">{handled.map((r) => <ReportRow r={r} csrf={chrome.csrf} />)}</ol>}
    </Layout>
  );
}

export function AdminWorkPage({ chrome, work, errors }: { chrome: Chrome; work: WorkMeta; errors: Record<string, string> }) {
  return (
    <Layout title={`Moderate ${work.title}`} {...chrome}>
      <h1>Moderate “{work.title}”</h1>
      <AdminNav />
      <ErrorSummary errors={errors} />
      <dl>
        <dt>Status</dt><dd>{work.status}{work.restricted ? ', restricted' : ''}{work.hidden ? ', hidden by an admin' : ''}{work.anonymous ? ', anonymous' : ''}</dd>
        <dt>Creators</dt><dd>{work.creators.map((c) => `${c.pseud} (${c.login})`).join(', ') || 'none'}</dd>
        <dt>Page</dt><dd><a href={`/works/${work.id}`}>/works/{work.id}</a></dd>
      </dl>
      <Form action={`/admin/works/${work.id}/${work.hidden ? 'unhide' : 'hide'}`} csrf={chrome.csrf} class="narrow">
        <Reason id="hide-reason" label={work.hidden ? 'Reason (kept in the log)' : 'Reason (sent to the creators and kept in the log)'} />
        <button type="submit">{work.hidden ? 'Unhide Work' : 'Hide Work'}</button>
      </Form>
    </Layout>
  );
}

export type AdminUser = { login: string; email: string; createdAt: string; suspendedUntil: string | null; bannedAt: string | null };

export function AdminUserPage({ chrome, user, state }: { chrome: Chrome; user: AdminUser; state: FormState }) {
  const base = `/admin/users/${encodeURIComponent(user.login)}`;
  const suspended = user.suspendedUntil !== null && user.suspendedUntil > new Date().toISOString();
  return (
    <Layout title={`User ${user.login}`} {...chrome}>
      <h1>{user.login}</h1>
      <AdminNav />
      <ErrorSummary errors={state.errors} />
      <dl>
        <dt>Email</dt><dd>{user.email}</dd>
        <dt>Joined</dt><dd>{when(user.createdAt)}</dd>
        <dt>Standing</dt><dd>{user.bannedAt ? `Banned since ${when(user.bannedAt)}` : suspended ? `Suspended until ${user.suspendedUntil!.slice(0, 10)}` : 'In good standing'}</dd>
      </dl>
      {suspended ? (
        <Form action={`${base}/unsuspend`} csrf={chrome.csrf} class="narrow"><Reason id="unsuspend-reason" /><button type="submit">Lift Suspension</button></Form>
      ) : (
        <Form action={`${base}/suspend`} csrf={chrome.csrf} class="narrow">
          <h2>Suspend</h2>
          <p class="hint">They can sign in and read, but not post, comment or leave kudos.</p>
          <TextField name="until" label="Until (YYYY-MM-DD)" type="date" state={state} required />
          <Reason id="suspend-reason" />
          <button type="submit">Suspend</button>
        </Form>
      )}
      {user.bannedAt ? (
        <Form action={`${base}/unban`} csrf={chrome.csrf} class="narrow"><Reason id="unban-reason" /><button type="submit">Lift Ban</button></Form>
      ) : (
        <Form action={`${base}/ban`} csrf={chrome.csrf} class="narrow danger">
          <h2>Ban</h2>
          <p class="hint">They are signed out everywhere and cannot sign in.</p>
          <Reason id="ban-reason" />
          <button type="submit">Ban</button>
        </Form>
      )}
    </Layout>
  );
}

/** A logged work or user links to its admin page (hidden works are found nowhere else). */
function LogTarget({ target }: { target: string }) {
  const work = /^work (\d+)$/.exec(target);
  if (work) return <a href={`/admin/works/${work[1]}`}>{target}</a>;
  const user = /^user (\w+)/.exec(target);
  if (user) return <a href={`/admin/users/${user[1]}`}>{target}</a>;
  return <>{target}</>;
}

export function LogPage({ chrome, entries, page }: { chrome: Chrome; entries: LogEntry[]; page: number }) {
  return (
    <Layout title="Admin log" {...chrome}>
      <h1>Admin log</h1>
      <AdminNav />
      {entries.length === 0 ? <p>Nothing logged yet.</p> : (
        <table class="log">
          <thead><tr><th scope="col">When (UTC)</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Target</th><th scope="col">Reason</th></tr></thead>
          <tbody>{entries.map((e) => <tr><td>{when(e.createdAt)}</td><td>{e.admin}</td><td>{e.action}</td><td><LogTarget target={e.target} /></td><td>{e.reason || '—'}</td></tr>)}</tbody>
        </table>
      )}
      {entries.length === 100 ? <p><a href={`/admin/log?page=${page + 1}`}>Older entries</a></p> : null}
    </Layout>
  );
}

export function NewsAdminPage({ chrome, news, state }: { chrome: Chrome; news: NewsItem[]; state: FormState }) {
  return (
    <Layout title="News" {...chrome}>
      <h1>News</h1>
      <AdminNav />
      <ErrorSummary errors={state.errors} />
      <Form action="/admin/news" csrf={chrome.csrf} class="narrow">
        <TextField name="title" label="Title" state={state} required maxlength={200} />
        <TextArea name="body" label="News" state={state} required rows={6} hint="Plain text; a blank line starts a new paragraph. Shown on the front page." />
        <button type="submit">Post News</button>
      </Form>
      <h2>On the front page</h2>
      {news.length === 0 ? <p>No news is up.</p> : (
        <ul>{news.map((n) => (
          <li>{n.title} ({n.createdAt.slice(0, 10)})
            <form method="post" action={`/admin/news/${n.id}/retire`} class="inline"><Csrf token={chrome.csrf} /><button type="submit">Take Down</button></form>
          </li>
        ))}</ul>
      )}
    </Layout>
  );
}

export function SiteSettingsPage({ chrome, aiBlocked }: { chrome: Chrome; aiBlocked: boolean }) {
  return (
    <Layout title="Site settings" {...chrome}>
      <h1>Site settings</h1>
      <AdminNav />
      <h2>AI training crawlers</h2>
      <p>Restricted works are always closed to AI crawlers. Now, public works are <strong>{aiBlocked ? 'closed to them too' : 'open to them'}</strong>.</p>
      <Form action="/admin/settings" csrf={chrome.csrf}>
        <input type="hidden" name="ai_blocked" value={aiBlocked ? '0' : '1'} />
        <button type="submit">{aiBlocked ? 'Open Public Works to AI Crawlers' : 'Close Every Work to AI Crawlers'}</button>
      </Form>
    </Layout>
  );
}
