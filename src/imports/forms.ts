import type { Source } from './readSource.js';

/** Metadata given once for every imported file (the command line's options, the upload form's fields). */
export type ImportDefaults = {
  title?: string | undefined;
  fandoms: string[];
  rating?: string | undefined;
  warnings: string[];
  categories: string[];
  relationships: string[];
  characters: string[];
  tags: string[];
  language?: string | undefined;
};

const union = (a: readonly string[], b: readonly string[]) => {
  const seen = new Set(a.map((s) => s.toLowerCase()));
  return [...a, ...b.filter((s) => !seen.has(s.toLowerCase()))];
};

/**
 * The posting form's fields for a file, so the import is judged by the same rules as a post.
 * What the file says comes first; given values win for title, rating, warnings and language,
 * and given tags are added to the file's.
 */
export function importForms(s: Source, d: ImportDefaults, pseudIds: number[]) {
  const pseud_ids = pseudIds.map(String);
  if (s.kind === 'text') {
    return {
      work: {
        title: d.title ?? s.title, pseud_ids, rating: d.rating ?? 'Not Rated',
        warnings: d.warnings.length ? d.warnings : ['Choose Not To Use Archive Warnings'], categories: d.categories,
        fandoms: d.fandoms.join(','), relationships: d.relationships.join(','), characters: d.characters.join(','),
        freeforms: d.tags.join(','), language: d.language ?? 'en', expected_chapters: '1',
      },
      chapters: [{ text: s.text, text_format: s.format }],
    };
  }
  const w = s.work;
  return {
    work: {
      title: d.title ?? w.title, pseud_ids, summary: w.summary, notes: w.notes, end_notes: w.endNotes,
      rating: d.rating ?? w.tags.rating ?? 'Not Rated',
      warnings: d.warnings.length ? d.warnings : w.tags.warnings.length ? w.tags.warnings : ['Choose Not To Use Archive Warnings'],
      categories: union(w.tags.categories, d.categories),
      fandoms: union(w.tags.fandoms, d.fandoms).join(','),
      relationships: union(w.tags.relationships, d.relationships).join(','),
      characters: union(w.tags.characters, d.characters).join(','),
      freeforms: union(w.tags.freeforms, d.tags).join(','),
      language: d.language ?? w.language ?? 'en',
      expected_chapters: w.expectedChapters === undefined ? String(w.chapters.length) : w.expectedChapters === null ? '?' : String(w.expectedChapters),
    },
    chapters: w.chapters.map((ch) => ({
      chapter_title: ch.title, chapter_summary: ch.summary, chapter_notes: ch.notes, chapter_end_notes: ch.endNotes, text: ch.body, text_format: 'html',
    })),
  };
}
