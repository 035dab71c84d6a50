/**
 * One work at a time: its tags, size, chapters, dates and response counts, each drawn from an
 * AO3-like distribution. Works are drawn in id order from one stream, so a seed fixes them all.
 */
import type { Archive, Character, Fandom } from './archive.js';
import { Rng, Weighted } from './distributions.js';
import { isLanguage } from '../../../src/works/languages.js';
import { title } from './names.js';
import type { Prose } from './prose.js';

export type Work = {
  id: number;
  title: string;
  summary: string;
  language: string;
  restricted: 0 | 1;
  expectedChapters: number | null;
  words: number;
  publishedAt: string;
  revisedAt: string;
  kudos: number;
  hits: number;
  comments: number;
  bookmarks: number;
  /** Pseud ids, in byline order. */
  creators: number[];
  /** Tag ids in the writer's order: rating, warnings, categories, fandoms, relationships, characters, additional. */
  tags: number[];
  /** Fandom tag ids (also in `tags`), for statistics. */
  fandoms: number[];
  chapterWords: number[];
  chapterDates: string[];
  /** Character first names, for the prose. */
  names: string[];
  /** Chapter texts (HTML), with --text only. */
  bodies?: string[];
};

// Ratings on AO3: General 27%, Teen 30%, Mature 18%, Explicit 20%, Not Rated 5%.
const RATING_MIX = [0.27, 0.30, 0.18, 0.20, 0.05] as const;
// Warnings (WARNINGS order): most writers pick "No Archive Warnings Apply" or "Choose Not To Use".
const WARNING_MIX = [0.30, 0.55, 0.08, 0.05, 0.015, 0.005] as const;
// Categories (CATEGORIES order: Gen, F/M, M/M, F/F, Multi, Other): slash dominates AO3.
const CATEGORY_MIX = [0.20, 0.20, 0.45, 0.08, 0.05, 0.02] as const;
// Languages: AO3 is ~88% English; Chinese, Russian, Spanish, French, German follow.
const LANGUAGE_MIX: Array<[string, number]> = [
  ['en', 88], ['zh', 3.4], ['ru', 2.2], ['es', 1.5], ['fr', 1.1], ['de', 0.9], ['pt-BR', 0.7], ['it', 0.5],
  ['ja', 0.4], ['ko', 0.3], ['pl', 0.25], ['vi', 0.2], ['id', 0.15], ['uk', 0.12], ['nl', 0.1], ['tr', 0.1],
  ['sv', 0.06], ['fi', 0.05], ['cs', 0.05], ['hu', 0.04], ['th', 0.04], ['pt-PT', 0.04], ['zh-yue', 0.03],
  ['ca', 0.03], ['ar', 0.02], ['he', 0.02], ['ro', 0.02], ['el', 0.02], ['da', 0.02], ['no', 0.02],
];
// Relationship tags per work (0-4): most works tag one ship; gen works often none.
const ROMANCE_COUNT = [0.2, 0.5, 0.15, 0.09, 0.06] as const;
const GEN_COUNT = [0.55, 0.3, 0.1, 0.03, 0.02] as const;

/** AO3 opened (beta) in late 2008 and grew every year: more works each year than the last. */
const START = Date.UTC(2009, 0, 1);
const END = Date.UTC(2026, 10, 1);
const GROWTH = 2.2; // density ∝ e^(GROWTH·x) over the span: the last year has ~8x the first's works
const DAY = 86_400_000;

const MEDIAN_WORDS = 3000;
/** sigma 1.5 puts ~1% of works above 100,000 words with a 3,000 median (AO3's long tail of novels). */
const WORDS_SIGMA = 1.5;
const MAX_WORDS = 600_000;
const WORDS_PER_CHAPTER = 3500;

const GEN = 0; // index of Gen in CATEGORIES

export class WorkMaker {
  private readonly rng: Rng;
  private readonly ratings: Weighted<number>;
  private readonly warnings: Weighted<number>;
  private readonly categories: Weighted<number>;
  private readonly languages: Weighted<string>;
  private readonly romanceCount: Weighted<number>;
  private readonly genCount: Weighted<number>;

  constructor(private readonly archive: Archive, private readonly prose: Prose, seed: number) {
    this.rng = new Rng(seed, 2);
    const idx = (mix: readonly number[]) => mix.map((w, i) => [i, w] as const);
    this.ratings = new Weighted(idx(RATING_MIX));
    this.warnings = new Weighted(idx(WARNING_MIX));
    this.categories = new Weighted(idx(CATEGORY_MIX));
    for (const [code] of LANGUAGE_MIX) if (!isLanguage(code)) throw new Error(`corpus: unknown language code ${code}`);
    this.languages = new Weighted(LANGUAGE_MIX);
    this.romanceCount = new Weighted(idx(ROMANCE_COUNT));
    this.genCount = new Weighted(idx(GEN_COUNT));
  }

  /** The fandom a relationship or character comes from: crossovers lean on their first fandom. */
  private home(fandoms: Fandom[]): Fandom {
    return fandoms.length === 1 || this.rng.chance(0.6) ? fandoms[0]! : this.rng.pick(fandoms);
  }

  next(id: number): Work {
    const rng = this.rng;
    const a = this.archive;
    const fixed = a.fixed;
    const tags: number[] = [];

    // Creators: one pseud mostly; ~3% of works are co-created.
    const creators = [a.userByRank[a.userSampler.sample(rng)]!];
    if (rng.chance(0.03)) {
      const other = a.userByRank[a.userSampler.sample(rng)]!;
      if (other !== creators[0]) creators.push(other);
    }

    tags.push(fixed.ratings[this.ratings.sample(rng)]!);
    // Warnings: one, sometimes two (a specific warning seldom comes alone).
    const w1 = this.warnings.sample(rng);
    tags.push(fixed.warnings[w1]!);
    if ((w1 >= 2 && rng.chance(0.3)) || (w1 === 0 && rng.chance(0.1))) {
      const w2 = 2 + rng.int(4);
      if (w2 !== w1) tags.push(fixed.warnings[w2]!);
    }
    // Categories: one, 15% two.
    const c1 = this.categories.sample(rng);
    tags.push(fixed.categories[c1]!);
    let genOnly = c1 === GEN;
    if (rng.chance(0.15)) {
      const c2 = this.categories.sample(rng);
      if (c2 !== c1) {
        tags.push(fixed.categories[c2]!);
        genOnly = false;
      }
    }

    // Fandoms: 10% of works are crossovers of 2-3 fandoms.
    const fandoms: Fandom[] = [a.fandoms[a.fandomSampler.sample(rng)]!];
    if (rng.chance(0.1)) {
      const extra = rng.chance(0.7) ? 1 : 2;
      for (let tries = 0; fandoms.length < 1 + extra && tries < 10; tries++) {
        const f = a.fandoms[a.fandomSampler.sample(rng)]!;
        if (!fandoms.includes(f)) fandoms.push(f);
      }
    }
    const fixedTags = tags.length;
    for (const f of fandoms) tags.push(f.id);

    // How many free tags of each kind: heavy-tailed, 5-30 in all (fandoms included).
    const relCount = (genOnly ? this.genCount : this.romanceCount).sample(rng);
    const charCount = Math.min(10, Math.max(1, Math.round(rng.lognormal(3, 0.6))));
    let freeCount = Math.min(20, Math.max(1, Math.round(rng.lognormal(4.5, 0.85))));
    const free = fandoms.length + relCount + charCount + freeCount;
    if (free < 5) freeCount += 5 - free;
    else if (free > 30) freeCount = Math.max(1, freeCount - (free - 30));

    // Relationships (with their characters, as writers tag both), then more characters.
    const chars: Character[] = [];
    const names: string[] = [];
    for (let i = 0; i < relCount; i++) {
      const f = this.home(fandoms);
      const platonic = genOnly || rng.chance(0.1);
      const list = platonic ? f.platonic : f.romantic;
      const sampler = platonic ? f.platonicSampler : f.romanticSampler;
      if (!sampler) continue;
      const r = list[sampler.sample(rng)]!;
      if (tags.includes(r.id)) continue;
      tags.push(r.id);
      for (const k of [r.a, r.b]) {
        const c = f.characters[k]!;
        if (!chars.includes(c) && chars.length < charCount) chars.push(c);
      }
    }
    for (let tries = 0; chars.length < charCount && tries < charCount * 3; tries++) {
      const f = this.home(fandoms);
      const c = f.characters[f.characterSampler.sample(rng)]!;
      if (!chars.includes(c)) chars.push(c);
    }
    for (const c of chars) {
      // A synonym spelling is what ~20% of writers type for a character that has one.
      const t = c.synonymId !== 0 && rng.chance(0.2) ? c.synonymId : c.id;
      if (!tags.includes(t)) tags.push(t);
      names.push(c.first);
    }

    // Additional tags: the Zipf pool, plus now and then one about a character.
    let added = 0;
    if (chars.length > 0 && rng.chance(0.1)) {
      const t = a.characterFreeform(rng, chars[rng.int(Math.min(2, chars.length))]!);
      if (t !== null && !tags.includes(t)) {
        tags.push(t);
        added++;
      }
    }
    // Duplicate draws may have left the work short of 5 free tags: top up with additional tags.
    const freeTags = tags.length - fixedTags;
    if (freeTags + freeCount - added < 5) freeCount = 5 - freeTags + added;
    for (let tries = 0; added < freeCount && tries < freeCount * 10; tries++) {
      const t = a.freeforms[a.freeformSampler.sample(rng)]!;
      if (!tags.includes(t)) {
        tags.push(t);
        added++;
      }
    }

    // Words: lognormal, median ~3,000, ~1% over 100,000 (AO3's length distribution).
    const words = Math.min(MAX_WORDS, Math.max(20, Math.round(rng.lognormal(MEDIAN_WORDS, WORDS_SIGMA))));
    // Chapters: ~60% of works are one-shots; longer works are split at ~3,500 words a chapter.
    const oneShot = words < 3500 ? 0.9 : words < 10_000 ? 0.45 : words < 30_000 ? 0.12 : 0.02;
    let chapters = 1;
    if (!rng.chance(oneShot)) {
      chapters = Math.max(2, Math.round(words / (WORDS_PER_CHAPTER * rng.lognormal(1, 0.4))));
      chapters = Math.min(chapters, Math.max(1, Math.floor(words / 100)), 400);
    }
    // Complete (expected = posted) for ~75%; otherwise "?" or a planned larger number.
    let expectedChapters: number | null = chapters;
    if (!rng.chance(chapters === 1 ? 0.85 : 0.6)) {
      expectedChapters = rng.chance(0.55) ? null : chapters + rng.between(1, Math.max(2, chapters));
    }
    const chapterWords = splitWords(rng, words, chapters);

    // Dates: published over 2009-2026, denser in later years; multi-chapter works keep updating.
    const x = Math.log(1 + rng.float() * (Math.exp(GROWTH) - 1)) / GROWTH;
    const published = START + Math.floor((x * (END - START)) / 1000) * 1000;
    let span = 0;
    if (chapters > 1) span = rng.exponential(20 * DAY) * (chapters - 1);
    else if (rng.chance(0.15)) span = rng.exponential(5 * DAY);
    // Still updating at the end of the span: spread over what is left rather than piling up on END.
    if (published + span >= END) span = (END - published) * rng.float();
    const revised = published + Math.floor(span / 1000) * 1000;
    const chapterDates: string[] = [];
    for (let i = 0; i < chapters; i++) {
      const t = chapters === 1 ? published : published + Math.round(((revised - published) * i) / (chapters - 1) / 1000) * 1000;
      chapterDates.push(i === 0 ? iso(published) : i === chapters - 1 ? iso(revised) : iso(t));
    }

    // Kudos: lognormal, median ~40, tail into the tens of thousands; a little more in big fandoms.
    const kudos = Math.floor(rng.lognormal(40, 1.6) * fandoms[0]!.kudosFactor);
    // Hits ~8-30x kudos; comments ~kudos/6; bookmarks ~kudos/8, each with noise.
    const hits = Math.round((kudos + 1) * (8 + rng.float() * 22));
    const comments = Math.floor((kudos / 6) * rng.lognormal(1, 0.5));
    const bookmarks = Math.floor((kudos / 8) * rng.lognormal(1, 0.5));

    const summaryNames = names.slice(0, 2);
    return {
      id,
      title: title(rng),
      summary: this.prose.summary(rng, summaryNames, 1 + rng.int(3)),
      language: this.languages.sample(rng),
      restricted: rng.chance(0.06) ? 1 : 0, // ~6% of AO3 works are for logged-in users only
      expectedChapters,
      words,
      publishedAt: chapterDates[0]!,
      revisedAt: chapterDates[chapters - 1]!,
      kudos, hits, comments, bookmarks,
      creators,
      tags,
      fandoms: fandoms.map((f) => f.id),
      chapterWords,
      chapterDates,
      names,
    };
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Splits `words` over `chapters` with some unevenness; every chapter gets at least one word. */
function splitWords(rng: Rng, words: number, chapters: number): number[] {
  if (chapters === 1) return [words];
  const weights: number[] = [];
  let sum = 0;
  for (let i = 0; i < chapters; i++) {
    const w = 0.5 + rng.float();
    weights.push(w);
    sum += w;
  }
  const out: number[] = [];
  let given = 0;
  for (let i = 0; i < chapters; i++) {
    const n = Math.max(1, Math.floor((words - chapters) * (weights[i]! / sum)) + 1);
    out.push(n);
    given += n;
  }
  out[chapters - 1]! += words - given;
  return out;
}
