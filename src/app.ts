import { Hono } from 'hono';
import type { Logger } from 'pino';
import { accountRoutes } from './accounts/routes.js';
import { siteSecret } from './db/settings.js';
import { homeRoutes } from './home/routes.js';
import type { Services } from './services.js';
import { csrfProtection } from './web/csrf.js';
import type { AppEnv } from './web/env.js';
import { errorPage, notFound } from './web/errorPage.js';
import { bodyLimits } from './web/formBody.js';
import { readFlash } from './web/flash.js';
import { securityHeaders } from './web/securityHeaders.js';
import { loadViewer } from './web/session.js';
import { staticRoutes } from './web/static.js';
import { postRoutes } from './works/postRoutes.js';
import { readRoutes } from './works/readRoutes.js';
import { exclusionRoutes } from './search/exclusionRoutes.js';
import { searchRoutes } from './search/searchRoutes.js';
import { tagRoutes } from './tags/routes.js';
import { adminRoutes } from './admin/routes.js';
import { readerRoutes } from './reader/routes.js';
import { statsRoutes } from './stats/routes.js';
import { historyRoutes } from './history/routes.js';
import { seriesRoutes } from './series/routes.js';
import { bookmarkRoutes } from './bookmarks/routes.js';
import { subscriptionRoutes } from './subscriptions/routes.js';
import { downloadRoutes } from './downloads/routes.js';
import { feedRoutes } from './feeds/routes.js';
import { opdsRoutes } from './feeds/opdsRoutes.js';
import { responseRoutes } from './responses/routes.js';
import { inboxRoutes, inboxUnread } from './responses/inboxRoutes.js';
import { apiRoutes } from './api/routes.js';
import { tokenRoutes } from './api/tokenRoutes.js';
import { uploadRoutes } from './imports/uploadRoutes.js';
import { healthRoutes } from './ops/healthRoutes.js';
import { isDatabaseUnavailable } from './db/unavailable.js';
import { readYourWrites } from './web/readYourWrites.js';
import { shareRateLimits } from './web/rateLimit.js';
import { securityRoutes } from './accounts/securityRoutes.js';
import { moderationRoutes } from './moderation/routes.js';
import { aiSignals, suspensionGuard } from './moderation/middleware.js';

/** The composition root: services in, a Hono app out. */
export async function buildApp(services: Services, logger: Logger): Promise<Hono<AppEnv>> {
  const secret = await siteSecret(services.database.db);
  const app = new Hono<AppEnv>();

  app.use('*', securityHeaders);
  app.route('/', staticRoutes());
  app.use('*', async (c, next) => {
    c.set('services', services);
    await next();
  });
  app.route('/', healthRoutes());
  app.use('*', readYourWrites);
  app.use('*', shareRateLimits);
  // Only requests that carry a body: touching the body of a GET costs every page view.
  const limits = bodyLimits();
  for (const method of ['post', 'put', 'patch', 'delete'] as const) app.on(method.toUpperCase(), '*', limits);
  app.use('*', readFlash);
  app.use('*', loadViewer);
  app.use('*', csrfProtection(secret, services.config.baseUrl.startsWith('https:')));
  app.use('*', suspensionGuard);
  app.use('*', aiSignals);

  app.use('*', inboxUnread);
  app.route('/', homeRoutes());
  app.route('/', accountRoutes());
  app.route('/', uploadRoutes());
  app.route('/', securityRoutes());
  app.route('/', postRoutes());
  app.route('/', searchRoutes());
  app.route('/', readRoutes());
  app.route('/', exclusionRoutes());
  app.route('/', tagRoutes());
  app.route('/', adminRoutes());
  app.route('/', readerRoutes());
  app.route('/', statsRoutes());
  app.route('/', historyRoutes());
  app.route('/', seriesRoutes());
  app.route('/', bookmarkRoutes());
  app.route('/', subscriptionRoutes());
  app.route('/', downloadRoutes());
  app.route('/', feedRoutes());
  app.route('/', opdsRoutes());
  app.route('/', responseRoutes());
  app.route('/', inboxRoutes());
  app.route('/', apiRoutes({ secret, logger }));
  app.route('/', tokenRoutes());
  app.route('/', moderationRoutes());

  app.notFound((c) => notFound(c));
  app.onError((err, c) => {
    if (isDatabaseUnavailable(err)) {
      logger.warn({ err: String(err), path: c.req.path }, 'database unavailable');
      c.header('retry-after', '30');
      return errorPage(c, 503, 'Quire is resting', 'The archive cannot reach its database just now. Nothing you sent was half-saved; please try again in a minute.');
    }
    logger.error({ err, path: c.req.path }, 'request failed');
    return errorPage(c, 500, 'Something went wrong', 'Quire could not finish this request. Nothing you sent was half-saved; try again in a moment.');
  });
  return app;
}
