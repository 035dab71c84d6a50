import { Hono } from 'hono';
import { chrome, send } from '../web/render.js';
import { clientAddress } from '../web/clientAddress.js';
import { field, type AppEnv, type Ctx } from '../web/env.js';
import { errorPage, notFound } from '../web/errorPage.js';
import type { FormState } from '../web/fields.js';
import { setFlash } from '../web/flash.js';
import { RateLimiter } from '../web/rateLimit.js';
import { codeStepChallenge, endCodeStep, endSessionCookie, requireUser, safeReturnPath, startCodeStep, startSessionCookie } from '../web/session.js';
import { SignInCodePage } from './securityViews.js';
import type { SignedIn } from './service.js';
import { LoginPage, PasswordPage, ProfilePage, SignUpPage } from './views.js';
import { userPageExtras } from '../subscriptions/userPageExtras.js';

const blank: FormState = { values: {}, errors: {} };
const withCsrf = (c: Ctx) => ({ ...chrome(c), csrf: c.get('csrf')() });

/** A new session replaces whatever session cookie the browser had (which stops working). */
async function signedIn(c: Ctx, session: SignedIn, returnTo: string) {
  const old = c.get('sessionToken');
  if (old) await c.get('services').accounts.signOut(old);
  startSessionCookie(c, session.token);
  return c.redirect(session.mustChangePassword ? '/settings/password' : returnTo, 303);
}

export function accountRoutes() {
  const app = new Hono<AppEnv>();
  const byAddress = new RateLimiter(20, 15 * 60_000, 'login-address');
  const byLogin = new RateLimiter(10, 15 * 60_000, 'login-name');
  // Each code step allows five wrong codes; this stops one address cycling through many.
  const codesByAddress = new RateLimiter(30, 15 * 60_000, 'login-codes');

  app.get('/signup', (c) => send(c, <SignUpPage chrome={withCsrf(c)} state={blank} />));
  app.post('/signup', async (c) => {
    const form = c.get('form');
    const result = await c.get('services').accounts.signUp({ login: field(form, 'login'), email: field(form, 'email'), password: field(form, 'password') });
    if (!result.ok) return send(c, <SignUpPage chrome={withCsrf(c)} state={{ values: form, errors: result.errors }} />, 422);
    const old = c.get('sessionToken');
    if (old) await c.get('services').accounts.signOut(old);
    startSessionCookie(c, result.value.token);
    setFlash(c, 'Welcome to Quire! Your account is ready.');
    return c.redirect(`/users/${encodeURIComponent(field(form, 'login')?.trim() ?? '')}`, 303);
  });

  app.get('/login', (c) => send(c, <LoginPage chrome={withCsrf(c)} state={blank} returnTo={safeReturnPath(c.req.query('return_to'))} />));
  app.post('/login', async (c) => {
    const form = c.get('form');
    const login = (field(form, 'login') ?? '').trim();
    const returnTo = safeReturnPath(field(form, 'return_to'));
    const wait = Math.max(await byAddress.hit(clientAddress(c)), await byLogin.hit(login.toLowerCase()));
    if (wait > 0) {
      const state = { values: { login }, errors: { form: `Too many sign-in attempts. Try again in ${Math.ceil(wait / 60)} minutes.` } };
      c.header('Retry-After', String(wait));
      return send(c, <LoginPage chrome={withCsrf(c)} state={state} returnTo={returnTo} />, 429);
    }
    const outcome = await c.get('services').accounts.signIn(login, field(form, 'password') ?? '');
    if (outcome.kind === 'wrong') {
      const state = { values: { login }, errors: { form: 'The login or password is not right.' } };
      return send(c, <LoginPage chrome={withCsrf(c)} state={state} returnTo={returnTo} />, 401);
    }
    if (outcome.kind === 'banned') return errorPage(c, 403, 'This account is banned', 'An archive admin has banned this account, so it cannot sign in.');
    if (outcome.kind === 'needs-code') {
      startCodeStep(c, outcome.challenge);
      return send(c, <SignInCodePage chrome={withCsrf(c)} state={blank} returnTo={returnTo} />);
    }
    return signedIn(c, outcome.session, returnTo);
  });

  app.post('/login/code', async (c) => {
    const form = c.get('form');
    const returnTo = safeReturnPath(field(form, 'return_to'));
    const wait = await codesByAddress.hit(clientAddress(c));
    if (wait > 0) return errorPage(c, 429, 'Too many sign-in attempts', `Try again in ${Math.ceil(wait / 60)} minutes.`);
    const outcome = await c.get('services').accounts.completeSignIn(codeStepChallenge(c) ?? '', field(form, 'code') ?? '');
    if (outcome.kind === 'wrong') {
      const errors = { code: 'The code or the password is not right. Check the code, or start again and retype your password.' };
      return send(c, <SignInCodePage chrome={withCsrf(c)} state={{ values: {}, errors }} returnTo={returnTo} />, 401);
    }
    if (outcome.kind === 'expired') {
      const state = { values: {}, errors: { form: 'That sign-in has expired (or had too many wrong codes). Sign in again.' } };
      return send(c, <LoginPage chrome={withCsrf(c)} state={state} returnTo={returnTo} />, 401);
    }
    endCodeStep(c);
    return signedIn(c, outcome.session, returnTo);
  });

  app.post('/logout', async (c) => {
    const token = c.get('sessionToken');
    if (token) await c.get('services').accounts.signOut(token);
    endSessionCookie(c);
    setFlash(c, 'You are signed out.');
    return c.redirect('/', 303);
  });

  app.get('/settings/password', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const forced = await c.get('services').accounts.mustChangePassword(user.id);
    return send(c, <PasswordPage chrome={withCsrf(c)} state={blank} forced={forced} />);
  });
  app.post('/settings/password', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const form = c.get('form');
    const result = await c.get('services').accounts.changePassword(user.id, field(form, 'current') ?? '', field(form, 'password') ?? '');
    if (!result.ok) return send(c, <PasswordPage chrome={withCsrf(c)} state={{ values: {}, errors: result.errors }} forced={false} />, 422);
    startSessionCookie(c, result.value);
    setFlash(c, 'Your password has been changed. Other sessions were signed out.');
    return c.redirect(`/users/${user.login}`, 303);
  });

  app.get('/users/:login', async (c) => {
    const { accounts, reading } = c.get('services');
    const user = await accounts.findUser(c.req.param('login'));
    if (!user) return notFound(c);
    const viewer = c.get('viewer');
    const isOwner = viewer.kind === 'user' && viewer.id === user.id;
    const [pseuds, recent] = await Promise.all([accounts.pseudsOf(user.id), reading.list(viewer, { scope: { kind: 'user', userId: user.id }, page: 1 })]);
    return send(c, <ProfilePage chrome={chrome(c)} login={user.login} pseuds={pseuds} recent={recent.works.slice(0, 5)} isOwner={isOwner}
      addPseud={isOwner ? { ...blank, csrf: c.get('csrf')() } : undefined} extra={await userPageExtras(c, user)} />);
  });

  app.post('/users/:login/pseuds', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    if (user.login.toLowerCase() !== c.req.param('login').toLowerCase()) return notFound(c);
    const { accounts, reading } = c.get('services');
    const form = c.get('form');
    const result = await accounts.addPseud(user.id, field(form, 'name'));
    if (!result.ok) {
      const [pseuds, recent] = await Promise.all([accounts.pseudsOf(user.id), reading.list(user, { scope: { kind: 'user', userId: user.id }, page: 1 })]);
      return send(c, <ProfilePage chrome={chrome(c)} login={user.login} pseuds={pseuds} recent={recent.works.slice(0, 5)} isOwner
        addPseud={{ values: form, errors: result.errors, csrf: c.get('csrf')() }} />, 422);
    }
    setFlash(c, 'Pseud added.');
    return c.redirect(`/users/${user.login}`, 303);
  });

  return app;
}
