/**
 * Every posted work's listing facts in flat typed arrays, one slot per work. Tags and creators
 * live in shared pools; a changed work gets a fresh region at the end of the pool, and the old
 * region becomes garbage until the next rebuild.
 */
export const ALIVE = 1;
export const RESTRICTED = 2;
/** Two of the work's tags show as one (a synonym beside its canonical tag): count it with care. */
export const SHOWN_TWICE = 4;

/** Whether two of the tags in pool[start, end) show as the same tag. */
function showsTwice(pool: Int32Array, start: number, end: number, shown: Int32Array): boolean {
  for (let i = start + 1; i < end; i++) {
    const t = shown[pool[i]!];
    for (let j = start; j < i; j++) if (shown[pool[j]!] === t) return true;
  }
  return false;
}

export type WorkFacts = {
  id: number;
  restricted: boolean;
  revisedAt: number;
  publishedAt: number;
  words: number;
  kudos: number;
  hits: number;
  comments: number;
  bookmarks: number;
  chapters: number;
  /** -1 when the writer does not know ("?"). */
  expected: number;
  language: string;
  title: string;
  creator: string;
  tags: number[];
  /** Pairs of pseud id and user id. */
  creators: Array<[pseudId: number, userId: number]>;
};

export class Columns {
  size = 0;
  capacity: number;
  id!: Int32Array;
  flags!: Uint8Array;
  revised!: Float64Array;
  published!: Float64Array;
  words!: Int32Array;
  kudos!: Int32Array;
  hits!: Int32Array;
  comments!: Int32Array;
  bookmarks!: Int32Array;
  chapters!: Int32Array;
  expected!: Int32Array;
  lang!: Uint16Array;
  tagStart!: Int32Array;
  tagLen!: Uint16Array;
  creatorStart!: Int32Array;
  creatorLen!: Uint8Array;
  titles: string[] = [];
  creatorNames: string[] = [];
  tagPool: Int32Array = new Int32Array(1024);
  tagPoolSize = 0;
  /** pseud id, user id, pseud id, user id, ... */
  creatorPool: Int32Array = new Int32Array(256);
  creatorPoolSize = 0;
  languages: string[] = [];
  private readonly languageIds = new Map<string, number>();
  /** Slot + 1 by work id (0: no slot): a typed array takes several times less memory than a Map, and looks up without hashing. */
  private slotById = new Int32Array(1024);

  constructor(capacity = 1024) {
    this.capacity = capacity;
    this.allocate(capacity);
  }

  private allocate(capacity: number) {
    const grow = <T extends Int32Array | Uint8Array | Uint16Array | Float64Array>(old: T | undefined, make: (n: number) => T): T => {
      const next = make(capacity);
      if (old) next.set(old as never);
      return next;
    };
    this.id = grow(this.id, (n) => new Int32Array(n));
    this.flags = grow(this.flags, (n) => new Uint8Array(n));
    this.revised = grow(this.revised, (n) => new Float64Array(n));
    this.published = grow(this.published, (n) => new Float64Array(n));
    this.words = grow(this.words, (n) => new Int32Array(n));
    this.kudos = grow(this.kudos, (n) => new Int32Array(n));
    this.hits = grow(this.hits, (n) => new Int32Array(n));
    this.comments = grow(this.comments, (n) => new Int32Array(n));
    this.bookmarks = grow(this.bookmarks, (n) => new Int32Array(n));
    this.chapters = grow(this.chapters, (n) => new Int32Array(n));
    this.expected = grow(this.expected, (n) => new Int32Array(n));
    this.lang = grow(this.lang, (n) => new Uint16Array(n));
    this.tagStart = grow(this.tagStart, (n) => new Int32Array(n));
    this.tagLen = grow(this.tagLen, (n) => new Uint16Array(n));
    this.creatorStart = grow(this.creatorStart, (n) => new Int32Array(n));
    this.creatorLen = grow(this.creatorLen, (n) => new Uint8Array(n));
  }

  private languageId(code: string) {
    let id = this.languageIds.get(code);
    if (id === undefined) {
      id = this.languages.length;
      this.languages.push(code);
      this.languageIds.set(code, id);
    }
    return id;
  }

  /** The work's slot, if it has one (a removed work keeps its slot, empty). */
  slotOf(workId: number): number | undefined {
    const slot = workId >= 0 && workId < this.slotById.length ? this.slotById[workId]! : 0;
    return slot === 0 ? undefined : slot - 1;
  }

  /** Writes a work's facts into its slot (a new slot for a work not seen before); `shown` maps each tag to the tag it shows as. */
  put(w: WorkFacts, shown: Int32Array): number {
    let slot = this.slotOf(w.id);
    if (slot === undefined) {
      if (this.size === this.capacity) {
        this.capacity *= 2;
        this.allocate(this.capacity);
      }
      slot = this.size++;
      if (w.id >= this.slotById.length) {
        const grown = new Int32Array(Math.max(w.id + 1, this.slotById.length * 2));
        grown.set(this.slotById);
        this.slotById = grown;
      }
      this.slotById[w.id] = slot + 1;
    }
    this.id[slot] = w.id;
    this.flags[slot] = ALIVE | (w.restricted ? RESTRICTED : 0);
    this.revised[slot] = w.revisedAt;
    this.published[slot] = w.publishedAt;
    this.words[slot] = w.words;
    this.kudos[slot] = w.kudos;
    this.hits[slot] = w.hits;
    this.comments[slot] = w.comments;
    this.bookmarks[slot] = w.bookmarks;
    this.chapters[slot] = w.chapters;
    this.expected[slot] = w.expected;
    this.lang[slot] = this.languageId(w.language);
    this.titles[slot] = w.title;
    this.creatorNames[slot] = w.creator;
    this.tagStart[slot] = this.tagPoolSize;
    this.tagLen[slot] = Math.min(w.tags.length, 65_535);
    this.tagPool = ensure(this.tagPool, this.tagPoolSize + w.tags.length);
    this.tagPool.set(w.tags.slice(0, 65_535), this.tagPoolSize);
    this.tagPoolSize += this.tagLen[slot]!;
    if (showsTwice(this.tagPool, this.tagStart[slot]!, this.tagPoolSize, shown)) this.flags[slot] = this.flags[slot]! | SHOWN_TWICE;
    this.creatorStart[slot] = this.creatorPoolSize;
    this.creatorLen[slot] = Math.min(w.creators.length, 255);
    this.creatorPool = ensure(this.creatorPool, this.creatorPoolSize + 2 * w.creators.length);
    for (const [pseudId, userId] of w.creators.slice(0, 255)) {
      this.creatorPool[this.creatorPoolSize++] = pseudId;
      this.creatorPool[this.creatorPoolSize++] = userId;
    }
    return slot;
  }

  /** New counts for a work already here (its tags and creators unchanged). */
  setCounts(workId: number, counts: Pick<WorkFacts, 'kudos' | 'hits' | 'comments' | 'bookmarks'>) {
    const slot = this.slotOf(workId);
    if (slot === undefined) return;
    this.kudos[slot] = counts.kudos;
    this.hits[slot] = counts.hits;
    this.comments[slot] = counts.comments;
    this.bookmarks[slot] = counts.bookmarks;
  }

  /** After wrangling: which works have two tags that show as one. */
  recheckShown(shown: Int32Array) {
    for (let s = 0; s < this.size; s++) {
      const start = this.tagStart[s]!;
      const twice = showsTwice(this.tagPool, start, start + this.tagLen[s]!, shown);
      this.flags[s] = (this.flags[s]! & ~SHOWN_TWICE) | (twice ? SHOWN_TWICE : 0);
    }
  }

  /** Gives back the room that doubling left unused (after the initial load, say). */
  trim() {
    this.capacity = Math.max(this.size, 1);
    for (const key of ['id', 'flags', 'revised', 'published', 'words', 'kudos', 'hits', 'comments', 'bookmarks', 'chapters', 'expected', 'lang', 'tagStart', 'tagLen', 'creatorStart', 'creatorLen'] as const) {
      this[key] = this[key].slice(0, this.capacity) as never;
    }
    this.tagPool = this.tagPool.slice(0, Math.max(this.tagPoolSize, 1));
    this.creatorPool = this.creatorPool.slice(0, Math.max(this.creatorPoolSize, 1));
  }

  /** The work is gone from listings (deleted or back to draft); its slot stays, empty. */
  remove(workId: number) {
    const slot = this.slotOf(workId);
    if (slot !== undefined) this.flags[slot] = 0;
  }
}

function ensure(pool: Int32Array, needed: number): Int32Array {
  if (needed <= pool.length) return pool;
  let size = pool.length;
  while (size < needed) size *= 2;
  const next = new Int32Array(size);
  next.set(pool);
  return next;
}
