import { Layout, type PageChrome } from '../../web/layout.js';

type Chrome = { chrome: PageChrome & { csrf: string } };
export type Relation = 'block' | 'mute';

const WHAT: Record<Relation, { on: string; off: string; explain: string }> = {
  block: { on: 'Block', off: 'Unblock', explain: 'They will not be able to comment on your works or reply to your comments.' },
  mute: { on: 'Mute', off: 'Unmute', explain: 'You will no longer see their works or comments anywhere on Quire. They are not told.' },
};

/** Asks before blocking or muting (the link to here works without JavaScript). */
export function ConfirmRelationPage({ chrome, login, relation, active }: Chrome & { login: string; relation: Relation; active: boolean }) {
  const w = WHAT[relation];
  const verb = active ? w.off : w.on;
  return (
    <Layout title={`${verb} ${login}`} {...chrome}>
      <h1>{verb} {login}?</h1>
      <p>{active ? `You have ${relation === 'block' ? 'blocked' : 'muted'} ${login}.` : w.explain}</p>
      <form method="post" action={`/users/${login}/${active ? `un${relation}` : relation}`}>
        <input type="hidden" name="_csrf" value={chrome.csrf} />
        <button type="submit">{verb}</button>
      </form>
      <p><a href="/settings/blocked">Blocked and muted users</a></p>
    </Layout>
  );
}

type Row = { login: string; created_at: string };

export function RelationsPage({ chrome, blocked, muted }: Chrome & { blocked: Row[]; muted: Row[] }) {
  const list = (rows: Row[], relation: Relation) => rows.length === 0 ? <p class="empty">Nobody.</p> : (
    <ul class="relations">
      {rows.map((r) => (
        <li>
          <a href={`/users/${r.login}`}>{r.login}</a>{' '}
          <form method="post" action={`/users/${r.login}/un${relation}`} class="inline">
            <input type="hidden" name="_csrf" value={chrome.csrf} />
            <input type="hidden" name="return_to" value="/settings/blocked" />
            <button type="submit" class="link">{WHAT[relation].off}</button>
          </form>
        </li>
      ))}
    </ul>
  );
  return (
    <Layout title="Blocked and muted users" {...chrome}>
      <h1>Blocked and muted users</h1>
      <h2>Blocked</h2>
      <p class="hint">{WHAT.block.explain}</p>
      {list(blocked, 'block')}
      <h2>Muted</h2>
      <p class="hint">{WHAT.mute.explain}</p>
      {list(muted, 'mute')}
    </Layout>
  );
}
