import type { Child } from 'hono/jsx';
import type { WorkMeta } from '../works/store.js';
import { Blurb } from '../works/views/blurb.js';
import { ErrorSummary, Form, TextField, type FormState } from '../web/fields.js';
import { Layout, type PageChrome } from '../web/layout.js';
import { SettingsNav } from './securityViews.js';
import type { Pseud } from './store.js';

type FormPage = { chrome: PageChrome & { csrf: string }; state: FormState };

export function SignUpPage({ chrome, state }: FormPage) {
  return (
    <Layout title="Sign up" {...chrome}>
      <h1>Create an account</h1>
      <ErrorSummary errors={state.errors} />
      <Form action="/signup" csrf={chrome.csrf} class="narrow">
        <TextField name="login" label="Login" state={state} required autocomplete="username" hint="3 to 40 letters, digits or underscores. It will be your first pseud." />
        <TextField name="email" label="Email" type="email" state={state} required autocomplete="email" />
        <TextField name="password" label="Password" type="password" state={state} required autocomplete="new-password" hint="At least 8 characters." />
        <button type="submit">Create Account</button>
      </Form>
      <p>Already have an account? <a href="/login">Sign in</a>.</p>
    </Layout>
  );
}

export function LoginPage({ chrome, state, returnTo }: FormPage & { returnTo: string }) {
  return (
    <Layout title="Sign in" {...chrome}>
      <h1>Sign in</h1>
      <ErrorSummary errors={state.errors} />
      <Form action="/login" csrf={chrome.csrf} class="narrow">
        <input type="hidden" name="return_to" value={returnTo} />
        <TextField name="login" label="Login" state={state} required autocomplete="username" />
        <TextField name="password" label="Password" type="password" state={state} required autocomplete="current-password" />
        <button type="submit">Sign In</button>
      </Form>
      <p><a href="/password/forgot">Forgot your password?</a> New here? <a href="/signup">Create an account</a>.</p>
    </Layout>
  );
}

export function PasswordPage({ chrome, state, forced }: FormPage & { forced: boolean }) {
  return (
    <Layout title="Change password" {...chrome}>
      <h1>Change your password</h1>
      {forced ? null : <SettingsNav />}
      {forced ? <p class="notice">This account has a one-time password. Choose your own to go on.</p> : null}
      <ErrorSummary errors={state.errors} />
      <Form action="/settings/password" csrf={chrome.csrf} class="narrow">
        <TextField name="current" label="Current password" type="password" state={state} required autocomplete="current-password" />
        <TextField name="password" label="New password" type="password" state={state} required autocomplete="new-password" hint="At least 8 characters." />
        <button type="submit">Change Password</button>
      </Form>
    </Layout>
  );
}

export function ProfilePage(props: { chrome: PageChrome; login: string; pseuds: Pseud[]; recent: WorkMeta[]; isOwner: boolean; addPseud?: FormState & { csrf: string }; extra?: Child }) {
  const { login, pseuds, recent } = props;
  return (
    <Layout title={login} {...props.chrome}>
      <h1>{login}</h1>
      <nav class="user-nav" aria-label={`${login}’s pages`}>
        <a href={`/users/${login}/works`}>Works</a>
        {props.isOwner ? <a href={`/users/${login}/works/drafts`}>Drafts</a> : null}
        {props.isOwner ? <a href="/settings/password">Account settings</a> : null}
        {props.isOwner ? <a href="/invitations">Co-creator invitations</a> : null}
        {props.isOwner ? <a href="/settings/filters">Excluded tags</a> : null}
        {props.isOwner ? <><a href={`/users/${login}/readings`}>History</a><a href={`/users/${login}/readings?show=to-read`}>Marked for Later</a><a href={`/users/${login}/stats`}>Stats</a></> : null}
        {props.isOwner ? <a href="/settings/tokens">API tokens</a> : null}
        {props.isOwner ? <a href="/works/import">Import a work</a> : null}
      </nav>
      {props.extra}
      <h2>Pseuds</h2>
      <ul class="pseuds">
        {pseuds.map((p) => <li><a href={`/users/${login}/pseuds/${encodeURIComponent(p.name)}/works`}>{p.name}</a>{p.isDefault ? ' (default)' : ''}</li>)}
      </ul>
      {props.addPseud ? (
        <Form action={`/users/${login}/pseuds`} csrf={props.addPseud.csrf} class="narrow">
          <TextField name="name" label="New pseud" state={props.addPseud} required maxlength={40} />
          <button type="submit">Add Pseud</button>
        </Form>
      ) : null}
      <h2>Recent works</h2>
      {recent.length === 0 ? <p>No works yet.</p> : <ol class="works">{recent.map((w) => <Blurb work={w} />)}</ol>}
    </Layout>
  );
}
