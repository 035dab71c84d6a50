import { FeedLink } from '../../feeds/views/feedLink.js';
import { seriesFeedPath } from '../../feeds/paths.js';
import type { Child } from 'hono/jsx';
import { Csrf, Form } from '../../web/fields.js';
import { Layout, type PageChrome } from '../../web/layout.js';
import { Blurb } from '../../works/views/blurb.js';
import { day, number, UserHtml } from '../../works/views/meta.js';
import type { SeriesPage as Data } from '../service.js';

function Manage({ data, csrf }: { data: Data; csrf: string }) {
  const { series, manage } = data;
  if (!manage) return null;
  const base = `/series/${series.id}`;
  return (
    <section class="series-manage" aria-labelledby="manage-heading">
      <h2 id="manage-heading">Manage this series</h2>
      <p class="actions"><a href={`${base}/edit`}>Edit series</a></p>
      {manage.parts.length === 0 ? <p>No works yet: add one of yours below.</p> : (
        <ol class="parts">
          {manage.parts.map((p, i) => (
            <li>
              {p.title}{p.status === 'draft' ? <span class="badge">Draft</span> : null}
              {' '}
              {i > 0 ? <form method="post" action={`${base}/parts/${p.workId}/move`} class="inline"><Csrf token={csrf} /><input type="hidden" name="direction" value="up" /><button type="submit" aria-label={`Move “${p.title}” up`}>↑</button></form> : null}
              {i < manage.parts.length - 1 ? <form method="post" action={`${base}/parts/${p.workId}/move`} class="inline"><Csrf token={csrf} /><input type="hidden" name="direction" value="down" /><button type="submit" aria-label={`Move “${p.title}” down`}>↓</button></form> : null}
              <form method="post" action={`${base}/parts/${p.workId}/delete`} class="inline"><Csrf token={csrf} /><button type="submit" aria-label={`Remove “${p.title}” from the series`}>Remove</button></form>
            </li>
          ))}
        </ol>
      )}
      {manage.candidates.length > 0 ? (
        <Form action={`${base}/parts`} csrf={csrf} class="narrow">
          <div class="field">
            <label for="work_id">Add one of your works</label>
            <select id="work_id" name="work_id">
              {manage.candidates.map((w) => <option value={String(w.id)}>{w.title}{w.status === 'draft' ? ' (draft)' : ''}</option>)}
            </select>
          </div>
          <button type="submit">Add to Series</button>
        </Form>
      ) : null}
      <Form action={`${base}/delete`} csrf={csrf} class="danger">
        <button type="submit" class="danger">Delete Series</button> <span class="hint">The works stay; only the series goes.</span>
      </Form>
    </section>
  );
}

export function SeriesPageView({ data, chrome, actions, bookmarks }: { data: Data; chrome: PageChrome; actions?: Child; bookmarks: number }) {
  const { series, parts } = data;
  const creators = [...new Map(parts.flatMap((w) => w.creators).map((c) => [c.login, c])).values()];
  const words = parts.reduce((n, w) => n + w.wordCount, 0);
  return (
    <Layout title={series.title} {...chrome} head={<FeedLink href={seriesFeedPath(series.id)} title={`Works in ${series.title}`} />}>
      <h1>{series.title}</h1>
      {actions}
      <dl class="series-meta">
        <dt>Creator:</dt><dd>{(creators.length ? creators.map((c) => c.login) : [series.ownerLogin]).join(', ')}</dd>
        <dt>Series Begun:</dt><dd>{day(series.createdAt)}</dd>
        <dt>Series Updated:</dt><dd>{day(series.updatedAt)}</dd>
        {series.summary ? <><dt>Description:</dt><dd><UserHtml html={series.summary} /></dd></> : null}
        {series.notes ? <><dt>Notes:</dt><dd><UserHtml html={series.notes} /></dd></> : null}
        <dt>Stats:</dt>
        <dd>
          <dl class="stats">
            <dt>Words:</dt><dd>{number(words)}</dd>
            <dt>Works:</dt><dd>{number(parts.length)}</dd>
            <dt>Complete:</dt><dd>{series.complete ? 'Yes' : 'No'}</dd>
            <dt>Bookmarks:</dt><dd>{bookmarks > 0 ? <a href={`/series/${series.id}/bookmarks`}>{number(bookmarks)}</a> : '0'}</dd>
          </dl>
        </dd>
      </dl>
      <ol class="works series-parts">
        {parts.map((w, i) => <Blurb work={w} extra={<p class="series-part">Part {i + 1} of the series</p>} />)}
      </ol>
      {data.isOwner && chrome.csrf ? <Manage data={data} csrf={chrome.csrf} /> : null}
    </Layout>
  );
}

export function UserSeriesPage({ chrome, login, list }: { chrome: PageChrome; login: string; list: { series: Data['series']; parts: number }[] }) {
  return (
    <Layout title={`Series by ${login}`} {...chrome}>
      <h1>Series by {login}</h1>
      {chrome.viewer.kind === 'user' && chrome.viewer.login === login
        ? <p class="actions"><a href="/series/new">New Series</a> · To add a work, open its series and choose the work there.</p>
        : null}
      {list.length === 0 ? <p>No series yet.</p> : (
        <ul class="series-list">
          {list.map(({ series, parts }) => (
            <li><a href={`/series/${series.id}`}>{series.title}</a> · {parts} {parts === 1 ? 'work' : 'works'}{series.complete ? ' · Complete' : ''}</li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
