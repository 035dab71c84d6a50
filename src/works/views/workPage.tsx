import { Layout, type PageChrome } from '../../web/layout.js';
import type { WorkPageData } from '../reading.js';
import type { Chapter, ChapterMeta, WorkMeta } from '../store.js';
import { Byline, UserHtml, WorkHeader } from './meta.js';
import { DownloadLinks } from '../../downloads/views/downloadLinks.js';

const chapterPath = (workId: number, ch: Pick<ChapterMeta, 'id'>) => `/works/${workId}/chapters/${ch.id}`;
export const chapterHeading = (ch: Pick<ChapterMeta, 'position' | 'title'>) => `Chapter ${ch.position}${ch.title ? `: ${ch.title}` : ''}`;

function ChapterNav({ work, chapters, current, full }: { work: WorkMeta; chapters: ChapterMeta[]; current?: ChapterMeta | undefined; full: boolean }) {
  if (chapters.length < 2) return null;
  const i = current ? chapters.findIndex((ch) => ch.id === current.id) : -1;
  const prev = i > 0 ? chapters[i - 1] : undefined;
  const next = i >= 0 && i < chapters.length - 1 ? chapters[i + 1] : undefined;
  return (
    <nav class="chapter-nav" aria-label="Chapters">
      {full ? <a href={`/works/${work.id}`}>Chapter by Chapter</a> : <a href={`/works/${work.id}?view_full_work=true`}>Entire Work</a>}
      {prev ? <a href={chapterPath(work.id, prev)} rel="prev">← Previous Chapter</a> : null}
      {next ? <a href={chapterPath(work.id, next)} rel="next">Next Chapter →</a> : null}
      <a href={`/works/${work.id}/navigate`}>Chapter Index</a>
    </nav>
  );
}

function ChapterText({ chapter, showHeading, isCreator, workId }: { chapter: Chapter; showHeading: boolean; isCreator: boolean; workId: number }) {
  return (
    <section class="chapter" aria-labelledby={`chapter-${chapter.id}`}>
      {showHeading ? (
        <h3 class="chapter-title" id={`chapter-${chapter.id}`}>
          <a href={chapterPath(workId, chapter)}>{chapterHeading(chapter)}</a>
          {chapter.status === 'draft' ? <span class="badge">Draft</span> : null}
        </h3>
      ) : (
        <h3 class="visually-hidden" id={`chapter-${chapter.id}`}>Work Text</h3>
      )}
      {isCreator && showHeading ? <p class="actions"><a href={`/works/${workId}/chapters/${chapter.id}/edit`}>Edit chapter</a></p> : null}
      {chapter.summary ? <section class="summary"><h4>Summary:</h4><UserHtml html={chapter.summary} /></section> : null}
      {chapter.notes ? <section class="notes"><h4>Notes:</h4><UserHtml html={chapter.notes} /></section> : null}
      <UserHtml html={chapter.body} class="chapter-text" />
      {chapter.endNotes ? <section class="end notes"><h4>Notes:</h4><UserHtml html={chapter.endNotes} /></section> : null}
    </section>
  );
}

function CreatorTools({ work, csrf }: { work: WorkMeta; csrf: string }) {
  return (
    <nav class="creator-tools" aria-label="Work tools">
      <a href={`/works/${work.id}/edit`}>Edit</a>
      <a href={`/works/${work.id}/chapters/new`}>Add Chapter</a>
      <a href={`/works/${work.id}/navigate`}>Manage Chapters</a>
      <a href={`/works/${work.id}/creators`}>Co-Creators</a>
      <a href={`/works/${work.id}/orphan`}>Orphan</a>
      <a href={`/works/${work.id}/delete`}>Delete</a>
      {work.status === 'posted' ? <a href={`/works/${work.id}/stats`}>Stats</a> : null}
      {work.status === 'draft' ? (
        <form method="post" action={`/works/${work.id}/post`} class="inline">
          <input type="hidden" name="_csrf" value={csrf} />
          <button type="submit">Post</button>
        </form>
      ) : null}
    </nav>
  );
}

/** The part of a work page that is the same for every reader who is not its creator. */
export function WorkContent({ data, creatorCsrf }: { data: WorkPageData; creatorCsrf?: string | undefined }) {
  const { work, chapters, shown, selection, isCreator } = data;
  const multi = chapters.length > 1;
  const first = shown[0];
  const current = selection.kind === 'full' ? undefined : first;
  const isLast = !multi || selection.kind === 'full' || current?.id === chapters[chapters.length - 1]?.id;
  const isFirst = !multi || selection.kind === 'full' || current?.id === chapters[0]?.id;
  return (
    <article class="work" lang={work.language}>
      {work.status === 'draft' ? (
        <p class="notice">This is a draft: only you can see it. Post it when it is ready.</p>
      ) : null}
      {work.hidden ? (
        <p class="notice">An archive admin has hidden this work: only its creators and the archive’s admins can see it. Check your email for why, or write to the admins.</p>
      ) : null}
      {isCreator && creatorCsrf ? <CreatorTools work={work} csrf={creatorCsrf} /> : null}
      <WorkHeader work={work} />
      <DownloadLinks work={work} />
      <ChapterNav work={work} chapters={chapters} current={current} full={selection.kind === 'full'} />
      <section class="preface">
        <h2 class="title">
          {work.restricted ? <span class="badge" title="Restricted: only signed-in readers can see this work">Restricted</span> : null}
          {work.title}
        </h2>
        <p class="byline">by <Byline creators={work.creators} anonymous={work.anonymous} /></p>
        {isFirst && work.summary ? <section class="summary"><h3>Summary:</h3><UserHtml html={work.summary} /></section> : null}
        {isFirst && work.notes ? <section class="notes"><h3>Notes:</h3><UserHtml html={work.notes} /></section> : null}
      </section>
      {shown.map((ch) => <ChapterText chapter={ch} showHeading={multi} isCreator={isCreator} workId={work.id} />)}
      {isLast && work.endNotes ? <section class="end notes"><h3>Notes:</h3><UserHtml html={work.endNotes} /></section> : null}
      <ChapterNav work={work} chapters={chapters} current={current} full={selection.kind === 'full'} />
    </article>
  );
}

export function pageTitle(data: WorkPageData) {
  const fandom = data.work.tags.fandom[0];
  const ch = data.selection.kind === 'chapter' && data.chapters.length > 1 ? data.shown[0] : undefined;
  return `${data.work.title}${ch ? ` - ${chapterHeading(ch)}` : ''}${fandom ? ` - ${fandom}` : ''}`;
}

export function WorkPage({ data, chrome, contentHtml }: { data: WorkPageData; chrome: PageChrome; contentHtml: string }) {
  return (
    <Layout title={pageTitle(data)} {...chrome}>
      <div dangerouslySetInnerHTML={{ __html: contentHtml }} />
    </Layout>
  );
}
