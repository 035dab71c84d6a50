/** A work read from a file (AO3's HTML download, an EPUB), before the posting rules judge it. */
export type ImportedChapter = { title: string; summary: string; notes: string; endNotes: string; body: string };

export type ImportedTags = {
  rating?: string | undefined;
  warnings: string[];
  categories: string[];
  fandoms: string[];
  relationships: string[];
  characters: string[];
  freeforms: string[];
};

export type ImportedWork = {
  title: string;
  summary: string;
  notes: string;
  endNotes: string;
  /** A language code Quire knows, when the file named one it recognises. */
  language?: string | undefined;
  /** From AO3's "Chapters: 3/5"; null for "?", undefined when the file does not say. */
  expectedChapters?: number | null | undefined;
  tags: ImportedTags;
  chapters: ImportedChapter[];
};

export const noTags = (): ImportedTags => ({ warnings: [], categories: [], fandoms: [], relationships: [], characters: [], freeforms: [] });

export type Parsed = { ok: true; work: ImportedWork } | { ok: false; message: string };
