import { raw } from 'hono/html';
import { creatorNames, type Book } from '../book.js';
import { Afterword, ChapterParts, Preface } from './ao3Layout.js';

const STYLE = `body { max-width: 42em; margin: 1em auto; padding: 0 1em; font-family: Georgia, serif; line-height: 1.5; }
dt { font-weight: bold; } dd { margin: 0 0 0.4em 1.5em; }
#chapters .meta { margin-top: 3em; } blockquote { margin: 1em 1.5em; } .message { font-style: italic; }`;

/** The whole work as one HTML file that needs nothing else to be read (no scripts, style inline). */
export function HtmlBook({ book }: { book: Book }) {
  const { work } = book;
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
        <Preface book={book} />
        <div id="chapters" class="userstuff">
          {book.chapters.map((ch) => <ChapterParts chapter={ch} />)}
        </div>
        <Afterword book={book} />
      </body>
    </html>
  );
}
