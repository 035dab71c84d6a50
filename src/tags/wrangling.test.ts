import { describe, expect, it } from 'vitest';
import { useWranglingKit } from './testKit.js';

const kit = useWranglingKit();
const { tag, canon, row, parentIds, link } = kit;

describe('canonical tags', () => {
  it('makes a tag canonical and back, telling the indexes each time', async () => {
    const t = await tag('character', 'Alec');
    expect((await kit.w.makeCanonical(t.id, true)).ok).toBe(true);
    expect((await row(t.id)).canonical).toBe(1);
    expect((await kit.w.makeCanonical(t.id, false)).ok).toBe(true);
    expect((await row(t.id)).canonical).toBe(0);
    expect(kit.changes).toBe(2);
  });

  it('refuses to make a synonym canonical', async () => {
    const c = await canon('character', 'Alec Lightwood');
    const s = await tag('character', 'Alexander', { mergerId: c.id });
    const r = await kit.w.makeCanonical(s.id, true);
    expect(r).toEqual({ ok: false, errors: { canonical: expect.stringContaining('is a synonym') } });
    expect((await row(s.id)).canonical).toBe(0);
    expect(kit.changes).toBe(0);
  });

  it('refuses to un-canonicalise a tag with synonyms, naming them', async () => {
    const c = await canon('character', 'Magnus Bane');
    const s = await tag('character', 'Magnus', { mergerId: c.id });
    const r = await kit.w.makeCanonical(c.id, false);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.canonical).toContain(s.name);
    expect((await row(c.id)).canonical).toBe(1);
  });

  it('drops the links a tag can only have while canonical', async () => {
    const f = await canon('fandom', 'Shadowhunters');
    const ch = await tag('character', 'Izzy');
    await link(ch.id, f.id);
    expect((await kit.w.makeCanonical(f.id, false)).ok).toBe(true);
    expect(await parentIds(ch.id)).toEqual([]);
  });

  it('refuses to wrangle the fixed ratings, warnings and categories', async () => {
    const rating = await kit.db.selectFrom('tags').select('id').where('name', '=', 'Explicit').executeTakeFirstOrThrow();
    const r = await kit.w.makeCanonical(rating.id, false);
    expect(r).toEqual({ ok: false, errors: { canonical: expect.stringContaining('Ratings are fixed') } });
  });
});

describe('synonyms', () => {
  it('makes a tag a synonym of a canonical tag of its type', async () => {
    const c = await canon('character', 'Alec Lightwood');
    const s = await tag('character', 'Alexander Lightwood');
    expect((await kit.w.makeSynonym(s.id, c.id)).ok).toBe(true);
    expect(await row(s.id)).toMatchObject({ merger_id: c.id, canonical: 0 });
    expect(kit.changes).toBe(1);
  });

  it.each([
    ['a tag that is not canonical', async () => [await tag('character', 'A'), await tag('character', 'B')], 'isn’t canonical'],
    ['a tag of another type', async () => [await tag('character', 'A'), await canon('fandom', 'B')], 'same type'],
  ])('refuses to make a tag a synonym of %s', async (_name, make, message) => {
    const [s, c] = await make();
    const r = await kit.w.makeSynonym(s!.id, c!.id);
    expect(r).toEqual({ ok: false, errors: { synonym_of: expect.stringContaining(message) } });
    expect((await row(s!.id)).merger_id).toBeNull();
  });

  it('refuses to make a tag its own synonym', async () => {
    const c = await canon('character', 'Self');
    expect(await kit.w.makeSynonym(c.id, c.id)).toEqual({ ok: false, errors: { synonym_of: 'A tag can’t be a synonym of itself.' } });
  });

  it('refuses to make a canonical tag with synonyms a synonym', async () => {
    const a = await canon('character', 'A');
    await tag('character', 'A2', { mergerId: a.id });
    const b = await canon('character', 'B');
    const r = await kit.w.makeSynonym(a.id, b.id);
    expect(r).toEqual({ ok: false, errors: { synonym_of: expect.stringContaining('has synonyms') } });
    expect(await row(a.id)).toMatchObject({ canonical: 1, merger_id: null });
  });

  it('turns a canonical tag without synonyms into a synonym, moving its parents and children to the new canonical', async () => {
    const fandom = await canon('fandom', 'F');
    const old = await canon('character', 'Old');
    const rel = await tag('relationship', 'Old/Other');
    await link(old.id, fandom.id);
    await link(rel.id, old.id);
    const target = await canon('character', 'New');
    expect((await kit.w.makeSynonym(old.id, target.id)).ok).toBe(true);
    expect(await row(old.id)).toMatchObject({ canonical: 0, merger_id: target.id });
    expect(await parentIds(target.id)).toEqual([fandom.id]);
    expect(await parentIds(rel.id)).toEqual([target.id]);
    expect(await parentIds(old.id)).toEqual([fandom.id]);
  });

  // Only data from before these rules has synonyms of a non-canonical tag; they still move.
  it('moves the synonyms of a tag to its new canonical', async () => {
    const loose = await tag('freeform', 'Loose');
    const under = await tag('freeform', 'Under', { mergerId: loose.id });
    const target = await canon('freeform', 'Target');
    expect((await kit.w.makeSynonym(loose.id, target.id)).ok).toBe(true);
    expect((await row(under.id)).merger_id).toBe(target.id);
  });

  it('removes a synonym, and refuses when there is none', async () => {
    const c = await canon('character', 'C');
    const s = await tag('character', 'S', { mergerId: c.id });
    expect((await kit.w.removeSynonym(s.id)).ok).toBe(true);
    expect((await row(s.id)).merger_id).toBeNull();
    expect(await kit.w.removeSynonym(s.id)).toEqual({ ok: false, errors: { synonym_of: expect.stringContaining('is not a synonym') } });
  });
});

describe('parents', () => {
  it('links fandoms above characters, relationships and additional tags, and characters above relationships', async () => {
    const f = await canon('fandom', 'F');
    const ch = await canon('character', 'Ch');
    const rel = await tag('relationship', 'Rel');
    const ff = await tag('freeform', 'Ff');
    for (const [child, parent] of [[ch, f], [rel, f], [rel, ch], [ff, f]] as const) {
      expect((await kit.w.addParent(child.id, parent.id)).ok).toBe(true);
    }
    expect(await parentIds(rel.id)).toEqual([f.id, ch.id].sort());
    expect((await kit.w.removeParent(rel.id, ch.id)).ok).toBe(true);
    expect(await parentIds(rel.id)).toEqual([f.id]);
  });

  it.each([
    ['a parent that is not canonical', async () => [await tag('character', 'C'), await tag('fandom', 'F')], 'isn’t canonical'],
    ['a character above a fandom', async () => [await canon('fandom', 'F'), await canon('character', 'C')], 'can’t be the parent'],
    ['a relationship above a character', async () => [await canon('character', 'C'), await canon('relationship', 'R')], 'can’t be the parent'],
    ['a meta tag over a tag that is not canonical', async () => [await tag('freeform', 'Sub'), await canon('freeform', 'Meta')], 'canonical before'],
  ])('refuses %s', async (_name, make, message) => {
    const [child, parent] = await make();
    expect(await kit.w.addParent(child!.id, parent!.id)).toEqual({ ok: false, errors: { parent: expect.stringContaining(message) } });
    expect(await parentIds(child!.id)).toEqual([]);
  });

  it('refuses a tag as its own parent, a parent twice, and loops of meta tags', async () => {
    const a = await canon('freeform', 'A');
    const b = await canon('freeform', 'B');
    const c = await canon('freeform', 'C');
    expect(await kit.w.addParent(a.id, a.id)).toEqual({ ok: false, errors: { parent: 'A tag can’t be its own parent.' } });
    expect((await kit.w.addParent(b.id, a.id)).ok).toBe(true);
    expect((await kit.w.addParent(c.id, b.id)).ok).toBe(true);
    expect(await kit.w.addParent(b.id, a.id)).toEqual({ ok: false, errors: { parent: expect.stringContaining('already a parent') } });
    expect(await kit.w.addParent(a.id, c.id)).toEqual({ ok: false, errors: { parent: expect.stringContaining('loop') } });
  });

  it('refuses to remove a parent that is not one', async () => {
    const a = await canon('fandom', 'A');
    const b = await tag('character', 'B');
    expect(await kit.w.removeParent(b.id, a.id)).toEqual({ ok: false, errors: { remove_parent: expect.stringContaining('not a parent') } });
  });
});
