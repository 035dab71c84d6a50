import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { canDownloadWork } from '../policy/downloads.js';
import { GUEST, type Viewer } from '../policy/viewer.js';
import type { PageCache } from '../web/pageCache.js';
import * as works from '../works/store.js';
import type { Book, BookSeries } from './book.js';
import { writeEpub } from './epub.js';
import { writeHtml } from './html.js';
import type { Format } from './paths.js';
import { writePdf } from './pdf.js';
import { writeText } from './text.js';

export type Download = { bytes: Uint8Array; title: string; version: number; restricted: boolean };

/** The series a work is part of; series are optional (none until the series module supplies them). */
/** The series a work is part of, as everyone who may download it sees them. */
export type SeriesLookup = (workId: number, restricted: boolean) => Promise<BookSeries[]>;

const WRITERS: Record<Format, (book: Book) => Uint8Array | Promise<Uint8Array>> = {
  epub: writeEpub, html: writeHtml, txt: writeText, pdf: writePdf,
};

/**
 * Downloads are made once per version of a work and format, and kept in a byte-bounded LRU:
 * an edit bumps the version, so the next request makes a new file and the old one ages out.
 */
export function downloadsService(db: Kysely<DB>, baseUrl: string, cache: PageCache, seriesOf: SeriesLookup = async () => []) {
  // Requests for a file being made wait for that one, instead of making it again.
  const making = new Map<string, Promise<Download | null>>();

  async function make(workId: number, format: Format): Promise<Download | null> {
    // One file per version for every reader, so it names only whom a guest would see named.
    const [work] = await works.worksMeta(db, GUEST, [workId]);
    if (!work || work.status !== 'posted') return null;
    const posted = (await works.chaptersOf(db, workId)).filter((ch) => ch.status === 'posted');
    const chapters = await works.chapterBodies(db, workId, posted.map((ch) => ch.id));
    const book: Book = { work, chapters, series: await seriesOf(workId, work.restricted), baseUrl };
    const bytes = await WRITERS[format](book);
    return { bytes, title: work.title, version: work.version, restricted: work.restricted };
  }

  return {
    /** The file, or null when this viewer may not read the work (or it is a draft, or gone). */
    async download(viewer: Viewer, workId: number, format: Format): Promise<Download | null> {
      const access = viewer.kind === 'guest'
        ? await works.workState(db, workId).then((s) => s && { ...s, creatorUserIds: [] })
        : await works.workAccess(db, workId);
      if (!access || !canDownloadWork(viewer, access)) return null;
      const key = `${workId}:${access.version}:${format}`;
      const hit = cache.get(key);
      if (hit?.kind === 'file') return { bytes: hit.bytes, title: hit.title, version: access.version, restricted: access.restricted };
      let pending = making.get(key);
      if (!pending) {
        pending = make(workId, format).finally(() => making.delete(key));
        making.set(key, pending);
      }
      const made = await pending;
      // The work may have changed while the file was made: ask again about what was made.
      if (!made || !canDownloadWork(viewer, { ...access, restricted: made.restricted })) return null;
      // Made from a newer version than asked for (an edit landed meanwhile): keep it under its own.
      cache.set(`${workId}:${made.version}:${format}`, { kind: 'file', bytes: made.bytes, title: made.title });
      return made;
    },
  };
}

export type DownloadsService = ReturnType<typeof downloadsService>;
