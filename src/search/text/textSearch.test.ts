import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/connect.js';
import type { WorkStatus } from '../../db/schema.js';
import { htmlToText } from '../../formats/plainText.js';
import { textToParagraphs } from '../../formats/paragraphs.js';
import { testDatabase, testDialect } from '../../testing/testDatabase.js';
import { postingService } from '../../works/posting.js';
import { formatQuery, parseQuery, type ParsedQuery } from '../query.js';
import { snippet } from '../snippet.js';
import { createTextSearch } from './index.js';
import type { TextSearch } from './textSearch.js';
import { tokenize } from './tokenize.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const FIXTURE = path.resolve(repoRoot, '../shared/fixtures/letter-and-key.txt');
const hasFixture = fs.existsSync(FIXTURE);

let database: Database;
let search: TextSearch;
const now = new Date().toISOString();

beforeAll(async () => {
  database = await testDatabase();
  search = createTextSearch(database);
});
afterAll(async () => { await database?.close(); });

function q(input: string): ParsedQuery {
  const r = parseQuery(input);
  if (!r.ok) throw new Error(`${input}: ${r.message}`);
  return r.query;
}

/** The ids matching a search box query, best first. */
async function found(input: string): Promise<number[]> {
  return Array.from((await search.match(q(input))).ids);
}

async function reindex(id: number) {
  await database.db.transaction().execute((trx) => search.indexWork(trx, id));
}

let users = 0;
/** A user with these pseuds (the first is the default); returns the pseud ids. */
async function creator(login: string, pseuds: string[] = [login]) {
  const user = await database.db.insertInto('users').values({
    login, login_key: login.toLowerCase(), email: `${++users}@example.com`, password_hash: 'x',
    is_admin: 0, is_wrangler: 0, must_change_password: 0, created_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  const ids: number[] = [];
  for (const [i, name] of pseuds.entries()) {
    const p = await database.db.insertInto('pseuds').values({
      user_id: user.id, name, name_key: name.toLowerCase(), is_default: i === 0 ? 1 : 0, created_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    ids.push(p.id);
  }
  return { userId: user.id, pseudIds: ids };
}

async function tagId(name: string): Promise<number> {
  const existing = await database.db.selectFrom('tags').select('id').where('name_key', '=', name.toLowerCase()).executeTakeFirst();
  if (existing) return existing.id;
  const row = await database.db.insertInto('tags').values({
    name, name_key: name.toLowerCase(), type: 'freeform', canonical: 0, merger_id: null, created_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

let defaultPseud: number | undefined;

type WorkSpec = {
  title: string;
  /** Chapter bodies as HTML, or [html, status]. */
  chapters?: Array<string | [string, WorkStatus]>;
  pseuds?: number[];
  tags?: string[];
  summary?: string;
  notes?: string;
  status?: WorkStatus;
  restricted?: boolean;
};

/** Writes a work straight into the tables and indexes it. */
async function work(spec: WorkSpec): Promise<number> {
  defaultPseud ??= (await creator('plainwriter')).pseudIds[0]!;
  const status = spec.status ?? 'posted';
  const { id } = await database.db.insertInto('works').values({
    title: spec.title, summary: spec.summary ?? '', notes: spec.notes ?? '', end_notes: '', language: 'en',
    restricted: spec.restricted ? 1 : 0, status, expected_chapters: null, posted_chapters: 1, word_count: 10,
    published_at: status === 'posted' ? now : null, revised_at: now, created_at: now, version: 1,
    kudos_count: 0, hits_count: 0, comments_count: 0, bookmarks_count: 0,
  }).returning('id').executeTakeFirstOrThrow();
  for (const [position, pseudId] of (spec.pseuds ?? [defaultPseud]).entries()) {
    await database.db.insertInto('creatorships').values({ work_id: id, pseud_id: pseudId, position }).execute();
  }
  for (const [position, name] of (spec.tags ?? []).entries()) {
    await database.db.insertInto('work_tags').values({ work_id: id, tag_id: await tagId(name), position }).execute();
  }
  for (const [i, chapter] of (spec.chapters ?? ['<p>Some words.</p>']).entries()) {
    const [body, chapterStatus] = typeof chapter === 'string' ? [chapter, status] : chapter;
    await database.db.insertInto('chapters').values({
      work_id: id, position: i + 1, title: '', summary: '', notes: '', end_notes: '', body, word_count: 10,
      status: chapterStatus, published_at: chapterStatus === 'posted' ? now : null, created_at: now, updated_at: now,
    }).execute();
  }
  await reindex(id);
  return id;
}

const p = (text: string) => `<p>${text}</p>`;

describe('words', () => {
  let both: number, onlyAlpha: number;
  beforeAll(async () => {
    both = await work({ title: 'Words One', chapters: [p('Aardvark and bandicoot went walking.')] });
    onlyAlpha = await work({ title: 'Words Two', chapters: [p('An aardvark alone, with a capybara.')] });
  });

  it('finds every work with all the words, in any field', async () => {
    expect((await found('aardvark')).sort()).toEqual([both, onlyAlpha].sort());
    expect(await found('aardvark bandicoot')).toEqual([both]);
    expect(await found('bandicoot capybara')).toEqual([]);
    expect(await found('bandicoot words')).toEqual([both]);
  });

  it('ignores case and accents', async () => {
    expect(await found('AARDVARK BandiCoot')).toEqual([both]);
    const id = await work({ title: 'Café Crème', chapters: [p('Über naïve DÉJÀ vu.')] });
    expect(await found('cafe creme')).toEqual([id]);
    expect(await found('CAFÉ über "deja VU"')).toEqual([id]);
    expect(await found('naive')).toEqual([id]);
  });

  it('does not take query punctuation or operator words as syntax', async () => {
    for (const input of ['NOT aardvark', 'aardvark OR', 'NEAR(aardvark)', 'aardvark*', '{title}:aardvark', 'title:"aardvark" OR', '"aardvark" AND "x', '^aardvark']) {
      const r = parseQuery(input);
      if (r.ok) await expect(search.match(r.query)).resolves.toBeDefined();
    }
    expect(await found('aardvark*')).toEqual(expect.arrayContaining([both, onlyAlpha]));
  });

  it('runs the longest allowed query, and random queries never fail in the database', async () => {
    const long = parseQuery('aardvark '.repeat(111).trim());
    expect(long.ok).toBe(true);
    if (long.ok) expect(long.query.clauses).toHaveLength(111);
    expect(await found('aardvark '.repeat(111).trim())).toEqual(expect.arrayContaining([both, onlyAlpha]));
    expect(await found('q '.repeat(500))).toEqual([]);
    expect(await found('-b '.repeat(330) + 'aardvark')).toEqual(expect.arrayContaining([both, onlyAlpha]));
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const alphabet = ['aardvark', 'bandicoot', '"', '-', 'title:', 'tag:', 'creator:', ' ', ' ', "'", 'NOT', 'OR', '*', '(', ')', ':', 'é'];
    let ran = 0;
    for (let i = 0; i < 300; i++) {
      let input = '';
      for (let k = Math.floor(random() * 12); k > 0; k--) input += alphabet[Math.floor(random() * alphabet.length)];
      const r = parseQuery(input);
      if (!r.ok) continue;
      await search.match(r.query);
      ran++;
    }
    expect(ran).toBeGreaterThan(50);
  });
});

describe('safety', () => {
  it('passes even words no tokenizer would make as data, never as syntax', async () => {
    const nasty = `x'"\\) OR 1=1 -- ' & | ! <-> : * {title}`;
    const word = { kind: 'word', field: 'any', negated: false, source: nasty, term: nasty } as const;
    const phrase = { kind: 'phrase', field: 'tag', negated: false, source: nasty, terms: [nasty, `"${nasty}"`] } as const;
    expect(Array.from((await search.match({ clauses: [word] })).ids)).toEqual([]);
    expect(Array.from((await search.match({ clauses: [phrase, { ...word, negated: true }] })).ids)).toEqual([]);
  });
});

describe('phrases', () => {
  let quick: number, reversed: number;
  beforeAll(async () => {
    quick = await work({ title: 'Phrase One', chapters: [p('The quick brown fox jumps over the lazy dog.')] });
    reversed = await work({ title: 'Phrase Two', chapters: [p('A brown, quick fox; the dog was lazy.')] });
  });

  it('needs the words next to each other, in order', async () => {
    expect(await found('"quick brown fox"')).toEqual([quick]);
    expect(await found('"brown quick"')).toEqual([reversed]);
    expect(await found('"quick fox"')).toEqual([reversed]);
    expect(await found('"fox brown"')).toEqual([]);
    expect((await found('quick brown fox')).sort()).toEqual([quick, reversed].sort());
  });

  it('lets punctuation and paragraph breaks sit inside a phrase, but not a chapter, field or tag break', async () => {
    const id = await work({
      title: 'Tapir Title',
      tags: ['Okapi', 'Zebu Stories'],
      chapters: [p('The tapir ran.') + p('Wombat came.') + p('It was the end marmot'), p('numbat began chapter two.')],
    });
    expect(await found('"tapir ran wombat came"')).toEqual([id]);
    expect(await found('"marmot numbat"')).toEqual([]);
    expect(await found('"okapi zebu"')).toEqual([]);
    expect(await found('tag:"okapi zebu"')).toEqual([]);
    expect(await found('"title plainwriter"')).toEqual([]);
    expect(await found('"zebu stories"')).toEqual([id]);
  });
});

describe('exclusions', () => {
  let plain: number, sad: number, happy: number;
  beforeAll(async () => {
    plain = await work({ title: 'Excl One', chapters: [p('Quokka on a beach.')] });
    sad = await work({ title: 'Excl Two', chapters: [p('Quokka with no happy ending at all.')], tags: ['Sadness'] });
    happy = await work({ title: 'Excl Three', chapters: [p('Quokka, ending happy.')] });
  });

  it('leaves out works with an excluded word, phrase or field', async () => {
    expect((await found('quokka')).sort()).toEqual([plain, sad, happy].sort());
    expect((await found('quokka -happy')).sort()).toEqual([plain]);
    expect((await found('quokka -"happy ending"')).sort()).toEqual([plain, happy].sort());
    expect((await found('quokka -tag:sadness')).sort()).toEqual([plain, happy].sort());
    expect((await found('quokka -title:three -beach')).sort()).toEqual([sad]);
    expect(await found('quokka -quokka')).toEqual([]);
  });
});

describe('fields', () => {
  let magnus: number, alec: number;
  beforeAll(async () => {
    const m = await creator('warlock_1', ['Magnus Bane']);
    const a = await creator('archer', ['Alec Lightwood', 'Hunter']);
    magnus = await work({
      title: 'Glitter and Cats', pseuds: [m.pseudIds[0]!], tags: ['Hurt/Comfort', 'Cats Everywhere'],
      chapters: [p('Alec Lightwood came by with the archer tea.')], summary: '<p>Bane of nothing.</p>',
    });
    alec = await work({
      title: 'Arrows', pseuds: [a.pseudIds[1]!, m.pseudIds[0]!], tags: ['Fluff'],
      chapters: [p('Glitter and more hurt, comfort too.')],
    });
  });

  it('title: looks only in titles, word or phrase', async () => {
    expect(await found('title:glitter')).toEqual([magnus]);
    expect(await found('title:"Glitter and Cats"')).toEqual([magnus]);
    expect(await found('title:"cats and glitter"')).toEqual([]);
    expect(await found('title:comfort')).toEqual([]);
    expect((await found('glitter')).sort()).toEqual([magnus, alec].sort());
  });

  it('creator: looks in pseud names and logins, phrases within one creator', async () => {
    expect((await found('creator:"Magnus Bane"')).sort()).toEqual([magnus, alec].sort());
    expect(await found('creator:hunter')).toEqual([alec]);
    expect(await found('creator:archer')).toEqual([alec]);
    expect((await found('creator:warlock_1')).sort()).toEqual([magnus, alec].sort());
    expect(await found('creator:"Alec Lightwood"')).toEqual([]);
    expect(await found('creator:"bane hunter"')).toEqual([]);
    expect(await found('"Alec Lightwood"')).toEqual([magnus]);
    expect(await found('creator:bane -title:arrows')).toEqual([magnus]);
  });

  it('tag: looks in tag names, quoted multiword names as phrases', async () => {
    expect(await found('tag:"Hurt/Comfort"')).toEqual([magnus]);
    expect(await found('tag:Hurt/Comfort')).toEqual([magnus]);
    expect(await found('tag:"hurt comfort"')).toEqual([magnus]);
    expect(await found('tag:"Cats Everywhere"')).toEqual([magnus]);
    expect(await found('tag:"everywhere cats"')).toEqual([]);
    expect(await found('tag:fluff')).toEqual([alec]);
    expect(await found('tag:bane')).toEqual([]);
    expect((await found('"hurt comfort"')).sort()).toEqual([magnus, alec].sort());
  });

  it('the summary and notes are searched as any field', async () => {
    expect(await found('"bane of nothing"')).toEqual([magnus]);
  });
});

describe('apostrophes', () => {
  let curly: number, straight: number;
  beforeAll(async () => {
    curly = await work({ title: 'Apos One', chapters: [p('It was in Chairman Ocelot’s bed, don’t ask.')] });
    straight = await work({ title: 'Apos Two', chapters: [p('Ocelot\'s toy and Ocelots everywhere, don&#39;t.')] });
  });

  it('matches straight and typographic apostrophes alike', async () => {
    expect((await found("Ocelot's")).sort()).toEqual([curly, straight].sort());
    expect((await found('Ocelot’s')).sort()).toEqual([curly, straight].sort());
    expect(await found('"in Chairman Ocelot\'s bed"')).toEqual([curly]);
    expect(await found('"in chairman ocelotʼs bed"')).toEqual([curly]);
    expect((await found('ocelot')).sort()).toEqual([curly, straight].sort());
    expect(await found('ocelots')).toEqual([straight]);
    expect((await found("don't")).sort()).toEqual([curly, straight].sort());
  });
});

describe('keeping the index current', () => {
  it('forgets the old words after an edit', async () => {
    const id = await work({ title: 'Edited', chapters: [p('The platypus swam.')] });
    expect(await found('platypus')).toEqual([id]);
    await database.db.updateTable('chapters').set({ body: p('The echidna dug.') }).where('work_id', '=', id).execute();
    await database.db.updateTable('works').set({ title: 'Revised' }).where('id', '=', id).execute();
    await reindex(id);
    expect(await found('platypus')).toEqual([]);
    expect(await found('title:edited')).toEqual([]);
    expect(await found('echidna title:revised')).toEqual([id]);
  });

  it('indexes inside the caller’s transaction, and a rollback leaves the index as it was', async () => {
    const id = await work({ title: 'Rolled', chapters: [p('The dugong floats.')] });
    await expect(database.db.transaction().execute(async (trx) => {
      await trx.updateTable('chapters').set({ body: p('The manatee floats.') }).where('work_id', '=', id).execute();
      await search.indexWork(trx, id);
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect(await found('dugong')).toEqual([id]);
    expect(await found('manatee')).toEqual([]);
  });

  it('never finds drafts, draft chapters, unposted or deleted works; does find restricted ones', async () => {
    const draft = await work({ title: 'Draft', status: 'draft', chapters: [p('The axolotl hides.')] });
    const partly = await work({ title: 'Partly', chapters: [p('A posted pangolin.'), [p('A draft pangolin axolotl.'), 'draft']] });
    const restricted = await work({ title: 'Restricted', restricted: true, chapters: [p('A restricted pangolin.')] });
    expect(await found('axolotl')).toEqual([]);
    expect((await found('pangolin')).sort()).toEqual([partly, restricted].sort());

    await database.db.updateTable('works').set({ status: 'draft' }).where('id', '=', partly).execute();
    await reindex(partly);
    expect(await found('pangolin')).toEqual([restricted]);

    await database.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('works').where('id', '=', restricted).execute();
      await search.indexWork(trx, restricted);
    });
    expect(await found('pangolin')).toEqual([]);
    await reindex(123456); // a work that never existed
    expect(draft).toBeGreaterThan(0);
  });
});

describe('ranking', () => {
  it('puts a title match above a body-only match, with higher scores first', async () => {
    const inBody = await work({ title: 'Nothing Here', chapters: [p('Once upon a time there was a narwhal in the sea, swimming about for a long while.')] });
    const inTitle = await work({ title: 'The Narwhal', chapters: [p('Once upon a time there was a whale in the sea, swimming about for a long while.')] });
    const result = await search.match(q('narwhal'));
    expect(Array.from(result.ids)).toEqual([inTitle, inBody]);
    const scores = Array.from(result.scores ?? []);
    expect(scores).toHaveLength(2);
    expect(scores[0]!).toBeGreaterThan(scores[1]!);
  });
});

describe('long works', () => {
  it('finds a phrase past 16,383 words and after a word’s 256th use (PostgreSQL keeps neither position)', async () => {
    const filler = Array.from({ length: 900 }, (_, i) => p(`${'the cat sat on the mat and the day went by '.repeat(2)} line ${i}`)).join('');
    const id = await work({ title: 'Very Long', chapters: [filler + p('At last the tenrec slept in the hammock.')] });
    expect(await found('"tenrec slept in the hammock"')).toEqual([id]);
    expect(await found('"the hammock"')).toEqual([id]);
    expect(await found('"hammock tenrec"')).toEqual(database.dialect === 'postgres' ? [id] : []);
    expect(await found('"line 899 at last"')).toEqual([id]);
  });
});

describe.skipIf(testDialect !== 'sqlite')('agreement with FTS5', () => {
  it('FTS5 splits the indexed words back into exactly the same words', async () => {
    const text = 'Chairman Meow’s bed: Café, naïve ÆRØ İstanbul Ελληνικά άλφα ёлка ß ﬁne 東京では हिन्दी भाषा か が x²½ Straße ŁÓDŹ';
    const id = await work({ title: 'Vocab', chapters: [p(text)] });
    await sql`create virtual table temp.work_search_vocab using fts5vocab(main, work_search, instance)`.execute(database.db);
    const { rows } = await sql<{ term: string; offset: number }>`select term, "offset" from temp.work_search_vocab
      where doc = ${id} and col = 'body' order by "offset"`.execute(database.db);
    expect(rows.map((r) => r.term)).toEqual(tokenize(text));
    for (const word of tokenize(text)) expect(await found(word), word).toContain(id);
  });
});

describe('the real fan work', () => {
  it.skipIf(!hasFixture)('posted as plain text, is found by its phrase and its possessive, not by the words out of order', async () => {
    const text = fs.readFileSync(FIXTURE, 'utf8');
    const { userId, pseudIds } = await creator('letterwriter');
    const form = {
      title: 'The Letter and the Key', pseud_ids: String(pseudIds[0]), rating: 'Teen And Up Audiences',
      warnings: 'No Archive Warnings Apply', categories: 'M/M', fandoms: 'Shadowhunters (TV)',
      relationships: 'Magnus Bane/Alec Lightwood', characters: 'Magnus Bane, Alec Lightwood', freeforms: 'Angst, Letters',
      language: 'en', expected_chapters: '1', text_format: 'plain', text,
    };
    const viewer = { kind: 'user' as const, id: userId, login: 'letterwriter', isAdmin: false, isWrangler: false };
    // Posting indexes the work in its own transaction, as the composition root wires it.
    const changes = { changed: (trx: typeof database.db, workId: number) => search.indexWork(trx, workId), committed: async () => {} };
    const posted = await postingService(database.db, changes).createWork(viewer, form, form, 'post');
    if (!posted.ok) throw new Error(JSON.stringify(posted.errors));
    const id = posted.value;

    expect(await found('"in Chairman Meow\'s bed"')).toEqual([id]);
    expect(await found('"in Chairman Meow’s bed"')).toEqual([id]);
    expect(await found("Meow's")).toContain(id);
    expect(await found('"Meow\'s Chairman bed"')).toEqual([]);
    expect(await found('tag:"Magnus Bane/Alec Lightwood" creator:letterwriter title:key')).toEqual([id]);
    expect(await found('"in Chairman Meow\'s bed" -tag:angst')).toEqual([]);

    // The snippet of the chapter text shows the phrase marked.
    const body = await database.db.selectFrom('chapters').select('body').where('work_id', '=', id).executeTakeFirstOrThrow();
    const plain = htmlToText(body.body);
    expect(plain).toContain('The key, by the way, is in Chairman Meow\'s bed.');
    expect(htmlToText(textToParagraphs('a\n\nb'))).toBe('a\n\nb');
    const s = snippet(plain, q('"in Chairman Meow\'s bed"'));
    expect(s.parts.filter((part) => part.hit).map((part) => part.text)).toEqual(['in Chairman Meow\'s bed']);
    expect(formatQuery(q('"in Chairman Meow\'s bed"'))).toBe('"in chairman meow s bed"');
  });
});
