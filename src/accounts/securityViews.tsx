import { ErrorSummary, Form, TextField, type FormState } from '../web/fields.js';
import { Layout, type PageChrome } from '../web/layout.js';
import type { SessionInfo } from './service.js';
import type { TwoFactorState } from './twoFactor.js';

type Chrome = PageChrome & { csrf: string };
type FormPage = { chrome: Chrome; state: FormState };

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—');

/** The account settings, one link each, on every settings page. */
export function SettingsNav() {
  return (
    <nav class="user-nav" aria-label="Account settings">
      <a href="/settings/password">Password</a>
      <a href="/settings/email">Email</a>
      <a href="/settings/two-factor">Two-factor sign-in</a>
      <a href="/settings/sessions">Sessions</a>
      <a href="/settings/filters">Excluded tags</a>
      <a href="/settings/ai">AI crawlers</a>
    </nav>
  );
}

/** The code step of a two-factor sign-in. */
export function SignInCodePage({ chrome, state, returnTo }: FormPage & { returnTo: string }) {
  return (
    <Layout title="Enter your code" {...chrome}>
      <h1>Two-factor sign-in</h1>
      <ErrorSummary errors={state.errors} />
      <Form action="/login/code" csrf={chrome.csrf} class="narrow">
        <input type="hidden" name="return_to" value={returnTo} />
        <TextField name="code" label="Code" state={{ values: {}, errors: state.errors }} required autocomplete="one-time-code"
          hint="The six digits your authenticator app shows now, or one of your recovery codes." maxlength={20} />
        <button type="submit">Sign In</button>
      </Form>
      <p><a href="/login">Start again</a></p>
    </Layout>
  );
}

export function SessionsPage({ chrome, sessions }: { chrome: Chrome; sessions: SessionInfo[] }) {
  const others = sessions.filter((s) => !s.current).length;
  return (
    <Layout title="Sessions" {...chrome}>
      <h1>Where you are signed in</h1>
      <SettingsNav />
      <table class="sessions">
        <thead><tr><th scope="col">Session</th><th scope="col">Signed in</th><th scope="col">Last seen</th></tr></thead>
        <tbody>
          {sessions.map((s) => (
            <tr><td>{s.id}{s.current ? ' (this browser)' : ''}</td><td>{when(s.createdAt)}</td><td>{when(s.lastSeenAt)}</td></tr>
          ))}
        </tbody>
      </table>
      {others > 0 ? (
        <Form action="/settings/sessions/end-others" csrf={chrome.csrf}>
          <button type="submit">Sign out of all other sessions ({others})</button>
        </Form>
      ) : <p>This is your only session.</p>}
    </Layout>
  );
}

export function ForgotPasswordPage({ chrome, state, sent }: FormPage & { sent: boolean }) {
  return (
    <Layout title="Forgot password" {...chrome}>
      <h1>Forgot your password?</h1>
      {sent ? (
        <p class="notice" role="status">If an account uses that address, we have sent it a link to choose a new password. The link works once, for one hour. Check your spam folder too.</p>
      ) : null}
      <ErrorSummary errors={state.errors} />
      <Form action="/password/forgot" csrf={chrome.csrf} class="narrow">
        <TextField name="email" label="Your account’s email" type="email" state={state} required autocomplete="email" />
        <button type="submit">Send Reset Link</button>
      </Form>
    </Layout>
  );
}

export function ResetPasswordPage({ chrome, state, token }: FormPage & { token: string }) {
  return (
    <Layout title="Choose a new password" {...chrome}>
      <h1>Choose a new password</h1>
      <ErrorSummary errors={state.errors} />
      <Form action={`/password/reset/${token}`} csrf={chrome.csrf} class="narrow">
        <TextField name="password" label="New password" type="password" state={state} required autocomplete="new-password" hint="At least 8 characters." />
        <button type="submit">Set Password</button>
      </Form>
      <p class="hint">Every session of the account is signed out when the password changes.</p>
    </Layout>
  );
}

export function EmailPage({ chrome, state, current, sent }: FormPage & { current: string; sent: boolean }) {
  return (
    <Layout title="Email" {...chrome}>
      <h1>Your email address</h1>
      <SettingsNav />
      <p>Quire writes to <strong>{current}</strong>.</p>
      {sent ? <p class="notice" role="status">We have sent a link to {current}. The new address takes effect when you open it (within 24 hours).</p> : null}
      <ErrorSummary errors={state.errors} />
      <Form action="/settings/email" csrf={chrome.csrf} class="narrow">
        <TextField name="email" label="New email" type="email" state={state} required autocomplete="email"
          hint="To confirm, we send a link to your current address." />
        <TextField name="password" label="Your password" type="password" state={state} required autocomplete="current-password" />
        <button type="submit">Change Email</button>
      </Form>
    </Layout>
  );
}

export function ConfirmEmailPage({ chrome, token, newEmail }: { chrome: Chrome; token: string; newEmail: string }) {
  return (
    <Layout title="Confirm new email" {...chrome}>
      <h1>Confirm your new email address</h1>
      <p>The account’s email will become <strong>{newEmail}</strong>.</p>
      <Form action={`/settings/email/confirm/${token}`} csrf={chrome.csrf}>
        <button type="submit">Confirm</button>
      </Form>
    </Layout>
  );
}

export function TwoFactorPage({ chrome, state, twoFactor, recoveryCodes }: FormPage & { twoFactor: TwoFactorState; recoveryCodes?: string[] }) {
  return (
    <Layout title="Two-factor sign-in" {...chrome}>
      <h1>Two-factor sign-in</h1>
      <SettingsNav />
      <ErrorSummary errors={state.errors} />
      {recoveryCodes ? (
        <section class="notice">
          <h2>Your recovery codes</h2>
          <p>Keep these somewhere safe. Each one signs you in once if you lose your device. They are shown only now.</p>
          <ul class="recovery-codes">{recoveryCodes.map((code) => <li><code>{code}</code></li>)}</ul>
        </section>
      ) : null}
      {twoFactor.kind === 'off' ? (
        <>
          <p>Two-factor sign-in is <strong>off</strong>. With it on, signing in asks for a code from an authenticator app after your password.</p>
          <Form action="/settings/two-factor/start" csrf={chrome.csrf}><button type="submit">Set Up Two-Factor Sign-In</button></Form>
        </>
      ) : twoFactor.kind === 'enrolling' ? (
        <>
          <p>Add this key to your authenticator app (type it in, or open the address on the device that has the app):</p>
          <p>Key: <code id="totp-secret">{twoFactor.secret}</code></p>
          <p>Address: <code id="totp-uri">{twoFactor.uri}</code></p>
          <Form action="/settings/two-factor/confirm" csrf={chrome.csrf} class="narrow">
            <TextField name="code" label="Code from the app" state={state} required autocomplete="one-time-code" maxlength={10} />
            <button type="submit">Turn On</button>
          </Form>
        </>
      ) : (
        <>
          <p>Two-factor sign-in is <strong>on</strong>. Recovery codes left: {twoFactor.recoveryCodesLeft}.</p>
          <Form action="/settings/two-factor/disable" csrf={chrome.csrf} class="narrow">
            <TextField name="password" label="Your password" type="password" state={state} required autocomplete="current-password" />
            <button type="submit">Turn Off</button>
          </Form>
        </>
      )}
    </Layout>
  );
}
