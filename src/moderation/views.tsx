import { ErrorSummary, Form, TextArea, TextField, type FormState } from '../web/fields.js';
import { Layout, type PageChrome } from '../web/layout.js';
import type { WorkMeta } from '../works/store.js';
import { Byline } from '../works/views/meta.js';
import type { Invitation } from './creatorStore.js';
import type { NewsItem } from './store.js';
import { SettingsNav } from '../accounts/securityViews.js';

type Chrome = PageChrome & { csrf: string };

export function ReportPage({ chrome, state, signedIn }: { chrome: Chrome; state: FormState; signedIn: boolean }) {
  return (
    <Layout title="Report abuse" {...chrome}>
      <h1>Report abuse</h1>
      <p>Tell the archive’s admins about a page that breaks the rules: harassment, spam, plagiarism, content posted without the right warnings. Reports are read by admins only.</p>
      <ErrorSummary errors={state.errors} />
      <Form action="/reports" csrf={chrome.csrf} class="narrow">
        <TextField name="url" label="Page address" state={state} required maxlength={2000} hint="The address of the page you are reporting." />
        <TextArea name="reason" label="What is wrong" state={state} required rows={6} hint="Up to 2,000 characters." />
        {signedIn ? null : <TextField name="email" label="Your email" type="email" state={state} required autocomplete="email" hint="So the admins can reply. It is not shown to anyone else." />}
        <button type="submit">Send Report</button>
      </Form>
    </Layout>
  );
}

export function ReportSentPage({ chrome }: { chrome: PageChrome }) {
  return (
    <Layout title="Report sent" {...chrome}>
      <h1>Thank you</h1>
      <p>Your report has reached the admins. They read every report; you will hear back by email if they need more from you.</p>
    </Layout>
  );
}

export function OrphanPage({ chrome, work, errors }: { chrome: Chrome; work: WorkMeta; errors: Record<string, string> }) {
  return (
    <Layout title={`Orphan ${work.title}`} {...chrome}>
      <h1>Orphan “{work.title}”?</h1>
      <ErrorSummary errors={errors} />
      <p>Orphaning keeps the work on the archive but takes your name off it: your pseuds on it are replaced by <strong>orphan_account</strong>.
        You will no longer be able to edit or delete it, and this cannot be undone. Co-creators stay on it.</p>
      <Form action={`/works/${work.id}/orphan`} csrf={chrome.csrf} class="danger">
        <button type="submit">Yes, Orphan This Work</button>
      </Form>
      <p><a href={`/works/${work.id}`}>No, go back to the work</a></p>
    </Layout>
  );
}

export function CoCreatorsPage({ chrome, work, invitations, state }: { chrome: Chrome; work: WorkMeta; invitations: Invitation[]; state: FormState }) {
  return (
    <Layout title={`Co-creators of ${work.title}`} {...chrome}>
      <h1>Co-creators of “{work.title}”</h1>
      <p>Creators now: <Byline creators={work.creators} /></p>
      <ErrorSummary errors={state.errors} />
      {invitations.length > 0 ? (
        <>
          <h2>Waiting for an answer</h2>
          <ul>{invitations.map((i) => <li>{i.pseud === i.login ? i.login : `${i.pseud} (${i.login})`}, invited {i.createdAt.slice(0, 10)}</li>)}</ul>
        </>
      ) : null}
      <h2>Invite a co-creator</h2>
      <p>They are shown as a creator, and may edit the work, only once they accept.</p>
      <Form action={`/works/${work.id}/creators`} csrf={chrome.csrf} class="narrow">
        <TextField name="creator" label="Login, or pseud (login)" state={state} required maxlength={90} />
        <button type="submit">Invite</button>
      </Form>
      <p><a href={`/works/${work.id}`}>Back to the work</a> · <a href={`/works/${work.id}/orphan`}>Orphan this work</a></p>
    </Layout>
  );
}

export function InvitationsPage({ chrome, invitations }: { chrome: Chrome; invitations: Invitation[] }) {
  return (
    <Layout title="Co-creator invitations" {...chrome}>
      <h1>Co-creator invitations</h1>
      {invitations.length === 0 ? <p>You have no invitations waiting.</p> : (
        <ul class="invitations">
          {invitations.map((i) => (
            <li>
              <strong>{i.title}</strong>: {i.invitedBy} invites your pseud {i.pseud} to be a co-creator.
              <Form action={`/invitations/${i.workId}/${i.pseudId}`} csrf={chrome.csrf} class="inline">
                <button type="submit" name="accept" value="1">Accept</button>
                <button type="submit" name="accept" value="0">Decline</button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** Admin news on the front page; each item can be dismissed for this browser. */
export function NewsBanner({ news, csrf }: { news: NewsItem[]; csrf: string }) {
  if (news.length === 0) return null;
  return (
    <section class="news notice" aria-label="News from the archive">
      {news.map((n) => (
        <article>
          <h2>{n.title}</h2>
          {n.body.split(/\n{2,}/).map((p) => <p>{p}</p>)}
          <p class="hint">{n.createdAt.slice(0, 10)}</p>
          <form method="post" action={`/news/${n.id}/dismiss`} class="inline">
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit" class="link" aria-label={`Dismiss the news “${n.title}”`}>Dismiss</button>
          </form>
        </article>
      ))}
    </section>
  );
}

/** A writer's choice about crawlers of AI training sets, for all of their works. */
export function AiChoicePage({ chrome, asks, siteWide }: { chrome: Chrome; asks: boolean; siteWide: boolean }) {
  return (
    <Layout title="AI crawlers" {...chrome}>
      <SettingsNav />
      <h1>Crawlers of AI training sets</h1>
      <p>Quire asks crawlers that gather text to train AI models (GPTBot, CCBot, Google-Extended and
        others) to keep off works with a <code>noai</code> robots signal on each page and download.
        It is a request: well-behaved crawlers honour it, and restricted works are never shown to
        crawlers at all.</p>
      <p>{siteWide ? 'This archive asks it for every work, whatever you choose here.' : 'This archive asks it for restricted works; for the rest, you choose.'}</p>
      <Form action="/settings/ai" csrf={chrome.csrf} class="narrow">
        <fieldset class="field">
          <legend>Your works</legend>
          <label class="choice"><input type="radio" name="asks_noai" value="0" checked={!asks} /> Follow the archive’s setting</label>
          <label class="choice"><input type="radio" name="asks_noai" value="1" checked={asks} /> Ask AI crawlers not to take any of my works</label>
        </fieldset>
        <button type="submit">Save</button>
      </Form>
    </Layout>
  );
}
