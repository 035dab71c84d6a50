import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDialect } from '../../testing/testDatabase.js';
import { p, q, useTextSearch } from './textSearchTestKit.js';
import { tokenize } from './tokenize.js';

// The index behind the search: kept current with edits and transactions, ranked, long works,
// and (on SQLite) in step with FTS5's own tokenizer.

const kit = useTextSearch();
const { found, reindex, work } = kit;

describe('keeping the index current', () => {
  it('forgets the old words after an edit', async () => {
    const id = await work({ title: 'Edited', chapters: [p('The platypus swam.')] });
    expect(await found('platypus')).toEqual([id]);
    await kit.database.db.updateTable('chapters').set({ body: p('The echidna dug.') }).where('work_id', '=', id).execute();
    await kit.database.db.updateTable('works').set({ title: 'Revised' }).where('id', '=', id).execute();
    await reindex(id);
    expect(await found('platypus')).toEqual([]);
    expect(await found('title:edited')).toEqual([]);
    expect(await found('echidna title:revised')).toEqual([id]);
  });

  it('indexes inside the caller’s transaction, and a rollback leaves the index as it was', async () => {
    const id = await work({ title: 'Rolled', chapters: [p('The dugong floats.')] });
    await expect(kit.database.db.transaction().execute(async (trx) => {
      await trx.updateTable('chapters').set({ body: p('The manatee floats.') }).where('work_id', '=', id).execute();
      await kit.search.indexWorks(trx, [id]);
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

    await kit.database.db.updateTable('works').set({ status: 'draft' }).where('id', '=', partly).execute();
    await reindex(partly);
    expect(await found('pangolin')).toEqual([restricted]);

    await kit.database.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('works').where('id', '=', restricted).execute();
      await kit.search.indexWorks(trx, [restricted]);
    });
    expect(await found('pangolin')).toEqual([]);
    await reindex(123456); // a work that never existed
    expect(draft).toBeGreaterThan(0);
  });
});

describe('indexing many works at once', () => {
  it('gives each work its own words, drops those no longer posted, and skips ids that never were', async () => {
    const quokkafan = (await kit.creator('quokkafan')).pseudIds;
    const wombatfan = (await kit.creator('wombatfan')).pseudIds;
    const a = await work({ title: 'Quokka Days', pseuds: quokkafan, chapters: [p('A quokka smiles.'), p('It hops away.')] });
    const b = await work({ title: 'Wombat Nights', pseuds: wombatfan, chapters: [p('A wombat digs.')] });
    const c = await work({ title: 'Gone Soon', chapters: [p('A bilby burrows.')] });
    await kit.database.db.updateTable('chapters').set({ body: p('A bandicoot digs.') }).where('work_id', '=', b).execute();
    await kit.database.db.updateTable('works').set({ status: 'draft' }).where('id', '=', c).execute();
    await kit.database.db.transaction().execute((trx) => kit.search.indexWorks(trx, [c, 987654, b, a]));
    expect(await found('quokka hops')).toEqual([a]);
    expect(await found('creator:wombatfan bandicoot')).toEqual([b]);
    expect(await found('wombat digs')).toEqual([b]); // the title's wombat, the chapter's digs
    expect(await found('"wombat digs"')).toEqual([]);
    expect(await found('bilby')).toEqual([]);
    expect(await found('creator:quokkafan')).toEqual([a]);
  });
});

describe('ranking', () => {
  it('puts a title match above a body-only match, with higher scores first', async () => {
    const inBody = await work({ title: 'Nothing Here', chapters: [p('Once upon a time there was a narwhal in the sea, swimming about for a long while.')] });
    const inTitle = await work({ title: 'The Narwhal', chapters: [p('Once upon a time there was a whale in the sea, swimming about for a long while.')] });
    const result = await kit.search.match(q('narwhal'));
    expect(Array.from(result.ids)).toEqual([inTitle, inBody]);
    const scores = Array.from(result.scores ?? []);
    expect(scores).toHaveLength(2);
    expect(scores[0]!).toBeGreaterThan(scores[1]!);
  });

  it('ranks a phrase in the title above the same phrase in the body, among all works or some', async () => {
    const inBody = await work({ title: 'Nothing Here', chapters: [p('By the shore a silver kelpie waited for the tide to turn again.')] });
    const inTitle = await work({ title: 'The Silver Kelpie', chapters: [p('By the shore a grey horse waited for the tide to turn again.')] });
    const elsewhere = await work({ title: 'Silver and a Kelpie', chapters: [p('Neither word is beside the other here.')] });
    expect(Array.from((await kit.search.match(q('"silver kelpie"'))).ids)).toEqual([inTitle, inBody]);
    const among = await kit.search.matchAmong(q('"silver kelpie"'), [inBody, inTitle, elsewhere]);
    expect(Array.from(among.ids)).toEqual([inTitle, inBody]);
    const scores = Array.from(among.scores ?? []);
    expect(scores[0]!).toBeGreaterThan(scores[1]!);
  });
});

describe('long works', () => {
  it('finds a phrase past 16,383 words and after a word’s 256th use (PostgreSQL keeps neither position)', async () => {
    const filler = Array.from({ length: 900 }, (_, i) => p(`${'the cat sat on the mat and the day went by '.repeat(2)} line ${i}`)).join('');
    const id = await work({ title: 'Very Long', chapters: [filler + p('At last the tenrec slept in the hammock.')] });
    expect(await found('"tenrec slept in the hammock"')).toEqual([id]);
    expect(await found('"the hammock"')).toEqual([id]);
    expect(await found('"hammock tenrec"')).toEqual([]);
    expect(await found('"line 899 at last"')).toEqual([id]);
  });

  it('finds a phrase wherever it falls in a long chapter, and a phrase of sixty words', async () => {
    // PostgreSQL checks phrases in passages of 1,000 words that overlap by 50: phrases at and
    // around the seams, and one longer than the overlap.
    const words = Array.from({ length: 4100 }, (_, i) => `w${i}`);
    const id = await work({ title: 'Seams', chapters: [p(words.join(' '))] });
    for (const at of [0, 948, 949, 950, 998, 999, 1898, 1899, 1949, 3798, 4098]) {
      expect(await found(`"${words[at]} ${words[at + 1]}"`), words[at]).toEqual([id]);
    }
    expect(await found(`"${words.slice(990, 1050).join(' ')}"`)).toEqual([id]);
    expect(await found('"w999 w998"')).toEqual([]);
  });
});

describe.skipIf(testDialect !== 'postgres')('works filed before heads and passages (PostgreSQL)', () => {
  it('are still found, by phrases too, and ranked below works that match in their head', async () => {
    const old = await work({ title: 'Filed Long Ago', chapters: [p('The marsh harrier circled over the reeds.')] });
    const fresh = await work({ title: 'The Marsh Harrier', chapters: [p('Nothing much happened that day.')] });
    // As such a work was filed: one tsvector with positions, no head, no passages.
    await sql`update work_search set head = null,
      doc = to_tsvector('simple', 'Filed Long Ago. The marsh harrier circled over the reeds.') where work_id = ${old}`.execute(kit.database.db);
    await sql`delete from work_search_passages where work_id = ${old}`.execute(kit.database.db);
    expect(await found('"marsh harrier"')).toEqual([fresh, old]);
    expect(await found('"harrier circled over"')).toEqual([old]);
    expect(await found('"harrier over"')).toEqual([]);
    expect(await found('harrier -"circled over"')).toEqual([fresh]);
    expect(await found('harrier -"harrier over"')).toEqual([fresh, old]);
  });
});

describe.skipIf(testDialect !== 'sqlite')('agreement with FTS5', () => {
  it('FTS5 splits the indexed words back into exactly the same words', async () => {
    const text = 'Chairman Meow’s bed: Café, naïve ÆRØ İstanbul Ελληνικά άλφα ёлка ß ﬁne 東京では हिन्दी भाषा か が x²½ Straße ŁÓDŹ';
    const id = await work({ title: 'Vocab', chapters: [p(text)] });
    await sql`create virtual table temp.work_search_vocab using fts5vocab(main, work_search, instance)`.execute(kit.database.db);
    const { rows } = await sql<{ term: string; offset: number }>`select term, "offset" from temp.work_search_vocab
      where doc = ${id} and col = 'body' order by "offset"`.execute(kit.database.db);
    expect(rows.map((r) => r.term)).toEqual(tokenize(text));
    for (const word of tokenize(text)) expect(await found(word), word).toContain(id);
  });
});
