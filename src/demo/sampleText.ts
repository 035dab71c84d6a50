/**
 * Invented words for the demo archive: titles, summaries and chapter prose put together from
 * small word lists, so the sample works read like stories at a glance and never come from
 * anyone's real writing.
 */

/** A small seeded generator (mulberry32): the same seed gives the same demo archive. */
export class SampleRng {
  constructor(private state: number) {}

  float(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  /** k different items of xs (fewer when xs is shorter). */
  some<T>(xs: readonly T[], k: number): T[] {
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < k && pool.length > 0) out.push(pool.splice(this.int(pool.length), 1)[0]!);
    return out;
  }
}

const ADJECTIVES = ['Quiet', 'Silver', 'Borrowed', 'Hollow', 'Golden', 'Lost', 'Distant', 'Salt', 'Paper', 'Winter', 'Second', 'Unfinished', 'Bright', 'Crooked', 'Gentle', 'Last'];
const NOUNS = ['Harbour', 'Lantern', 'Orchard', 'Signal', 'Garden', 'Tide', 'Letter', 'Bridge', 'Compass', 'Ember', 'Map', 'Choir', 'Window', 'Ferry', 'Thread', 'Season'];
const PLACES = ['by the harbour wall', 'on the night ferry', 'in the lantern room', 'under the orchard trees', 'at the edge of the map', 'in the empty station', 'on the roof', 'in the kitchen at dawn'];
const VERBS = ['waited', 'laughed', 'listened', 'hesitated', 'looked away', 'smiled', 'kept walking', 'stopped', 'sighed', 'remembered'];
const OBJECTS = ['the letter', 'an old compass', 'a cup of tea gone cold', 'the spare key', 'a folded map', 'the last lantern', 'a borrowed coat', 'the radio'];
const FEELINGS = ['it felt like coming home', 'nothing needed saying', 'the quiet was almost kind', 'something had shifted', 'the rain could wait', 'they were not alone anymore'];
const LINES = ['You came back.', 'I kept it for you.', 'We should go before the tide turns.', 'Tell me the rest of the story.', 'It was never about the map.', 'Stay. Just for tonight.'];

export const sampleTitle = (rng: SampleRng) =>
  rng.pick([
    () => `The ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`,
    () => `${rng.pick(NOUNS)} and ${rng.pick(NOUNS)}`,
    () => {
      const noun = rng.pick(NOUNS);
      return `${/^[AEIOU]/.test(noun) ? 'An' : 'A'} ${noun} for the ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`;
    },
    () => `Where the ${rng.pick(NOUNS)}s Go`,
  ])();

function sentence(rng: SampleRng, names: readonly string[]): string {
  const a = rng.pick(names);
  const b = rng.pick(names);
  const s = rng.pick([
    () => `${a} ${rng.pick(VERBS)} ${rng.pick(PLACES)}.`,
    () => `${a} found ${rng.pick(OBJECTS)} ${rng.pick(PLACES)}, and ${rng.pick(FEELINGS)}.`,
    () => `"${rng.pick(LINES)}" ${a} said.`,
    () => `${b} ${rng.pick(VERBS)}, and ${a} ${rng.pick(VERBS)} too.`,
    () => `For a while ${rng.pick(FEELINGS)}.`,
  ])();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Paragraphs (one per line) of about `words` words, starring `names`. */
export function sampleProse(rng: SampleRng, names: readonly string[], words: number): string {
  const paragraphs: string[] = [];
  let count = 0;
  while (count < words) {
    const p: string[] = [];
    for (let i = 3 + rng.int(4); i > 0; i--) p.push(sentence(rng, names));
    const text = p.join(' ');
    count += text.split(' ').length;
    paragraphs.push(text);
  }
  return paragraphs.join('\n');
}

/** What the prose calls a character: the first name, or the whole name when it starts with a title. */
export const callName = (character: string) =>
  /^(the|Professor|Captain|Commander|Old)\b/i.test(character) ? character : character.split(' ')[0]!;

export const sampleSummary = (rng: SampleRng, names: readonly string[]) =>
  `Generated sample data, not a real story. ${sentence(rng, names)} ${sentence(rng, names)}`;
