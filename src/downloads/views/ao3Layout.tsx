import type { Chapter } from '../../works/store.js';
import { chapterHeading } from '../../works/views/workPage.js';
import { creatorNames, prefaceRows, workUrl, type Book } from '../book.js';

/*
 * AO3's download layout (div#preface with dl.tags, div#chapters with div.meta headings, div#afterword),
 * shared by the HTML file and the EPUB's pages, so tools made for AO3's downloads read Quire's
 * and Quire's own import reads them back.
 */

const Labelled = ({ label, html }: { label: string; html: string }) =>
  html.trim() ? <><p>{label}</p><blockquote class="userstuff" dangerouslySetInnerHTML={{ __html: html }} /></> : null;

export function Preface({ book }: { book: Book }) {
  const { work } = book;
  const url = workUrl(book);
  return (
    <div id="preface">
      <p class="message">Posted originally on Quire at <a href={url}>{url}</a>.</p>
      <div class="meta">
        <dl class="tags">
          {prefaceRows(book).map((row) => (
            <>
              <dt>{row.label}:</dt>
              <dd>{row.values.map((v, i) => <>{i > 0 ? ', ' : ''}{v.href ? <a href={v.href}>{v.text}</a> : v.text}</>)}</dd>
            </>
          ))}
        </dl>
        <h1>{work.title}</h1>
        <div class="byline">by {creatorNames(work).join(', ')}</div>
        <Labelled label="Summary" html={work.summary} />
        <Labelled label="Notes" html={work.notes} />
      </div>
    </div>
  );
}

/** One chapter's parts, as direct children of div#chapters. */
export function ChapterParts({ chapter }: { chapter: Chapter }) {
  return (
    <>
      <div class="meta group">
        <h2 class="heading">{chapterHeading(chapter)}</h2>
        <Labelled label="Chapter Summary" html={chapter.summary} />
        <Labelled label="Chapter Notes" html={chapter.notes} />
      </div>
      <div class="userstuff" dangerouslySetInnerHTML={{ __html: chapter.body }} />
      {chapter.endNotes.trim() ? <div class="meta group"><Labelled label="Chapter End Notes" html={chapter.endNotes} /></div> : null}
    </>
  );
}

export function Afterword({ book }: { book: Book }) {
  const url = workUrl(book);
  return (
    <div id="afterword">
      {book.work.endNotes.trim() ? <div id="endnotes"><Labelled label="End Notes" html={book.work.endNotes} /></div> : null}
      <p class="message">Please <a href={url}>drop by the archive and comment</a> to let the creator know if you enjoyed their work!</p>
    </div>
  );
}

export const renderHtml = (node: unknown) => (node as { toString(): string }).toString();
