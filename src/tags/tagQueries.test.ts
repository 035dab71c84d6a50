import { beforeAll, describe, expect, it } from 'vitest';
import type { TagType } from './kinds.js';
import { insertTag, insertWork, linkTags, useTestArchive, type TagOptions, type WorkOptions } from './testKit.js';
import { wranglingService, type WranglingService } from './wrangling.js';

const kit = useTestArchive();
let w: WranglingService;
beforeAll(() => { w = wranglingService(kit.db, async () => {}); });

const tag = (type: TagType, name: string, opts?: TagOptions) => insertTag(kit.db, type, name, opts);
const link = (childId: number, parentId: number) => linkTags(kit.db, childId, parentId);
const work = (tagIds: number[], opts?: WorkOptions) => insertWork(kit.db, tagIds, opts);

describe('the tag page', () => {
  it('shows a canonical tag with synonyms, parents by type, children, meta and sub-tags, and works through them all', async () => {
    const fandom = await tag('fandom', 'Page Fandom', { canonical: true });
    const alec = await tag('character', 'Page Alec', { canonical: true });
    const alex = await tag('character', 'Page Alexander', { mergerId: alec });
    const meta = await tag('character', 'Page Lightwoods', { canonical: true });
    const sub = await tag('character', 'Page Young Alec', { canonical: true });
    const rel = await tag('relationship', 'Page Magnus/Alec');
    await link(alec, fandom); await link(alec, meta); await link(sub, alec); await link(rel, alec);
    await work([alec]); await work([alex]); await work([sub]); await work([alec], { restricted: true }); await work([alec], { status: 'draft' });
    const page = await w.tagPage('page alec', { includeRestricted: false });
    expect(page).toMatchObject({
      tag: { id: alec, name: 'Page Alec', type: 'character', canonical: true },
      canonical: null,
      synonyms: [{ name: 'Page Alexander' }],
      parents: [{ name: 'Page Fandom', type: 'fandom' }],
      metaTags: [{ name: 'Page Lightwoods' }],
      subTags: [{ name: 'Page Young Alec' }],
      children: [{ name: 'Page Magnus/Alec', type: 'relationship' }],
      directWorks: 1,
      workCount: 3,
    });
    expect((await w.tagPage('Page Alec', { includeRestricted: true }))!.workCount).toBe(4);
    expect((await w.tagPage('Page Alexander', { includeRestricted: false }))!.canonical).toMatchObject({ name: 'Page Alec' });
    expect(await w.tagPage('No Such Page Tag', { includeRestricted: true })).toBeUndefined();
  });
});

describe('the unwrangled queue', () => {
  it('lists tags nobody has wrangled, of one type, on works of a fandom (through its synonyms), most used first', async () => {
    const fandom = await tag('fandom', 'Queue Fandom', { canonical: true });
    const fandomSyn = await tag('fandom', 'QF', { mergerId: fandom });
    const other = await tag('fandom', 'Queue Other', { canonical: true });
    const loose = await tag('character', 'Queue Loose');
    const busy = await tag('character', 'Queue Busy');
    const done = await tag('character', 'Queue Done', { canonical: true });
    const elsewhere = await tag('character', 'Queue Elsewhere');
    const draftOnly = await tag('character', 'Queue Draft Only');
    await work([fandom, loose, busy, done]); await work([fandomSyn, busy]); await work([other, elsewhere]);
    await work([fandom, draftOnly], { status: 'draft' });
    const page = await w.unwrangled(fandom, 'character', 1);
    expect(page.tags.map((t) => [t.name, t.uses])).toEqual([['Queue Busy', 2], ['Queue Loose', 1]]);
    expect(page).toMatchObject({ total: 2, page: 1, perPage: 50 });
    await link(elsewhere, other);
    const unparented = await w.unwrangled(null, 'character', 1);
    const names = unparented.tags.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['Queue Busy', 'Queue Loose']));
    expect(names).not.toContain('Queue Elsewhere');
    expect(names).not.toContain('Queue Done');
  });

  it('pages 50 at a time', async () => {
    const fandom = await tag('fandom', 'Many Fandom', { canonical: true });
    const ids = [];
    for (let i = 0; i < 55; i++) ids.push(await tag('freeform', `Many ${String(i).padStart(2, '0')}`));
    await work([fandom, ...ids]);
    const first = await w.unwrangled(fandom, 'freeform', 1);
    const second = await w.unwrangled(fandom, 'freeform', 2);
    expect([first.tags.length, second.tags.length, first.total]).toEqual([50, 5, 55]);
    expect(second.tags.at(-1)!.name).toBe('Many 54');
  });
});

describe('autocomplete', () => {
  it('finds names by their start or a word’s start, canonical first, then most used', async () => {
    const canonical = await tag('character', 'Ac Wexler Lightwood', { canonical: true });
    const popular = await tag('character', 'Ac Wexford');
    const rare = await tag('character', 'Wexton Ac');
    await tag('relationship', 'Ac Magnus/Wexler');
    await work([popular]); await work([popular]); await work([rare]); await work([canonical]);
    expect(await w.autocomplete('character', 'wex')).toEqual(['Ac Wexler Lightwood', 'Ac Wexford', 'Wexton Ac']);
    expect(await w.autocomplete('character', 'WEX', 1)).toEqual(['Ac Wexler Lightwood']);
    expect(await w.autocomplete('character', 'exl')).toEqual([]);
  });

  it('treats % and _ as themselves', async () => {
    await tag('freeform', '100% Fluff', { canonical: true });
    await tag('freeform', '100 Fluffs', { canonical: true });
    await tag('freeform', 'snake_case', { canonical: true });
    await tag('freeform', 'snakescase', { canonical: true });
    expect(await w.autocomplete('freeform', '100%')).toEqual(['100% Fluff']);
    expect(await w.autocomplete('freeform', 'snake_')).toEqual(['snake_case']);
  });

  it('never offers a tag seen only on drafts, nor on restricted works unless the reader may list them', async () => {
    const secret = await tag('freeform', 'Zq Secret Draft Tag');
    const hidden = await tag('freeform', 'Zq Restricted Tag');
    const open = await tag('freeform', 'Zq Open Tag');
    await work([secret], { status: 'draft' }); await work([hidden], { restricted: true }); await work([open]);
    expect(await w.autocomplete('freeform', 'zq')).toEqual(['Zq Open Tag']);
    expect(await w.autocomplete('freeform', 'zq', 10, { includeRestricted: true })).toEqual(['Zq Open Tag', 'Zq Restricted Tag']);
  });
});
