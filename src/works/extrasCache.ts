import type { ExtrasCache, WorkExtras } from './store.js';

/**
 * Creators and tags of recently listed works, least recently used out first. Keyed by version,
 * like the page cache: anything that changes them bumps the version (refreshWork, tag renames),
 * so an old entry is never read again and simply ages out. Listings are where it pays: a page of
 * 20 works otherwise joins some 300 tag rows on every request.
 */
export function extrasCache(maxWorks = 20_000): ExtrasCache {
  const entries = new Map<number, { version: number; extras: WorkExtras }>();
  return {
    get(workId, version) {
      const hit = entries.get(workId);
      if (!hit || hit.version !== version) return undefined;
      entries.delete(workId);
      entries.set(workId, hit);
      return hit.extras;
    },
    set(workId, version, extras) {
      entries.delete(workId);
      entries.set(workId, { version, extras });
      if (entries.size > maxWorks) entries.delete(entries.keys().next().value!);
    },
  };
}
