/**
 * Invented names for the corpus: fandoms, characters, additional tags, titles. Everything is
 * built from syllables and plain English words, so no real fandom, person or work appears.
 */
import type { Rng } from './distributions.js';

const ONSETS = ['b', 'br', 'c', 'd', 'dr', 'f', 'g', 'h', 'j', 'k', 'kr', 'l', 'm', 'n', 'p', 'qu', 'r', 's', 'sh', 'st', 't', 'th', 'tr', 'v', 'w', 'z'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ae', 'ai', 'ei', 'ia', 'ou', 'y'];
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 'th', 'k', 'm', 'x', 'nd', 'rn', 'sk'];
const ENDINGS = ['', '', 'a', 'en', 'in', 'is', 'or', 'ra', 'el', 'ys', 'eth', 'wen', 'ric', 'ine', 'ova'];

const unique = (xs: string[]) => [...new Set(xs)];
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A pronounceable invented word of 1-3 syllables, lower case. */
export function syllableWord(rng: Rng, minSyllables = 1, maxSyllables = 3): string {
  let w = '';
  for (let s = rng.between(minSyllables, maxSyllables); s > 0; s--) w += rng.pick(ONSETS) + rng.pick(VOWELS) + rng.pick(CODAS);
  return w;
}

/** An invented proper name: "Kaelith", "Vorsen". */
export function properName(rng: Rng): string {
  return cap(syllableWord(rng, 1, 2) + rng.pick(ENDINGS));
}

export const ADJECTIVES = unique([
  'silent', 'glass', 'hollow', 'golden', 'broken', 'quiet', 'burning', 'last', 'first', 'distant', 'paper', 'iron',
  'silver', 'hidden', 'winter', 'summer', 'crimson', 'pale', 'bright', 'lost', 'small', 'endless', 'gentle', 'wild',
  'stolen', 'borrowed', 'salt', 'velvet', 'copper', 'northern', 'southern', 'sunken', 'drowned', 'shattered', 'quiet',
  'tender', 'bitter', 'sweet', 'open', 'secret', 'weightless', 'restless', 'patient', 'strange', 'little', 'great',
  'midnight', 'morning', 'evening', 'faded', 'wandering', 'falling', 'rising', 'waking', 'sleeping', 'brave', 'cold',
  'warm', 'green', 'blue', 'grey', 'black', 'white', 'scarlet', 'amber', 'ivory', 'marble', 'hungry', 'lonely',
  'careful', 'reckless', 'honest', 'crooked', 'hollowed', 'forgotten', 'remembered', 'unspoken', 'unwritten', 'sacred',
  'ordinary', 'impossible', 'invisible', 'electric', 'wooden', 'feathered', 'starlit', 'moonlit', 'sunlit', 'rainy',
  'stormy', 'frozen', 'thawing', 'ashen', 'bloodied', 'gilded', 'tarnished', 'wistful', 'fragile', 'steady', 'second',
]);

export const NOUNS = unique([
  'orchard', 'harbour', 'light', 'crown', 'river', 'garden', 'mirror', 'letter', 'lantern', 'tide', 'shore', 'star',
  'storm', 'bridge', 'tower', 'forest', 'winter', 'summer', 'heart', 'house', 'road', 'door', 'key', 'bird', 'wolf',
  'fox', 'raven', 'moth', 'rose', 'thorn', 'sparrow', 'ember', 'ash', 'smoke', 'flame', 'ocean', 'island', 'city',
  'kingdom', 'empire', 'song', 'silence', 'promise', 'secret', 'dream', 'ghost', 'shadow', 'sun', 'moon', 'sky',
  'rain', 'snow', 'frost', 'stone', 'bone', 'blood', 'salt', 'honey', 'milk', 'bread', 'wine', 'tea', 'ink', 'paper',
  'thread', 'needle', 'ribbon', 'glove', 'coat', 'ring', 'sword', 'shield', 'arrow', 'bow', 'ship', 'sail', 'anchor',
  'compass', 'map', 'clock', 'bell', 'candle', 'window', 'wall', 'field', 'meadow', 'hill', 'valley', 'mountain',
  'lake', 'well', 'spring', 'autumn', 'harvest', 'festival', 'wedding', 'funeral', 'war', 'peace', 'truce', 'oath',
  'vow', 'debt', 'gift', 'heir', 'queen', 'king', 'prince', 'knight', 'thief', 'witch', 'saint', 'stranger', 'friend',
  'enemy', 'rival', 'ally', 'soldier', 'sailor', 'scholar', 'healer', 'hunter', 'keeper', 'garden', 'library', 'archive',
  'chapel', 'station', 'signal', 'static', 'frequency', 'orbit', 'comet', 'galaxy', 'satellite', 'engine', 'machine',
  'circuit', 'wire', 'glass', 'mosaic', 'tapestry', 'quilt', 'feather', 'wing', 'hand', 'mouth', 'voice', 'name', 'word',
  'story', 'chapter', 'ending', 'beginning', 'morning', 'evening', 'night', 'day', 'year', 'season', 'hour', 'minute',
]);

const ING = [
  'Chasing', 'Finding', 'Losing', 'Keeping', 'Mending', 'Burning', 'Breaking', 'Holding', 'Crossing', 'Waiting for',
  'Learning', 'Counting', 'Following', 'Remembering', 'Forgetting', 'Building', 'Carrying', 'Drowning in', 'Dancing with',
  'Reaching for', 'Running from', 'Singing to', 'Writing', 'Reading', 'Stealing', 'Saving', 'Calling', 'Becoming',
];

const VERBS = ['Fall', 'Burn', 'Sing', 'Break', 'Wait', 'Stay', 'Grow', 'Sleep', 'Wander', 'Bloom', 'Drown', 'Rise', 'Linger', 'Shine'];
const PAST = ['Knew', 'Kept', 'Said', 'Saw', 'Owed', 'Wanted'];

const pl = (n: string) => (/(s|x|sh|ch)$/.test(n) ? `${n}es` : /[^aeiou]y$/.test(n) ? `${n.slice(0, -1)}ies` : `${n}s`);
// Title-case copies, made once: titles are drawn a million times.
const ADJ = ADJECTIVES.map(cap);
const NOUN = NOUNS.map(cap);
const NOUNS_PL = NOUNS.map((n) => cap(pl(n)));

/** A work title of 2-6 words from word lists: "The Glass Orchard", "Chasing the Last Light". */
export function title(rng: Rng): string {
  switch (rng.int(12)) {
    case 0: return `The ${rng.pick(ADJ)} ${rng.pick(NOUN)}`;
    case 1: return `${rng.pick(ADJ)} ${rng.pick(NOUN)}`;
    case 2: return `${rng.pick(NOUN)} and ${rng.pick(NOUN)}`;
    case 3: return `${rng.pick(NOUN)} of ${rng.chance(0.5) ? 'the ' : ''}${rng.pick(ADJ)} ${rng.pick(NOUN)}`;
    case 4: return `${rng.pick(ING)} the ${rng.pick(NOUN)}`;
    case 5: return `All the ${rng.pick(ADJ)} ${rng.pick(NOUNS_PL)}`;
    case 6: return `${rng.pick(ING)} ${rng.pick(NOUNS_PL)} in the ${rng.pick(NOUN)}`;
    case 7: return `Where the ${rng.pick(NOUNS_PL)} ${rng.pick(VERBS)}`;
    case 8: return `A ${rng.pick(NOUN)} for the ${rng.pick(ADJ)} ${rng.pick(NOUN)}`;
    case 9: return `${rng.pick(NOUN)}, ${rng.pick(NOUN)}, ${rng.pick(NOUN)}`;
    case 10: return `What the ${rng.pick(NOUN)} ${rng.pick(PAST)}`;
    default: return `${rng.pick(ADJ)} ${rng.pick(NOUNS_PL)}`;
  }
}

/** Media a fandom's canon comes in; " - Author" is how AO3 names books. */
export const MEDIA = ['(TV)', '(Video Game)', '(Anime)', '(Manga)', '(Comics)', '(Movies)', '(Web Series)', '(Podcast)', '(Cartoon)', '- Author'] as const;
export type Medium = (typeof MEDIA)[number];
const MEDIA_WEIGHTS: Record<Medium, number> = {
  '(TV)': 24, '(Video Game)': 14, '(Anime)': 10, '(Manga)': 4, '(Comics)': 8, '(Movies)': 10, '(Web Series)': 4,
  '(Podcast)': 2, '(Cartoon)': 6, '- Author': 18,
};

export function medium(rng: Rng): Medium {
  let total = 0;
  for (const m of MEDIA) total += MEDIA_WEIGHTS[m];
  let x = rng.float() * total;
  for (const m of MEDIA) {
    x -= MEDIA_WEIGHTS[m];
    if (x < 0) return m;
  }
  return '(TV)';
}

/** A fandom's base name, without the medium: "Harbour Lights", "The Kestrava Chronicles". */
export function fandomBase(rng: Rng): string {
  const a = () => cap(rng.pick(ADJECTIVES));
  const n = () => cap(rng.pick(NOUNS));
  switch (rng.int(7)) {
    case 0: return `The ${a()} ${n()}`;
    case 1: return `${n()} ${cap(pl(rng.pick(NOUNS)))}`;
    case 2: return properName(rng);
    case 3: return `The ${properName(rng)} ${rng.pick(['Chronicles', 'Saga', 'Cycle', 'Files', 'Academy', 'Company', 'Project', 'Trilogy'])}`;
    case 4: return `${cap(pl(rng.pick(NOUNS)))} of ${properName(rng)}`;
    case 5: return `${properName(rng)} ${n()}`;
    default: return `${a()} ${cap(pl(rng.pick(NOUNS)))}`;
  }
}

/** Invented author names for book fandoms ("The Glass Orchard - Ilsa Varenne"). */
export const authorName = (rng: Rng) => `${properName(rng)} ${properName(rng)}`;

export function fandomName(base: string, m: Medium, author: string): string {
  return m === '- Author' ? `${base} - ${author}` : `${base} ${m}`;
}

/** A character: mostly "First Last", sometimes a single name. */
export function characterName(rng: Rng): { name: string; first: string; last: string | null } {
  const first = properName(rng);
  if (rng.chance(0.2)) return { name: first, first, last: null };
  const last = properName(rng);
  return { name: `${first} ${last}`, first, last };
}

/** The generic additional tags at the top of AO3's popularity list. */
export const TROPES = [
  'Angst', 'Fluff', 'Hurt/Comfort', 'Alternate Universe', 'Romance', 'Humor', 'Slow Burn', 'Smut', 'Angst with a Happy Ending',
  'Alternate Universe - Canon Divergence', 'Friendship', 'Fluff and Angst', 'Established Relationship', 'Happy Ending',
  'Alternate Universe - Modern Setting', 'Found Family', 'Enemies to Lovers', 'Friends to Lovers', 'Canon Compliant',
  'Mutual Pining', 'Pining', 'Getting Together', 'Drama', 'Whump', 'Domestic Fluff', 'Post-Canon', 'Pre-Canon', 'Fix-It',
  'Kissing', 'Love Confessions', 'First Kiss', 'Hurt No Comfort', 'Comfort', 'Canon Divergence', 'Crack', 'Crack Treated Seriously',
  'Family', 'Nightmares', 'Panic Attacks', 'Mental Health Issues', 'Character Study', 'Introspection', 'Minor Character Death',
  'Implied/Referenced Character Death', 'Blood and Injury', 'Violence', 'Torture', 'Grief/Mourning', 'Trauma', 'Recovery',
  'Sickfic', 'Cuddling & Snuggling', 'Protective Siblings', 'Bittersweet Ending', 'Sad Ending', 'Open Ending', 'Slice of Life',
  'Time Travel', 'Soulmates', 'Soulmate-Identifying Marks', 'Alternate Universe - College/University', 'Alternate Universe - Coffee Shops & Cafés',
  'Alternate Universe - High School', 'Alternate Universe - Fantasy', 'Alternate Universe - Royalty', 'Alternate Universe - Human',
  'Fake/Pretend Relationship', 'Only One Bed', 'Miscommunication', 'Misunderstandings', 'Jealousy', 'Secret Relationship',
  'Slow Build', 'Sexual Tension', 'Unresolved Sexual Tension', 'Banter', 'Flirting', 'Oblivious', 'Idiots in Love',
  'Domestic', 'Morning After', 'Holidays', 'Christmas', 'Halloween', 'Birthday', 'Valentine\'s Day', 'Road Trips',
  'Letters', 'Epistolary', 'Texting', 'Social Media', 'Ficlet', 'Drabble', 'One Shot', 'Poetry', 'Episode Tag',
  'Missing Scene', 'Reunions', 'Temporary Character Death', 'Major Illness', 'Amnesia', 'Magic', 'Dragons', 'Vampires',
  'Werewolves', 'Ghosts', 'Mermaids', 'Pirates', 'Space Opera', 'Cyberpunk', 'Dystopia', 'Post-Apocalypse', 'Mystery',
  'Detectives', 'Heist', 'Court Intrigue', 'Politics', 'Arranged Marriage', 'Marriage of Convenience', 'Bodyguard',
  'Kidnapping', 'Rescue', 'Hospitals', 'Tattoos', 'Cooking', 'Baking', 'Gardening', 'Music', 'Dancing', 'Sports',
];

/** Phrases for generated additional tags, with ADJECTIVES/NOUNS filled in. */
export function generatedFreeform(rng: Rng): string {
  const a = () => rng.pick(ADJECTIVES);
  const n = () => rng.pick(NOUNS);
  switch (rng.int(12)) {
    case 0: return `Alternate Universe - ${cap(n())} ${cap(pl(rng.pick(NOUNS)))}`;
    case 1: return `${cap(a())} ${cap(pl(n()))}`;
    case 2: return `${cap(n())} as a Metaphor`;
    case 3: return `Post-${cap(n())}`;
    case 4: return `${cap(n())} Festival`;
    case 5: return `The ${cap(a())} ${cap(n())} Incident`;
    case 6: return `${cap(pl(n()))} and ${cap(pl(rng.pick(NOUNS)))}`;
    case 7: return `Everyone Loves the ${cap(n())}`;
    case 8: return `${cap(a())} ${cap(n())} Trope`;
    case 9: return `${cap(pl(n()))} Are Involved`;
    case 10: return `Not ${cap(a())} ${cap(n())} Compliant`;
    default: return `${cap(a())}, ${a()} ${pl(n())}`;
  }
}

/** Additional tags about one character, as writers add them ("Protective Kaelith Morrow"). */
export const CHARACTER_FREEFORMS = [
  (c: string) => `Protective ${c}`, (c: string) => `${c} Needs a Hug`, (c: string) => `${c}-centric`,
  (c: string) => `Hurt ${c}`, (c: string) => `${c} Has Feelings`, (c: string) => `Jealous ${c}`,
  (c: string) => `Soft ${c}`, (c: string) => `${c} Deserves Better`, (c: string) => `Good Parent ${c}`,
  (c: string) => `Sad ${c}`, (c: string) => `${c} Is a Mess`, (c: string) => `Competent ${c}`,
];

/** Synonym spellings for a character: a nickname or a partial name. */
export function characterSynonym(rng: Rng, first: string, last: string | null, fandomBase: string): string {
  if (last === null) return `${first} (${fandomBase})`;
  switch (rng.int(4)) {
    case 0: return first;
    case 1: return `${first} ${last.charAt(0)}.`;
    case 2: return `${first} "${cap(first.slice(0, Math.max(2, Math.ceil(first.length / 2))).toLowerCase())}" ${last}`;
    default: return `${last} ${first}`;
  }
}
