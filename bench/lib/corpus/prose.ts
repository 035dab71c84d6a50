/**
 * Invented prose with the statistics text search cares about: a fixed 30,000-word vocabulary
 * drawn with Zipf frequencies (a few short words everywhere, most words rare, as in real
 * English), sentences of 4-24 words, paragraphs of 3-8 sentences, some dialogue.
 */
import { Discrete, Rng, zipfWeights } from './distributions.js';

const VOCABULARY_SIZE = 30_000;
/** Fixed, independent of --seed: every corpus shares one language. */
const VOCABULARY_SEED = 0x5eed_0a03;
/** Zipf's law for word frequency: exponent about 1 (English measures 1.0-1.1). */
const WORD_ZIPF = 1.0;

const ONSETS = ['', 'b', 'br', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 'sh', 'sk', 't', 'th', 'tr', 'v', 'w', 'y', 'z'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ae', 'ea', 'ou', 'y'];
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 'th', 'k', 'm', 'st', 'nd', 'rt'];
const SPEECH = ['said', 'said', 'said', 'asked', 'replied', 'whispered', 'murmured', 'called'];

export type ProseOptions = {
  /** Exactly this many words (as AO3 counts them). */
  words: number;
  /** Names of the work's characters (letters only) to scatter through the text. */
  names: readonly string[];
};

const enc = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const [QUOTE, COMMA, PERIOD, QUESTION, BANG, APOSTROPHE, SPACE, NEWLINE] = [34, 44, 46, 63, 33, 39, 32, 10];
const OPEN_P = enc('<p>');
const CLOSE_P = enc('</p>');
const SPEECH_BYTES = SPEECH.map(enc);

/** Copies b into buf at pos; returns the position after it. */
function put(buf: Uint8Array, pos: number, b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) buf[pos + i] = b[i]!;
  return pos + b.length;
}

export class Prose {
  /** Rank order: index 0 is the most frequent word. */
  readonly vocabulary: string[];
  private readonly sampler: Discrete;
  /** The vocabulary as ASCII bytes, end to end: prose is written straight into a byte buffer. */
  private readonly bytes: Uint8Array;
  private readonly offsets: Int32Array;
  private buf = new Uint8Array(1 << 16);

  constructor() {
    const rng = new Rng(VOCABULARY_SEED);
    const seen = new Set<string>();
    const words: string[] = [];
    while (words.length < VOCABULARY_SIZE) {
      const syllables = words.length < 400 ? 1 : words.length < 6000 ? rng.between(1, 2) : rng.between(2, 3);
      let w = '';
      for (let s = 0; s < syllables; s++) w += rng.pick(ONSETS) + rng.pick(VOWELS) + rng.pick(CODAS);
      // A few contractions, so apostrophes occur inside words as in "don't".
      if (syllables > 1 && rng.chance(0.015)) w = `${w.slice(0, -1)}'${w.slice(-1)}`;
      if ((w.length < 2 && w !== 'a' && w !== 'o') || seen.has(w)) continue;
      seen.add(w);
      words.push(w);
    }
    // Shorter words are the more frequent ones (Zipf's law of abbreviation).
    words.sort((a, b) => a.length - b.length);
    this.vocabulary = words;
    this.sampler = new Discrete(zipfWeights(VOCABULARY_SIZE, WORD_ZIPF), 16 * VOCABULARY_SIZE);
    this.offsets = new Int32Array(words.length + 1);
    let total = 0;
    for (let i = 0; i < words.length; i++) {
      this.offsets[i] = total;
      total += words[i]!.length;
    }
    this.offsets[words.length] = total;
    this.bytes = enc(words.join(''));
  }

  private readonly names = new Map<string, Uint8Array>();
  private readonly nameList: Uint8Array[] = [];
  private nameBytes(name: string): Uint8Array {
    let b = this.names.get(name);
    if (!b) this.names.set(name, (b = enc(name)));
    return b;
  }

  /** One word by Zipf frequency (for titles, summaries). */
  word(rng: Rng): string {
    return this.vocabulary[this.sampler.sample(rng)]!;
  }

  /**
   * HTML paragraphs (<p>...</p>, one per line) holding exactly `words` words as AO3 counts them.
   * Names must be ASCII letters. Bytes are written into one reused buffer: several times faster
   * than joining millions of small strings.
   */
  html({ words, names }: ProseOptions, rng: Rng): string {
    return this.write(words, names, rng, 0);
  }

  /** A summary: one paragraph of `sentences` short sentences, no dialogue. */
  summary(rng: Rng, names: readonly string[], sentences: number): string {
    return this.write(sentences * 24, names, rng, sentences);
  }

  /** Writes `words` words of paragraphs; or, with `sentences` > 0, one paragraph of that many. */
  private write(words: number, names: readonly string[], rng: Rng, sentences: number): string {
    const nameBytes = this.nameList;
    nameBytes.length = 0;
    for (const n of names) nameBytes.push(this.nameBytes(n));
    const nameCount = nameBytes.length;
    let longest = 24;
    for (const nb of nameBytes) longest = Math.max(longest, nb.length + 4);
    // Per word at most: the word, "'s", a quote or punctuation pair, a space; per paragraph the tags.
    const need = words * (longest + 6) + 64;
    if (this.buf.length < need) this.buf = new Uint8Array(Math.max(need, this.buf.length * 2));
    const buf = this.buf;
    const bytes = this.bytes;
    const offsets = this.offsets;
    const sampler = this.sampler;
    let pos = 0;
    let left = words;
    while (left > 0) {
      if (pos > 0) buf[pos++] = NEWLINE;
      pos = put(buf, pos, OPEN_P);
      for (let s = sentences || rng.between(3, 8), first = true; s > 0 && left > 0; s--, first = false) {
        if (!first) buf[pos++] = SPACE;
        const dialogue = sentences === 0 && nameCount > 0 && left >= 6 && rng.float() < 0.15;
        // A dialogue line ends in a speech tag, `"...," Name said.`: two more words.
        const n = Math.min(dialogue ? left - 2 : left, sentences ? 5 + rng.int(14) : 4 + rng.int(21));
        left -= n + (dialogue ? 2 : 0);
        if (dialogue) buf[pos++] = QUOTE;
        for (let i = 0; i < n; i++) {
          if (i > 0) buf[pos++] = SPACE;
          const u = rng.float();
          const start = pos;
          if (u < 0.03 && nameCount > 0) {
            // Characters' names, sometimes possessive (an apostrophe inside a word).
            pos = put(buf, pos, nameBytes[Math.floor(u * 33.3 * nameCount)]!);
            if (u < 0.006) {
              buf[pos++] = APOSTROPHE;
              buf[pos++] = 115; // s
            }
          } else {
            const k = sampler.at(rng.float());
            for (let j = offsets[k]!, end = offsets[k + 1]!; j < end; j++) buf[pos++] = bytes[j]!;
          }
          if (i === 0) {
            const c = buf[start]!;
            if (c >= 97 && c <= 122) buf[start] = c - 32;
          }
          if (i < n - 1 && u > 0.93) buf[pos++] = COMMA;
        }
        const mark = rng.float();
        if (dialogue) {
          buf[pos++] = mark < 0.7 ? COMMA : mark < 0.85 ? QUESTION : BANG;
          buf[pos++] = QUOTE;
          buf[pos++] = SPACE;
          pos = put(buf, pos, nameBytes[rng.int(nameCount)]!);
          buf[pos++] = SPACE;
          pos = put(buf, pos, SPEECH_BYTES[rng.int(SPEECH_BYTES.length)]!);
          buf[pos++] = PERIOD;
        } else {
          buf[pos++] = mark < 0.85 ? PERIOD : mark < 0.93 ? QUESTION : BANG;
        }
      }
      pos = put(buf, pos, CLOSE_P);
      if (sentences) break;
    }
    return Buffer.from(buf.buffer, buf.byteOffset, pos).toString('latin1');
  }
}
