import type { z } from 'zod';
import type { Chapter as ChapterData, ChapterMeta as ChapterMetaData, WorkMeta } from '../works/store.js';
import type { Chapter, ChapterMeta, WorkSummary } from './schemas.js';

/** Domain values to the API's JSON shapes (snake_case, as documented). */
export function workSummary(w: WorkMeta, baseUrl: string): z.output<typeof WorkSummary> {
  return {
    id: w.id,
    url: `${baseUrl}/works/${w.id}`,
    title: w.title,
    summary: w.summary,
    language: w.language,
    restricted: w.restricted,
    status: w.status,
    expected_chapters: w.expectedChapters,
    posted_chapters: w.postedChapters,
    word_count: w.wordCount,
    published_at: w.publishedAt,
    revised_at: w.revisedAt,
    creators: w.creators.map((c) => ({ pseud: c.pseud, login: c.login })),
    tags: w.tags,
  };
}

export const chapterMeta = (ch: ChapterMetaData): z.output<typeof ChapterMeta> => ({
  id: ch.id, position: ch.position, title: ch.title, status: ch.status, published_at: ch.publishedAt, word_count: ch.wordCount,
});

export const chapter = (ch: ChapterData): z.output<typeof Chapter> => ({
  ...chapterMeta(ch), summary: ch.summary, notes: ch.notes, end_notes: ch.endNotes, body: ch.body,
});
