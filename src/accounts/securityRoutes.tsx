import { Hono } from 'hono';
import { clientAddress } from '../web/clientAddress.js';
import { field, type AppEnv, type Ctx } from '../web/env.js';
import { errorPage } from '../web/errorPage.js';
import type { FormState } from '../web/fields.js';
import { setFlash } from '../web/flash.js';
import { RateLimiter } from '../web/rateLimit.js';
import { chrome, send } from '../web/render.js';
import { endSessionCookie, requireUser } from '../web/session.js';
import {
  ConfirmEmailPage, EmailPage, ForgotPasswordPage, ResetPasswordPage, SessionsPage, TwoFactorPage,
} from './securityViews.js';

const blank: FormState = { values: {}, errors: {} };
const withCsrf = (c: Ctx) => ({ ...chrome(c), csrf: c.get('csrf')() });
const linkExpired = (c: Ctx) =>
  errorPage(c, 404, 'This link has expired', 'The link is used up or too old. Ask for a new one and use it within its time.');

/** Sessions, password reset, email change and two-factor sign-in. */
export function securityRoutes() {
  const app = new Hono<AppEnv>();
  // Reset mail costs a message each: a few per address and per hour.
  const resetsByAddress = new RateLimiter(5, 60 * 60_000, 'password-resets');

  app.get('/settings/sessions', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const sessions = await c.get('services').accounts.sessions(user.id, c.get('sessionToken') ?? '');
    return send(c, <SessionsPage chrome={withCsrf(c)} sessions={sessions} />);
  });
  app.post('/settings/sessions/end-others', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    await c.get('services').accounts.endOtherSessions(user.id, c.get('sessionToken') ?? '');
    setFlash(c, 'You are signed out everywhere else.');
    return c.redirect('/settings/sessions', 303);
  });

  app.get('/password/forgot', (c) => send(c, <ForgotPasswordPage chrome={withCsrf(c)} state={blank} sent={false} />));
  app.post('/password/forgot', async (c) => {
    const email = (field(c.get('form'), 'email') ?? '').trim();
    const wait = await resetsByAddress.hit(clientAddress(c));
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return errorPage(c, 429, 'Too many requests', `Too many reset links were asked for from here. Try again in ${Math.ceil(wait / 60)} minutes.`);
    }
    if (email === '') return send(c, <ForgotPasswordPage chrome={withCsrf(c)} state={{ values: {}, errors: { email: 'Enter your account’s email address.' } }} sent={false} />, 422);
    await c.get('services').recovery.requestPasswordReset(email);
    // The same page whether or not an account has this address.
    return send(c, <ForgotPasswordPage chrome={withCsrf(c)} state={blank} sent />);
  });

  app.get('/password/reset/:token', async (c) => {
    const token = c.req.param('token');
    if (!(await c.get('services').recovery.resetLinkValid(token))) return linkExpired(c);
    c.header('Referrer-Policy', 'no-referrer');
    return send(c, <ResetPasswordPage chrome={withCsrf(c)} state={blank} token={token} />);
  });
  app.post('/password/reset/:token', async (c) => {
    const token = c.req.param('token');
    const result = await c.get('services').recovery.resetPassword(token, field(c.get('form'), 'password') ?? '');
    if (!result.ok) {
      if ('expired' in result) return linkExpired(c);
      return send(c, <ResetPasswordPage chrome={withCsrf(c)} state={{ values: {}, errors: result.errors }} token={token} />, 422);
    }
    endSessionCookie(c);
    setFlash(c, 'Your password has been changed. Sign in with the new one.');
    return c.redirect('/login', 303);
  });

  app.get('/settings/email', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const current = (await c.get('services').accounts.emailOf(user.id)) ?? '';
    return send(c, <EmailPage chrome={withCsrf(c)} state={blank} current={current} sent={c.req.query('sent') === '1'} />);
  });
  app.post('/settings/email', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const form = c.get('form');
    const result = await c.get('services').recovery.requestEmailChange(user.id, field(form, 'password') ?? '', field(form, 'email') ?? '');
    if (!result.ok) {
      const current = (await c.get('services').accounts.emailOf(user.id)) ?? '';
      return send(c, <EmailPage chrome={withCsrf(c)} state={{ values: { email: field(form, 'email') ?? '' }, errors: result.errors }} current={current} sent={false} />, 422);
    }
    return c.redirect('/settings/email?sent=1', 303);
  });
  // The link opens a page with a button: mail scanners that follow links change nothing.
  app.get('/settings/email/confirm/:token', async (c) => {
    const token = c.req.param('token');
    const pending = await c.get('services').recovery.pendingEmailChange(token);
    if (!pending) return linkExpired(c);
    c.header('Referrer-Policy', 'no-referrer');
    return send(c, <ConfirmEmailPage chrome={withCsrf(c)} token={token} newEmail={pending.newEmail} />);
  });
  app.post('/settings/email/confirm/:token', async (c) => {
    const done = await c.get('services').recovery.confirmEmailChange(c.req.param('token'));
    if (!done) return linkExpired(c);
    setFlash(c, `The email address of ${done.login} is now ${done.newEmail}.`);
    return c.redirect('/', 303);
  });

  app.get('/settings/two-factor', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    return send(c, <TwoFactorPage chrome={withCsrf(c)} state={blank} twoFactor={await c.get('services').twoFactor.state(user.id)} />);
  });
  app.post('/settings/two-factor/start', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    await c.get('services').twoFactor.start(user.id);
    return c.redirect('/settings/two-factor', 303);
  });
  app.post('/settings/two-factor/confirm', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const { twoFactor } = c.get('services');
    const result = await twoFactor.confirm(user.id, field(c.get('form'), 'code') ?? '');
    const state = await twoFactor.state(user.id);
    if (!result.ok) return send(c, <TwoFactorPage chrome={withCsrf(c)} state={{ values: {}, errors: result.errors }} twoFactor={state} />, 422);
    c.header('Cache-Control', 'no-store');
    return send(c, <TwoFactorPage chrome={{ ...withCsrf(c), flash: 'Two-factor sign-in is on.' }} state={blank} twoFactor={state} recoveryCodes={result.value} />);
  });
  app.post('/settings/two-factor/disable', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const { twoFactor } = c.get('services');
    const result = await twoFactor.disable(user.id, field(c.get('form'), 'password') ?? '');
    if (!result.ok) return send(c, <TwoFactorPage chrome={withCsrf(c)} state={{ values: {}, errors: result.errors }} twoFactor={await twoFactor.state(user.id)} />, 422);
    setFlash(c, 'Two-factor sign-in is off.');
    return c.redirect('/settings/two-factor', 303);
  });

  return app;
}
