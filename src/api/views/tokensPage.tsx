import { Layout, type PageChrome } from '../../web/layout.js';
import { Choices, Csrf, ErrorSummary, Form, TextField, type FormState } from '../../web/fields.js';
import type { TokenRow } from '../tokenStore.js';

const SCOPES = [['read', 'Read: list and read works as you (including works for signed-in readers and your drafts)'],
  ['write', 'Write: also post, edit and delete your works']] as const;

/** Personal access tokens: create (the token is shown once), see when each was last used, revoke. */
export function TokensPage(props: { chrome: PageChrome & { csrf: string }; tokens: TokenRow[]; state: FormState; created?: { name: string; token: string } | undefined }) {
  const { chrome, tokens, state, created } = props;
  return (
    <Layout title="API tokens" {...chrome}>
      <h1>API tokens</h1>
      <p>Tools you use can read and post works as you with a personal access token, sent as
        <code> Authorization: Bearer TOKEN</code>. See the <a href="/api/v1/docs">API documentation</a>.</p>
      {created ? (
        <div class="flash" role="status">
          <p>Your new token “{created.name}”. Copy it now: Quire keeps only a fingerprint of it and cannot show it again.</p>
          <p><code class="token">{created.token}</code></p>
        </div>
      ) : null}
      <h2>New token</h2>
      <Form action="/settings/tokens" csrf={chrome.csrf}>
        <ErrorSummary errors={state.errors} />
        <TextField name="name" label="Name" state={state} required maxlength={100} hint="What will use it, for example “my writing app”." />
        <Choices name="scope" legend="Scope" options={SCOPES} state={state} multiple={false} required />
        <button type="submit">Create token</button>
      </Form>
      <h2>Your tokens</h2>
      {tokens.length === 0 ? <p>You have no tokens.</p> : (
        <table class="tokens">
          <thead><tr><th scope="col">Name</th><th scope="col">Scope</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">State</th></tr></thead>
          <tbody>
            {tokens.map((t) => (
              <tr>
                <td>{t.name}</td>
                <td>{t.scope}</td>
                <td><time datetime={t.createdAt}>{t.createdAt.slice(0, 10)}</time></td>
                <td>{t.lastUsedAt ? <time datetime={t.lastUsedAt}>{t.lastUsedAt.slice(0, 16).replace('T', ' ')}</time> : 'never'}</td>
                <td>{t.revokedAt ? `revoked ${t.revokedAt.slice(0, 10)}` : (
                  <form method="post" action={`/settings/tokens/${t.id}/revoke`} class="inline">
                    <Csrf token={chrome.csrf} />
                    <button type="submit" aria-label={`Revoke ${t.name}`}>Revoke</button>
                  </form>
                )}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
