import { htmlToText } from '../formats/plainText.js';
import { chapterTitle, creatorNames, prefaceRows, workUrl, type Book } from './book.js';

/** The book's parts as headed blocks of plain text; the text and PDF formats both draw from it. */
export type TextBlock = { kind: 'title' | 'heading' | 'subheading' | 'paragraph'; text: string };

function notes(heading: string, html: string): TextBlock[] {
  const text = htmlToText(html);
  return text ? [{ kind: 'subheading', text: heading }, ...paragraphs(text)] : [];
}

const paragraphs = (text: string): TextBlock[] =>
  text.split(/\n{2,}/).filter((p) => p.trim()).map((p) => ({ kind: 'paragraph', text: p }));

export function textBlocks(book: Book): TextBlock[] {
  const { work } = book;
  const blocks: TextBlock[] = [
    { kind: 'title', text: work.title },
    { kind: 'paragraph', text: `by ${creatorNames(work).join(', ')}` },
    { kind: 'paragraph', text: `Posted originally on Quire at ${workUrl(book)}.` },
    ...prefaceRows(book).map((row): TextBlock => ({ kind: 'paragraph', text: `${row.label}: ${row.values.map((v) => v.text).join(', ')}` })),
    ...notes('Summary', work.summary),
    ...notes('Notes', work.notes),
  ];
  for (const ch of book.chapters) {
    blocks.push({ kind: 'heading', text: chapterTitle(book, ch) },
      ...notes('Chapter Summary', ch.summary), ...notes('Chapter Notes', ch.notes),
      ...paragraphs(htmlToText(ch.body)),
      ...notes('Chapter End Notes', ch.endNotes));
  }
  blocks.push({ kind: 'heading', text: 'Afterword' }, ...notes('End Notes', work.endNotes),
    { kind: 'paragraph', text: `Please drop by the archive and comment to let the creator know if you enjoyed their work: ${workUrl(book)}` });
  return blocks;
}

const UNDERLINE: Record<TextBlock['kind'], string> = { title: '=', heading: '-', subheading: '', paragraph: '' };

/** Plain UTF-8 text: titles underlined, a blank line between paragraphs. */
export function writeText(book: Book): Uint8Array {
  const out = textBlocks(book).map((b) => {
    const rule = UNDERLINE[b.kind];
    if (rule) return `${b.text}\n${rule.repeat(Math.min(72, [...b.text].length))}`;
    return b.kind === 'subheading' ? `${b.text}:` : b.text;
  });
  return new TextEncoder().encode(`${out.join('\n\n')}\n`);
}
