import { Csrf, ErrorSummary } from '../web/fields.js';
import { Layout, type PageChrome } from '../web/layout.js';
import { AdminNav } from './moderationViews.js';
import type { UserRoles } from './store.js';

const roles = (u: UserRoles) => [u.isAdmin ? 'Admin' : '', u.isWrangler ? 'Tag wrangler' : ''].filter(Boolean).join(', ') || '—';

function WranglerToggle({ user, q, csrf }: { user: UserRoles; q: string; csrf: string }) {
  return (
    <form method="post" action={`/admin/users/${encodeURIComponent(user.login)}/wrangler?q=${encodeURIComponent(q)}`} class="inline">
      <Csrf token={csrf} />
      <input type="hidden" name="wrangler" value={user.isWrangler ? '0' : '1'} />
      <button type="submit" aria-label={`${user.isWrangler ? 'Revoke' : 'Grant'} the wrangler role for ${user.login}`}>
        {user.isWrangler ? 'Revoke wrangler' : 'Make wrangler'}
      </button>
    </form>
  );
}

/** Find an account by login and grant or revoke the tag wrangler role. */
export function AdminUsersPage(props: { chrome: PageChrome & { csrf: string }; q: string; users: UserRoles[]; errors: Record<string, string> }) {
  const { q, users, chrome } = props;
  return (
    <Layout title="Users" {...chrome}>
      <h1>Users</h1>
      <AdminNav />
      <ErrorSummary errors={props.errors} />
      <form method="get" action="/admin/users" class="narrow">
        <div class="field">
          <label for="q">Login</label>
          <p class="hint" id="q-hint">The whole login or its beginning.</p>
          <input type="search" id="q" name="q" value={q} aria-describedby="q-hint" />
        </div>
        <button type="submit">Find</button>
      </form>
      {q === '' ? null : users.length === 0 ? <p>No user’s login starts with “{q}”.</p> : (
        <table class="users">
          <thead><tr><th scope="col">Login</th><th scope="col">Roles</th><th scope="col">Joined</th><th scope="col">Wrangling</th></tr></thead>
          <tbody>
            {users.map((u) => (
              <tr>
                <td><a href={`/users/${encodeURIComponent(u.login)}`}>{u.login}</a> (<a href={`/admin/users/${encodeURIComponent(u.login)}`}>moderate</a>)</td>
                <td>{roles(u)}</td>
                <td>{u.createdAt.slice(0, 10)}</td>
                <td><WranglerToggle user={u} q={q} csrf={chrome.csrf} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
