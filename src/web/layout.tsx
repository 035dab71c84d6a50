import type { Child } from 'hono/jsx';
import type { Viewer } from '../policy/viewer.js';

export type PageChrome = {
  viewer: Viewer;
  /** Present when the page shows the sign-out form (signed-in viewers only). */
  csrf?: string | undefined;
  flash?: string | undefined;
  inboxUnread?: number | undefined;
};

type LayoutProps = PageChrome & { title: string; children: Child; head?: Child };

export function Layout({ title, viewer, csrf, flash, inboxUnread, children, head }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title === 'Quire' ? title : `${title} | Quire`}</title>
        <link rel="stylesheet" href="/static/quire.css" />
        <link rel="stylesheet" href="/reader.css" />
        <script src="/static/quire.js" defer></script>
        {head}
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="site">
          <a class="brand" href="/">Quire</a>
          <nav aria-label="Site">
            <a href="/works">Works</a>
            {viewer.kind === 'user' ? <a href="/works/new">Post</a> : null}
            {viewer.kind === 'user' && (viewer.isWrangler || viewer.isAdmin) ? <a href="/tags/wrangle">Wrangle</a> : null}
            {viewer.kind === 'user' && viewer.isAdmin ? <a href="/admin/users">Admin</a> : null}
          </nav>
          <form class="search" action="/works/search" method="get" role="search">
            <label class="visually-hidden" for="site-q">Search works</label>
            <input id="site-q" name="q" type="search" placeholder="Search works" maxlength={1000} />
          </form>
          <nav aria-label="Account" class="account">
            {viewer.kind === 'user' ? (
              <>
                <a href={`/users/${viewer.login}`}>{viewer.login}</a>
                <a href="/inbox">Inbox{inboxUnread ? ` (${inboxUnread})` : ''}</a>
                <form action="/logout" method="post" class="inline">
                  <input type="hidden" name="_csrf" value={csrf ?? ''} />
                  <button type="submit" class="link">Sign out</button>
                </form>
              </>
            ) : (
              <>
                <a href="/login">Sign in</a>
                <a href="/signup">Sign up</a>
              </>
            )}
          </nav>
        </header>
        {flash ? <p class="flash" role="status">{flash}</p> : null}
        <main id="main">{children}</main>
        <footer class="site">
          <p>Quire: an archive of fan works, run by fans. <a href="/settings/reading">Reading settings</a> <a class="report-link" href="/reports/new">Report abuse</a></p>
        </footer>
      </body>
    </html>
  );
}
