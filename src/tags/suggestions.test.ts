import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TagType } from './kinds.js';
import { buildMatcher, countMatches, MAX_SUGGESTIONS, suggestTags } from './suggestions.js';
import { insertTag, useTestArchive, type TagOptions } from './testKit.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = path.resolve(repoRoot, '../shared/fixtures/letter-and-key.txt');

const kit = useTestArchive();
const tag = (type: TagType, name: string, opts?: TagOptions) => insertTag(kit.db, type, name, opts);
const tagCount = async () => Number((await kit.db.selectFrom('tags').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('matching names in text', () => {
  const matcher = buildMatcher([
    { name: 'Magnus Bane', tagId: 1 }, { name: 'Alec Lightwood', tagId: 2 }, { name: 'Alexander Lightwood', tagId: 2 },
    { name: 'Magnus Bane/Alec Lightwood', tagId: 3 }, { name: 'Dr. Who', tagId: 4 },
  ]);

  it('counts whole names only, in any case, across line breaks, before possessives', () => {
    const counts = countMatches(matcher, 'MAGNUS bane met Magnus.\nAlec\nLightwood’s sister; Alexander Lightwood. Magnus Banes. Magnus');
    expect(Object.fromEntries(counts)).toEqual({ 1: 1, 2: 2 });
  });

  it('keeps punctuation inside names significant', () => {
    expect(Object.fromEntries(countMatches(matcher, 'Magnus Bane/Alec Lightwood, Magnus Bane, Alec Lightwood, dr. who, Dr Who'))).toEqual({ 1: 2, 2: 2, 3: 1, 4: 1 });
  });
});

describe('suggested tags', () => {
  it('suggests canonical fandoms, characters and relationships by their names and synonyms, most frequent first', async () => {
    const alec = await tag('character', 'Sg Alec', { canonical: true });
    await tag('character', 'Sg Alexander', { mergerId: alec });
    await tag('character', 'Sg Loose');
    await tag('freeform', 'Sg Angst', { canonical: true });
    const fandom = await tag('fandom', 'Sg Fandom', { canonical: true });
    const before = await tagCount();
    const found = await suggestTags(kit.db, 'Sg Alec and Sg Alexander, Sg Loose in Sg Fandom. Sg Angst. sg alec!');
    expect(found).toEqual([
      { id: alec, name: 'Sg Alec', type: 'character', count: 3 },
      { id: fandom, name: 'Sg Fandom', type: 'fandom', count: 1 },
    ]);
    expect(await tagCount()).toBe(before);
  });

  it(`returns at most ${MAX_SUGGESTIONS}`, async () => {
    const names = Array.from({ length: 25 }, (_, i) => `Sgmany ${i}`);
    for (const n of names) await tag('character', n, { canonical: true });
    expect(await suggestTags(kit.db, names.join('. '))).toHaveLength(MAX_SUGGESTIONS);
  });

  it.skipIf(!fs.existsSync(fixture))('finds Magnus Bane and Alec Lightwood in “The Letter and the Key” (needs ../shared)', async () => {
    const magnus = await tag('character', 'Magnus Bane', { canonical: true });
    const alec = await tag('character', 'Alec Lightwood', { canonical: true });
    await tag('character', 'Alexander Lightwood', { mergerId: alec });
    const found = await suggestTags(kit.db, fs.readFileSync(fixture, 'utf8'));
    const counts = Object.fromEntries(found.map((s) => [s.id, s.count]));
    expect(counts[magnus]).toBeGreaterThan(0);
    expect(counts[alec]).toBeGreaterThan(0);
  });

  it('is fast: 10,000 canonical tags against a 500,000-character text', async () => {
    const vocabulary = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}`);
    const pick = (i: number) => vocabulary[(i * 7919) % vocabulary.length]!;
    const rows = Array.from({ length: 10_000 }, (_, i) => {
      const name = `${pick(i)} ${pick(i * 31 + 1)}${i % 3 === 0 ? ` ${pick(i + 17)}` : ''} p${i}`;
      return { name, name_key: name.toLowerCase(), type: 'character', canonical: 1 as const, merger_id: null, created_at: new Date().toISOString() };
    });
    for (let i = 0; i < rows.length; i += 1000) await kit.db.insertInto('tags').values(rows.slice(i, i + 1000)).execute();
    let text = '';
    for (let i = 0; text.length < 500_000; i++) text += i % 50 === 0 ? `${rows[i % rows.length]!.name}. ` : `${pick(i * 13)} `;
    const started = performance.now();
    const found = await suggestTags(kit.db, text);
    const ms = performance.now() - started;
    console.info(`suggestTags: ${rows.length} tags, ${text.length} characters: ${ms.toFixed(0)} ms`);
    expect(found.length).toBe(MAX_SUGGESTIONS);
    expect(ms).toBeLessThan(2000);
  });
});
