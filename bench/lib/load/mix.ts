/**
 * An AO3-like request mix: what each kind of request is, how often it comes, and how to build
 * one. Every draw comes from a seeded generator, so a run is the same sequence each time.
 */
import { Discrete, Rng, zipfWeights } from '../corpus/distributions.js';
import { ADJECTIVES, NOUNS } from '../corpus/names.js';
import type { Reader, Targets } from './targets.js';

export type Kind = 'guest_work' | 'signed_in_work' | 'tag_listing' | 'search' | WriteKind;
export type WriteKind = 'kudos' | 'comment' | 'bookmark' | 'chapter';

export type LoadRequest = {
  kind: Kind; method: 'GET' | 'POST'; path: string; cookie?: string; form?: Record<string, string>;
  headers?: Record<string, string>;
};

/** Shares of all requests (they add up to 1). */
export const READ_MIX = { guest_work: 0.70, signed_in_work: 0.10, tag_listing: 0.15, search: 0.03 } as const;
export const WRITE_SHARE = 0.02;

type WriteBuilder = (rng: Rng, reader: Reader, workId: number) => LoadRequest | null;

/**
 * Writes, with their share among writes (AO3: kudos far the commonest, new chapters the rarest).
 * `build: null` would mean the route is not in this tree; its share would go to the others.
 */
export const WRITES: { kind: WriteKind; share: number; build: WriteBuilder | null }[] = [
  { kind: 'kudos', share: 0.55, build: kudos },
  { kind: 'comment', share: 0.2, build: comment },
  { kind: 'bookmark', share: 0.15, build: bookmark },
  { kind: 'chapter', share: 0.1, build: newChapter },
];

/** Words for generated comments and bookmark notes. */
const phrase = (rng: Rng, n: number) => Array.from({ length: n }, () => (rng.chance(0.5) ? rng.pick(ADJECTIVES) : rng.pick(NOUNS))).join(' ');

/** Kudos on someone else's work (a repeat is answered like a first one, 303). */
function kudos(_rng: Rng, reader: Reader, workId: number): LoadRequest | null {
  if (reader.owns.has(workId)) return null;
  return { kind: 'kudos', method: 'POST', path: `/works/${workId}/kudos`, cookie: reader.cookie, form: { _csrf: reader.csrf } };
}

/** A top-level comment of a few dozen generated words. */
function comment(rng: Rng, reader: Reader, workId: number): LoadRequest {
  return {
    kind: 'comment', method: 'POST', path: `/works/${workId}/comments`, cookie: reader.cookie,
    form: { _csrf: reader.csrf, body: `Generated sample comment: ${phrase(rng, 20 + rng.int(40))}.` },
  };
}

/** A public bookmark with a short note and two of the reader's own tags (saving again updates it). */
function bookmark(rng: Rng, reader: Reader, workId: number): LoadRequest {
  return {
    kind: 'bookmark', method: 'POST', path: `/works/${workId}/bookmarks`, cookie: reader.cookie,
    form: { _csrf: reader.csrf, notes: `Generated sample note: ${phrase(rng, 10)}.`, tags: `${rng.pick(ADJECTIVES)}, ${rng.pick(NOUNS)}` },
  };
}

const CHAPTER_WORDS = 1_000;

/** A new posted chapter on one of the reader's own works (src/works/postRoutes.tsx). */
function newChapter(rng: Rng, reader: Reader): LoadRequest | null {
  if (reader.ownWorks.length === 0) return null;
  const workId = rng.pick(reader.ownWorks);
  const words: string[] = ['Generated', 'sample', 'chapter.'];
  while (words.length < CHAPTER_WORDS) words.push(rng.chance(0.5) ? rng.pick(ADJECTIVES) : rng.pick(NOUNS));
  return {
    kind: 'chapter', method: 'POST', path: `/works/${workId}/chapters`, cookie: reader.cookie,
    form: { _csrf: reader.csrf, text_format: 'plain', text: words.join(' '), action: 'post' },
  };
}

const SORTS = ['revised_at', 'kudos_count', 'hits_count', 'word_count'] as const;

/** Draws requests in the mix's proportions. */
export class Mix {
  private readonly rng: Rng;
  private readonly kinds: Kind[];
  private readonly kindSampler: Discrete;
  private readonly guestWork: Discrete;
  private readonly anyWork: Discrete;
  private readonly fandom: Discrete;
  private readonly writers: Reader[];
  /** The write kinds that run in this tree. */
  readonly liveWrites: WriteKind[];

  constructor(private readonly t: Targets, seed = 1) {
    if (t.guestWorks.length === 0 || t.fandoms.length === 0 || t.readers.length === 0) {
      throw new Error('load: the archive needs posted works, fandoms and users');
    }
    this.rng = new Rng(seed, 9);
    this.writers = t.readers.filter((r) => r.ownWorks.length > 0);
    const writes = WRITES.filter((w) => w.build !== null && this.writers.length > 0);
    this.liveWrites = writes.map((w) => w.kind);
    const writeTotal = writes.reduce((a, w) => a + w.share, 0);
    const entries: [Kind, number][] = [
      ...Object.entries(READ_MIX) as [Kind, number][],
      ...writes.map((w): [Kind, number] => [w.kind, (WRITE_SHARE * w.share) / writeTotal]),
    ];
    this.kinds = entries.map(([k]) => k);
    this.kindSampler = new Discrete(entries.map(([, w]) => w));
    // Popularity: a few works draw most readers (Zipf over works ranked by hits).
    this.guestWork = new Discrete(zipfWeights(t.guestWorks.length, 1.0));
    this.anyWork = new Discrete(zipfWeights(t.allWorks.length, 1.0));
    this.fandom = new Discrete(zipfWeights(t.fandoms.length, 1.0));
  }

  /** The share of each kind of request this mix sends. */
  shares(): Record<string, number> {
    return Object.fromEntries(this.kinds.map((k, i) => [k, this.kindSampler.probability(i)]));
  }

  next(): LoadRequest {
    const kind = this.kinds[this.kindSampler.sample(this.rng)]!;
    const rng = this.rng;
    switch (kind) {
      case 'guest_work':
        return { kind, method: 'GET', path: `/works/${this.t.guestWorks[this.guestWork.sample(rng)]}` };
      case 'signed_in_work':
        return { kind, method: 'GET', path: `/works/${this.t.allWorks[this.anyWork.sample(rng)]}`, cookie: rng.pick(this.t.readers).cookie };
      case 'tag_listing':
        return { kind, method: 'GET', path: this.listing() };
      case 'search':
        return { kind, method: 'GET', path: `/works/search?q=${encodeURIComponent(rng.chance(0.5) ? rng.pick(NOUNS) : `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`)}` };
      default: {
        const write = WRITES.find((w) => w.kind === kind)!;
        const reader = rng.pick(this.writers);
        const workId = this.t.allWorks[this.anyWork.sample(rng)]!;
        return write.build!(rng, reader, workId) ?? this.next();
      }
    }
  }

  /** A fandom's listing (popular fandoms more often), mostly narrowed by a character, with sidebar counts. */
  private listing(): string {
    const rng = this.rng;
    const f = this.t.fandoms[this.fandom.sample(rng)]!;
    const q: string[] = [];
    if (f.characters.length > 0 && rng.chance(0.6)) q.push(`include=${rng.pick(f.characters)}`);
    if (rng.chance(0.3)) for (const id of this.t.commonFreeforms.slice(0, 2)) q.push(`exclude=${id}`);
    if (rng.chance(0.3) && this.t.ratings.length > 0) q.push(`rating=${rng.pick(this.t.ratings)}`);
    if (rng.chance(0.5)) q.push(`sort=${rng.pick(SORTS)}`);
    // Later pages only where they surely exist, whatever the filters (20 works a page).
    if (q.length === 0 && rng.chance(0.15) && f.works >= 200) q.push(`page=${rng.between(2, 3)}`);
    return `/tags/${f.slug}/works${q.length > 0 ? `?${q.join('&')}` : ''}`;
  }
}
