import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Book } from './book.js';
import { textBlocks, type TextBlock } from './text.js';

/**
 * Fonts from Debian's packages: DejaVu Serif (fonts-dejavu-core) covers Latin, Greek and
 * Cyrillic; Noto Serif CJK (fonts-noto-cjk) covers Chinese, Japanese and Korean. Runs of CJK
 * text are set in the second, everything else in the first, and pdfkit embeds subsets of both.
 */
const DEJAVU = '/usr/share/fonts/truetype/dejavu';
const NOTO = '/usr/share/fonts/opentype/noto';
const FONTS = {
  text: `${DEJAVU}/DejaVuSerif.ttf`,
  bold: `${DEJAVU}/DejaVuSerif-Bold.ttf`,
  cjk: `${NOTO}/NotoSerifCJK-Regular.ttc`,
  cjkBold: `${NOTO}/NotoSerifCJK-Bold.ttc`,
};

export class MissingFontsError extends Error {}

export function missingFonts(): string[] {
  return Object.values(FONTS).filter((f) => !fs.existsSync(f));
}

// Han, kana, Hangul, CJK punctuation and full-width forms, and the supplementary ideograph planes.
const CJK = /([\u1100-\u11FF\u2E80-\u2FDF\u3000-\u9FFF\uA960-\uA97F\uAC00-\uD7FF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]|[\u{20000}-\u{3FFFF}])+/gu;

/** Which face of the CJK collection suits the work's language. */
function cjkFace(language: string): string {
  if (language === 'ja') return 'NotoSerifCJKjp';
  if (language === 'ko') return 'NotoSerifCJKkr';
  if (language === 'zh-yue') return 'NotoSerifCJKhk';
  return 'NotoSerifCJKsc';
}

/** Splits text into runs that one font can draw. */
export function fontRuns(text: string): { cjk: boolean; text: string }[] {
  const runs: { cjk: boolean; text: string }[] = [];
  let at = 0;
  for (const m of text.matchAll(CJK)) {
    if (m.index > at) runs.push({ cjk: false, text: text.slice(at, m.index) });
    runs.push({ cjk: true, text: m[0] });
    at = m.index + m[0].length;
  }
  if (at < text.length) runs.push({ cjk: false, text: text.slice(at) });
  return runs;
}

const SIZE: Record<TextBlock['kind'], number> = { title: 20, heading: 15, subheading: 12, paragraph: 11 };

export function writePdf(book: Book): Promise<Uint8Array> {
  const missing = missingFonts();
  if (missing.length) throw new MissingFontsError(`PDF fonts missing: ${missing.join(', ')}`);
  const doc = new PDFDocument({
    size: 'A5', margin: 50, bufferPages: false, autoFirstPage: true,
    info: { Title: book.work.title, Author: book.work.creators.map((c) => c.pseud).join(', '), Subject: book.work.tags.fandom.join(', '), Keywords: Object.values(book.work.tags).flat().join(', '), Creator: 'Quire' },
    lang: book.work.language,
  });
  const face = cjkFace(book.work.language);
  doc.registerFont('text', FONTS.text);
  doc.registerFont('bold', FONTS.bold);
  doc.registerFont('cjk', FONTS.cjk, `${face}-Regular`);
  doc.registerFont('cjkBold', FONTS.cjkBold, `${face}-Bold`);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });

  for (const block of textBlocks(book)) {
    const bold = block.kind !== 'paragraph';
    if (block.kind === 'heading') doc.addPage();
    doc.fontSize(SIZE[block.kind]);
    const runs = fontRuns(block.text);
    runs.forEach((run, i) => {
      doc.font(run.cjk ? (bold ? 'cjkBold' : 'cjk') : (bold ? 'bold' : 'text'));
      doc.text(run.text, { continued: i < runs.length - 1, paragraphGap: 6, lineGap: 2, align: 'left' });
    });
  }
  doc.end();
  return done;
}
