import { Hono } from 'hono';
import { Blurb } from '../works/views/blurb.js';
import { chrome, send } from '../web/render.js';
import type { AppEnv } from '../web/env.js';
import { Layout } from '../web/layout.js';
import { NewsBanner } from '../moderation/views.js';
import { dismissedNews } from '../moderation/newsCookie.js';

export function homeRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const [latest, news] = await Promise.all([
      c.get('services').reading.list(c.get('viewer'), { scope: { kind: 'all' }, page: 1 }),
      c.get('services').moderation.news(),
    ]);
    const dismissed = dismissedNews(c);
    const unseen = news.filter((n) => !dismissed.has(n.id));
    return send(c, (
      <Layout title="Quire" {...chrome(c)}>
        <NewsBanner news={unseen} csrf={unseen.length > 0 ? c.get('csrf')() : ''} />
        <section class="welcome">
          <h1>Quire</h1>
          <p>An archive of fan works: post your stories, find new ones, keep them safe.</p>
        </section>
        <h2>Recently updated</h2>
        {latest.works.length === 0 ? <p>No works yet. <a href="/works/new">Post the first one.</a></p> : (
          <ol class="works">{latest.works.slice(0, 10).map((w) => <Blurb work={w} />)}</ol>
        )}
        <p><a href="/works">All works →</a></p>
      </Layout>
    ));
  });
  return app;
}
