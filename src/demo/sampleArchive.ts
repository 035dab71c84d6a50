/**
 * A small, lived-in archive for newcomers: a handful of invented fandoms, writers and a few
 * hundred works with chapters and tags, all posted through the same services a writer uses, and
 * all marked "Generated Sample Data" (a tag on every work, and the first words of every summary).
 */
import { GUEST } from '../policy/viewer.js';
import { randomBytes } from 'node:crypto';
import type { Services } from '../services.js';
import type { Viewer } from '../policy/viewer.js';
import { CATEGORIES, RATINGS, WARNINGS } from '../tags/kinds.js';
import { callName, SampleRng, sampleProse, sampleSummary, sampleTitle } from './sampleText.js';

export const SAMPLE_TAG = 'Generated Sample Data';
export const DEMO_READER = 'reader';

type SampleFandom = { name: string; characters: string[] };

/** Invented canons and casts; any likeness to a real work is an accident of the word lists. */
const FANDOMS: SampleFandom[] = [
  { name: 'The Lantern Keepers (TV)', characters: ['Maren Holt', 'Ioan Vesper', 'Tamsin Rook', 'Dov Carrow', 'Elsi Marsh', 'Captain Brannock'] },
  { name: 'Saltmarsh Academy (Anime)', characters: ['Akari Tsune', 'Ren Holloway', 'Mio Kestrel', 'Professor Lume', 'Sota Wren'] },
  { name: 'Orbit of Ashes (Video Game)', characters: ['Commander Vale', 'Nyx Arden', 'Juno Pike', 'Oren Sable', 'the Archivist'] },
  { name: 'Harrowgate Chronicles - E. Marlow', characters: ['Wilhelmina Grey', 'Thaddeus Crane', 'Bell Ashdown', 'Old Mother Fenn'] },
  { name: 'Night Ferry (Podcast)', characters: ['The Ferryman', 'Lou Calder', 'Pim Okafor', 'Signe Dahl'] },
];
const FREEFORMS = ['Fluff', 'Angst', 'Hurt/Comfort', 'Found Family', 'Slow Burn', 'Alternate Universe - Coffee Shops & Cafés', 'Humor', 'Friendship', 'Road Trips', 'Canon Divergence', 'Post-Canon', 'Pining'];
const WRITERS = ['inkwell_wren', 'tidewriter', 'lanternlight', 'marginalia', 'paper_boats', 'quietorchard', 'sable_and_salt', 'ferrytales', 'compass_rose', 'late_summer'];
const RATING_MIX = [...RATINGS.slice(0, 4), RATINGS[0], RATINGS[1]];

export type SampleOptions = { works: number; seed: number };

/** Writers, works and wrangling. Returns the demo reader's password. */
export async function seedSampleArchive(services: Services, o: SampleOptions): Promise<string> {
  const rng = new SampleRng(o.seed);
  const writers: { viewer: Viewer; pseudId: number }[] = [];
  for (const login of WRITERS) writers.push(await signUp(services, login, randomBytes(12).toString('base64url')));
  const readerPassword = randomBytes(9).toString('base64url');
  const reader = await signUp(services, DEMO_READER, readerPassword);

  const posted: number[] = [];
  for (let i = 0; i < o.works; i++) {
    const writer = rng.pick(writers);
    const fandom = i % 7 === 6 ? rng.pick(FANDOMS) : FANDOMS[Math.min(FANDOMS.length - 1, Math.floor(rng.float() * rng.float() * FANDOMS.length * 1.6))]!;
    const cast = rng.some(fandom.characters, 1 + rng.int(3));
    const firstNames = cast.map(callName);
    const shipping = cast.length > 1 && rng.chance(0.6);
    const chapters = rng.chance(0.6) ? 1 : 2 + rng.int(4);
    const workId = await post(services, writer, {
      title: sampleTitle(rng),
      pseud_ids: String(writer.pseudId),
      summary: sampleSummary(rng, firstNames),
      rating: rng.pick(RATING_MIX),
      warnings: rng.pick([WARNINGS[1], WARNINGS[1], WARNINGS[0]]),
      categories: shipping ? rng.pick([CATEGORIES[1], CATEGORIES[2], CATEGORIES[3]]) : CATEGORIES[0],
      fandoms: fandom.name,
      relationships: shipping ? `${cast[0]}/${cast[1]}` : '',
      characters: cast.join(', '),
      freeforms: [SAMPLE_TAG, ...rng.some(FREEFORMS, 1 + rng.int(4))].join(', '),
      language: 'en',
      expected_chapters: rng.chance(0.8) ? String(chapters) : '?',
      restricted: rng.chance(0.05) ? 'on' : '',
    }, sampleProse(rng, firstNames, 300 + rng.int(1200)));
    for (let c = 1; c < chapters; c++) {
      const added = await services.posting.addChapter(writer.viewer, workId, {
        chapter_title: `Part ${c + 1}`, text_format: 'plain', text: sampleProse(rng, firstNames, 300 + rng.int(1500)),
      }, 'post');
      if ('denied' in added || !added.ok) throw new Error(`demo: could not add a chapter to work ${workId}`);
    }
    posted.push(workId);
  }
  await wrangle(services);
  await addResponses(services, reader.viewer, posted, rng);
  return readerPassword;
}

async function signUp(services: Services, login: string, password: string) {
  const r = await services.accounts.signUp({ login, email: `${login}@example.invalid`, password });
  if (!r.ok) throw new Error(`demo: could not create ${login}: ${Object.values(r.errors).join(' ')}`);
  const [pseud] = await services.accounts.pseudsOf(r.value.userId);
  const viewer: Viewer = { kind: 'user', id: r.value.userId, login, isAdmin: false, isWrangler: false };
  return { viewer, pseudId: pseud!.id };
}

async function post(services: Services, writer: { viewer: Viewer }, work: Record<string, string>, text: string): Promise<number> {
  const r = await services.posting.createWork(writer.viewer, work, { text_format: 'plain', text }, 'post');
  if (!r.ok) throw new Error(`demo: could not post "${work.title}": ${Object.values(r.errors).join(' ')}`);
  return r.value;
}

/** Fandoms, characters, relationships and additional tags canonical; characters and ships under their fandom. */
async function wrangle(services: Services) {
  const { wrangling } = services;
  const idOf = async (name: string) => (await wrangling.findByName(name))?.id;
  const ids = async (names: string[]) => (await Promise.all(names.map(idOf))).filter((id): id is number => id !== undefined);
  const must = <T>(r: { ok: true; value: T } | { ok: false; errors: Record<string, string> }) => {
    if (!r.ok) throw new Error(`demo: wrangling failed: ${Object.values(r.errors).join(' ')}`);
  };
  must(await wrangling.bulk({ kind: 'canonical' }, await ids([...FANDOMS.map((f) => f.name), ...FREEFORMS, SAMPLE_TAG])));
  for (const f of FANDOMS) {
    const characters = await ids(f.characters);
    const ships = await ids(f.characters.flatMap((a) => f.characters.map((b) => `${a}/${b}`)));
    must(await wrangling.bulk({ kind: 'canonical' }, [...characters, ...ships]));
    must(await wrangling.bulk({ kind: 'fandom', fandomName: f.name }, [...characters, ...ships]));
  }
}

/**
 * Kudos from the demo reader and from invented guests (addresses from the documentation ranges),
 * and the reader's comments and bookmarks on some of the works, all marked as generated.
 */
async function addResponses(services: Services, reader: Viewer, works: readonly number[], rng: SampleRng): Promise<void> {
  const { responses, bookmarks } = services;
  for (const [i, workId] of works.entries()) {
    const guests = rng.int(6);
    for (let g = 0; g < guests; g++) await responses.leaveKudos(GUEST, workId, `198.51.100.${(i * 7 + g) % 250 + 1}`);
    if (rng.chance(0.4)) await responses.leaveKudos(reader, workId, '203.0.113.1');
    if (rng.chance(0.15)) {
      const posted = await responses.comment(reader, workId, null, { body: `<p>Generated sample comment: ${rng.pick(COMMENTS)}</p>` });
      if (!posted.ok) throw new Error(`demo: could not comment on work ${workId}`);
    }
    if (rng.chance(0.1)) {
      const saved = await bookmarks.save(reader, { kind: 'work', id: workId }, { notes: 'Generated sample bookmark.', tags: 'to reread', rec: rng.chance(0.3) ? 'on' : '' });
      if (!saved.ok) throw new Error(`demo: could not bookmark work ${workId}`);
    }
  }
}

const COMMENTS = [
  'I did not expect that ending at all.',
  'The second chapter made me laugh out loud.',
  'Please tell me there will be more of this!',
  'The way you write the quiet moments is lovely.',
  'Reading this on the train and trying not to cry.',
];
