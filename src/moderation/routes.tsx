import { Hono } from 'hono';
import { clientAddress } from '../web/clientAddress.js';
import { field, type AppEnv, type Ctx } from '../web/env.js';
import { errorPage, notFound } from '../web/errorPage.js';
import { setFlash } from '../web/flash.js';
import { RateLimiter } from '../web/rateLimit.js';
import { chrome, send } from '../web/render.js';
import { requireUser } from '../web/session.js';
import type { Denied } from '../works/posting.js';
import { idParam } from '../works/readRoutes.js';
import { robotsTxt } from './aiCrawlers.js';
import { dismissNews } from './newsCookie.js';
import { AiChoicePage, CoCreatorsPage, InvitationsPage, OrphanPage, ReportPage, ReportSentPage } from './views.js';

const withCsrf = (c: Ctx) => ({ ...chrome(c), csrf: c.get('csrf')() });
const denied = (c: Ctx, d: Denied) =>
  d.denied === 'forbidden' ? errorPage(c, 403, 'Not now', 'Your account cannot change works at the moment.') : notFound(c);

/** Abuse reports, robots.txt, and creators' control over who is named on their works. */
export function moderationRoutes() {
  const app = new Hono<AppEnv>();
  const reportsByAddress = new RateLimiter(10, 60 * 60_000, 'reports');

  app.get('/robots.txt', async (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    const { moderation, aiChoice } = c.get('services');
    const allBlocked = await moderation.aiCrawlersBlocked();
    return c.text(robotsTxt(allBlocked, allBlocked ? [] : await aiChoice.askedWorkIds()));
  });

  // The footer's link carries the page's address (added by quire.js); without JavaScript the
  // browser's Referer says where the reader came from.
  app.get('/reports/new', (c) => {
    const url = c.req.query('url') ?? c.req.header('referer') ?? '';
    return send(c, <ReportPage chrome={withCsrf(c)} state={{ values: { url: url.slice(0, 2000) }, errors: {} }} signedIn={c.get('viewer').kind === 'user'} />);
  });

  app.post('/reports', async (c) => {
    const viewer = c.get('viewer');
    const form = c.get('form');
    const again = (errors: Record<string, string>, status: 422 | 429) =>
      send(c, <ReportPage chrome={withCsrf(c)} state={{ values: form, errors }} signedIn={viewer.kind === 'user'} />, status);
    const wait = await reportsByAddress.hit(viewer.kind === 'user' ? `user:${viewer.id}` : clientAddress(c));
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return again({ form: `You have sent many reports in the last hour. Try again in ${Math.ceil(wait / 60)} minutes.` }, 429);
    }
    const accountEmail = viewer.kind === 'user' ? await c.get('services').accounts.emailOf(viewer.id) : null;
    const result = await c.get('services').moderation.report(viewer, { url: field(form, 'url'), reason: field(form, 'reason'), email: field(form, 'email') }, accountEmail);
    if (!result.ok) return again(result.errors, result.errors.form?.includes('this month') ? 429 : 422);
    return send(c, <ReportSentPage chrome={chrome(c)} />);
  });

  app.get('/settings/ai', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const { aiChoice, moderation } = c.get('services');
    return send(c, <AiChoicePage chrome={withCsrf(c)} asks={await aiChoice.choiceOf(user)} siteWide={await moderation.aiCrawlersBlocked()} />);
  });

  app.post('/settings/ai', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const value = field(c.get('form'), 'asks_noai');
    if (value !== '0' && value !== '1') return errorPage(c, 422, 'Choose one', 'Choose whether AI crawlers are asked to keep off your works, then save.');
    await c.get('services').aiChoice.setChoice(user, value === '1');
    setFlash(c, value === '1' ? 'AI crawlers are now asked not to take any of your works.' : 'Your works now follow the archive’s setting for AI crawlers.');
    return c.redirect('/settings/ai', 303);
  });

  app.post('/news/:id{[0-9]+}/dismiss', (c) => {
    dismissNews(c, idParam(c.req.param('id'))!);
    return c.redirect('/', 303);
  });

  app.get('/works/:id{[0-9]+}/orphan', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const found = await c.get('services').creators.forCreator(user, idParam(c.req.param('id'))!);
    if (!found.ok) return denied(c, found);
    return send(c, <OrphanPage chrome={withCsrf(c)} work={found.work} errors={{}} />);
  });
  app.post('/works/:id{[0-9]+}/orphan', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const result = await c.get('services').creators.orphan(user, idParam(c.req.param('id'))!);
    if (!result.ok) return 'denied' in result ? denied(c, result) : errorPage(c, 422, 'Not orphaned', Object.values(result.errors).join(' '));
    setFlash(c, 'The work is orphaned: your name is no longer on it.');
    return c.redirect(`/users/${user.login}`, 303);
  });

  app.get('/works/:id{[0-9]+}/creators', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const found = await c.get('services').creators.forCreator(user, idParam(c.req.param('id'))!);
    if (!found.ok) return denied(c, found);
    return send(c, <CoCreatorsPage chrome={withCsrf(c)} work={found.work} invitations={found.invitations} state={{ values: {}, errors: {} }} />);
  });
  app.post('/works/:id{[0-9]+}/creators', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const workId = idParam(c.req.param('id'))!;
    const { creators } = c.get('services');
    const name = field(c.get('form'), 'creator') ?? '';
    const result = await creators.invite(user, workId, name);
    if (!result.ok && 'denied' in result) return denied(c, result);
    if (!result.ok) {
      const found = await creators.forCreator(user, workId);
      if (!found.ok) return denied(c, found);
      return send(c, <CoCreatorsPage chrome={withCsrf(c)} work={found.work} invitations={found.invitations} state={{ values: { creator: name }, errors: result.errors }} />, 422);
    }
    setFlash(c, `${result.value} is invited. They are shown as a co-creator once they accept.`);
    return c.redirect(`/works/${workId}/creators`, 303);
  });

  app.get('/invitations', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    return send(c, <InvitationsPage chrome={withCsrf(c)} invitations={await c.get('services').creators.invitationsFor(user)} />);
  });
  app.post('/invitations/:workId{[0-9]+}/:pseudId{[0-9]+}', async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const accept = field(c.get('form'), 'accept') === '1';
    const result = await c.get('services').creators.respond(user, idParam(c.req.param('workId'))!, idParam(c.req.param('pseudId'))!, accept);
    if (!result.ok) return errorPage(c, 404, 'No such invitation', Object.values(result.errors).join(' '));
    setFlash(c, accept ? 'You are now a co-creator of the work.' : 'Invitation declined.');
    return c.redirect(accept ? `/works/${c.req.param('workId')}` : '/invitations', 303);
  });

  return app;
}
