import { raw } from 'hono/html';
import { chapterTitle, creatorNames, prefaceRows, workUrl, type Book } from '../book.js';

const STYLE = `body { max-width: 42em; margin: 1em auto; padding: 0 1em; font-family: Georgia, serif; line-height: 1.5; }
dt { font-weight: bold; } dd { margin: 0 0 0.4em 1.5em; }
.chapter { margin-top: 3em; } blockquote { margin: 1em 1.5em; }`;

const Notes = ({ heading, html }: { heading: string; html: string }) =>
  html.trim() ? <section class="notes"><h3>{heading}</h3><div class="userstuff" dangerouslySetInnerHTML={{ __html: html }} /></section> : null;

/** The whole work as one HTML file that needs nothing else to be read (no scripts, style inline). */
export function HtmlBook({ book }: { book: Book }) {
  const { work } = book;
  const url = workUrl(book);
  return (
    <html lang={work.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{work.title}</title>
        <meta name="author" content={creatorNames(work).join(', ')} />
        <style>{raw(STYLE)}</style>
      </head>
      <body>
        <header class="preface">
          <h1>{work.title}</h1>
          <p class="byline">by {creatorNames(work).join(', ')}</p>
          <p>Posted originally on Quire at <a href={url}>{url}</a>.</p>
          <dl class="meta">
            {prefaceRows(book).map((row) => (
              <>
                <dt>{row.label}:</dt>
                <dd>{row.values.map((v, i) => <>{i > 0 ? ', ' : ''}{v.href ? <a href={v.href}>{v.text}</a> : v.text}</>)}</dd>
              </>
            ))}
          </dl>
          <Notes heading="Summary" html={work.summary} />
          <Notes heading="Notes" html={work.notes} />
        </header>
        {book.chapters.map((ch) => (
          <section class="chapter">
            <h2>{chapterTitle(book, ch)}</h2>
            <Notes heading="Chapter Summary" html={ch.summary} />
            <Notes heading="Chapter Notes" html={ch.notes} />
            <div class="userstuff chapter-text" dangerouslySetInnerHTML={{ __html: ch.body }} />
            <Notes heading="Chapter End Notes" html={ch.endNotes} />
          </section>
        ))}
        <footer class="afterword">
          <h2>Afterword</h2>
          <Notes heading="End Notes" html={work.endNotes} />
          <p>Please <a href={url}>drop by the archive and comment</a> to let the creator know if you enjoyed their work!</p>
        </footer>
      </body>
    </html>
  );
}
