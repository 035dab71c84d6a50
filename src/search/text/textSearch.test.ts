import { beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../query.js';
import { p, useTextSearch } from './textSearchTestKit.js';

// What a search box query means: words, phrases, exclusions, fields and apostrophes.

const kit = useTextSearch();
const { found, creator, work } = kit;

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
      if (r.ok) await expect(kit.search.match(r.query)).resolves.toBeDefined();
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
      await kit.search.match(r.query);
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
    expect(Array.from((await kit.search.match({ clauses: [word] })).ids)).toEqual([]);
    expect(Array.from((await kit.search.match({ clauses: [phrase, { ...word, negated: true }] })).ids)).toEqual([]);
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
