/**
 * Rendered HTML kept by key, least recently used first out, bounded by bytes. Keys carry the
 * work's version, so an edit makes old entries unreachable rather than needing invalidation.
 */
/** `title` travels with a fragment so the frame around it can be drawn without reloading data. */
export type CachedPage = { html: string; etag: string; title?: string };

export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): CachedPage | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, page: CachedPage): void {
    const size = page.html.length * 2;
    if (size > this.maxBytes) return;
    this.delete(key);
    this.entries.set(key, page);
    this.bytes += size;
    for (const [oldest, p] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= p.html.length * 2;
    }
  }

  private delete(key: string) {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.html.length * 2;
    }
  }
}
