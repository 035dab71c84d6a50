import type { Book } from './book.js';
import { HtmlBook } from './views/htmlBook.js';

export function writeHtml(book: Book): Uint8Array {
  return new TextEncoder().encode(`<!DOCTYPE html>\n${(HtmlBook({ book }) as { toString(): string }).toString()}`);
}
