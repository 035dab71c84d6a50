/**
 * Made-up prose for benchmarks: words invented from syllables, in sentences and paragraphs, so
 * pages have a realistic shape without using anyone's writing. Deterministic for a given seed.
 */

/** mulberry32: a small, fast, seedable PRNG; returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ONSETS = ['b', 'br', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 'sk', 't', 'th', 'v', 'w', 'z'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ae', 'ou', 'y'];
const CODAS = ['', '', 'n', 'r', 'l', 's', 'th', 'k', 'm'];
// Short words recur, as they do in real prose; they keep sentences from being all long words.
const SMALL = ['an', 'el', 'is', 'o', 'ta', 'ven', 'du', 'ka', 'mi', 'sel'];

export type GeneratedText = { text: string; words: number; paragraphs: number };

export type TextOptions = {
  /** Exactly this many words. */
  words: number;
  seed?: number;
  /** How many distinct invented words (besides the short ones). */
  vocabulary?: number;
};

/** Plain text: paragraphs separated by a blank line, sentences with capitals, commas and dialogue. */
export function generateText({ words, seed = 1, vocabulary = 300 }: TextOptions): GeneratedText {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

  const vocab = new Set<string>();
  for (let tries = 0; vocab.size < vocabulary && tries < vocabulary * 20; tries++) {
    let w = '';
    for (let s = between(1, 3); s > 0; s--) w += pick(ONSETS) + pick(VOWELS) + pick(CODAS);
    vocab.add(w);
  }
  const lexicon = [...vocab];
  const names = lexicon.slice(0, 6).map((w) => w[0]!.toUpperCase() + w.slice(1));
  const word = () => (rand() < 0.3 ? pick(SMALL) : rand() < 0.05 ? pick(names) : pick(lexicon));

  const paragraphs: string[] = [];
  let left = words;
  while (left > 0) {
    const sentences: string[] = [];
    for (let s = between(2, 7); s > 0 && left > 0; s--) {
      const n = Math.min(left, between(5, 22));
      const dialogue = left - n >= 2 && rand() < 0.12;
      left -= n + (dialogue ? 2 : 0);
      const ws: string[] = [];
      for (let i = 0; i < n; i++) ws.push(word() + (i < n - 1 && i > 2 && rand() < 0.08 ? ',' : ''));
      ws[0] = ws[0]![0]!.toUpperCase() + ws[0]!.slice(1);
      const end = rand() < 0.8 ? '.' : rand() < 0.5 ? '?' : '!';
      const sentence = ws.join(' ') + end;
      sentences.push(dialogue ? `"${sentence}" ${pick(names)} said.` : sentence);
    }
    paragraphs.push(sentences.join(' '));
  }
  const text = paragraphs.join('\n\n') + '\n';
  return { text, words: countWords(text), paragraphs: paragraphs.length };
}

/** Whitespace-separated words, the way a reader would count them. */
export const countWords = (text: string) => text.split(/\s+/).filter(Boolean).length;
