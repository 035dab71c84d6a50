/**
 * Rendered HTML kept by key, least recently used first out, bounded by bytes. Keys carry the
 * work's version, so an edit makes old entries unreachable rather than needing invalidation.
 */
/**
 * A whole page, kept as the bytes to send; or a fragment to draw a frame around, with the
 * page title that goes with it.
 */
export type CachedPage =
  | { kind: 'page'; bytes: Uint8Array<ArrayBuffer> }
  | { kind: 'fragment'; html: string; title: string }
  /** A made file (a download) and the title it is named after. */
  | { kind: 'file'; bytes: Uint8Array; title: string };

const sizeOf = (p: CachedPage) => (p.kind === 'fragment' ? p.html.length * 2 : p.bytes.length);

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
    const size = sizeOf(page);
    if (size > this.maxBytes) return;
    this.delete(key);
    this.entries.set(key, page);
    this.bytes += size;
    for (const [oldest, p] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= sizeOf(p);
    }
  }

  private delete(key: string) {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= sizeOf(old);
    }
  }
}
