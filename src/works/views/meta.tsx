import { languageName } from '../languages.js';
import type { Creator, WorkMeta, WorkTags } from '../store.js';
import { TAG_TYPE_LABELS, type TagType } from '../../tags/kinds.js';
import { tagWorksPath } from '../../tags/urls.js';

export const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');
export const number = (n: number) => n.toLocaleString('en');

export function Byline({ creators, anonymous }: { creators: Creator[]; anonymous?: boolean }) {
  if (creators.length === 0) return <span>{anonymous ? 'Anonymous' : 'orphan_account'}</span>;
  return (
    <>
      {creators.map((c, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <a rel="author" href={c.pseud.toLowerCase() === c.login.toLowerCase() ? `/users/${c.login}` : `/users/${c.login}/pseuds/${encodeURIComponent(c.pseud)}`}>
            {c.pseud.toLowerCase() === c.login.toLowerCase() ? c.login : `${c.pseud} (${c.login})`}
          </a>
        </>
      ))}
      {anonymous ? ' (anonymous: only you see this)' : ''}
    </>
  );
}

export function TagLinks({ names, tagClass }: { names: string[]; tagClass?: string }) {
  return (
    <ul class={`tags commas ${tagClass ?? ''}`}>
      {names.map((n) => (
        <li>
          <a class="tag" href={tagWorksPath(n)}>{n}</a>
        </li>
      ))}
    </ul>
  );
}

export const chapterCount = (w: Pick<WorkMeta, 'postedChapters' | 'expectedChapters'>) =>
  `${w.postedChapters}/${w.expectedChapters ?? '?'}`;

export const isComplete = (w: Pick<WorkMeta, 'postedChapters' | 'expectedChapters'>) => w.expectedChapters !== null && w.postedChapters >= w.expectedChapters;

const HEADER_TYPES: TagType[] = ['rating', 'warning', 'category', 'fandom', 'relationship', 'character', 'freeform'];

/** AO3's work header: every tag kind, then language, dates and counts. */
export function WorkHeader({ work }: { work: WorkMeta }) {
  const tags: WorkTags = work.tags;
  return (
    <dl class="work-meta">
      {HEADER_TYPES.filter((t) => tags[t].length > 0).map((t) => (
        <>
          <dt>{tags[t].length > 1 ? TAG_TYPE_LABELS[t].many : TAG_TYPE_LABELS[t].one}:</dt>
          <dd><TagLinks names={tags[t]} tagClass={t} /></dd>
        </>
      ))}
      <dt>Language:</dt>
      <dd lang={work.language}>{languageName(work.language)}</dd>
      <dt>Stats:</dt>
      <dd>
        <dl class="stats">
          {work.publishedAt ? <><dt>Published:</dt><dd>{day(work.publishedAt)}</dd></> : null}
          {work.publishedAt && work.revisedAt.slice(0, 10) !== work.publishedAt.slice(0, 10) ? (
            <><dt>{isComplete(work) ? 'Completed:' : 'Updated:'}</dt><dd>{day(work.revisedAt)}</dd></>
          ) : null}
          <dt>Words:</dt><dd>{number(work.wordCount)}</dd>
          <dt>Chapters:</dt><dd>{chapterCount(work)}</dd>
        </dl>
      </dd>
    </dl>
  );
}

/** Sanitized-on-write HTML from the writer; shown as is. */
export const UserHtml = ({ html, class: cls }: { html: string; class?: string }) =>
  html ? <div class={`userstuff ${cls ?? ''}`} dangerouslySetInnerHTML={{ __html: html }} /> : null;
