import { describe, expect, it } from 'vitest';
import { insertWork, useWranglingKit } from './testKit.js';
import { wranglingService } from './wrangling.js';

const kit = useWranglingKit();
const { tag, canon, row, parentIds, link } = kit;

describe('renaming', () => {
  it('renames a tag, allows a change of case, and gives every work carrying it a new version', async () => {
    const t = await tag('freeform', 'angst');
    const tagged = await insertWork(kit.db, [t.id]);
    const other = await insertWork(kit.db, []);
    expect((await kit.w.rename(t.id, `  ${t.name.toUpperCase()}  `)).ok).toBe(true);
    expect(await row(t.id)).toMatchObject({ name: t.name.toUpperCase(), name_key: t.name.toLowerCase() });
    const versions = await kit.db.selectFrom('works').select(['id', 'version']).where('id', 'in', [tagged, other]).orderBy('id').execute();
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    const logged = await kit.db.selectFrom('work_changes').select('work_id').where('work_id', 'in', [tagged, other]).execute();
    expect(logged.map((l) => l.work_id)).toEqual([tagged]);
  });

  it('tells the given hook of each work carrying a renamed tag, inside the transaction', async () => {
    const t = await tag('freeform', 'hooked');
    const works = [await insertWork(kit.db, [t.id]), await insertWork(kit.db, [t.id])];
    const told: number[] = [];
    const hooked = wranglingService(kit.db, async () => {}, async (_trx, workId) => { told.push(workId); });
    expect((await hooked.rename(t.id, `${t.name} renamed`)).ok).toBe(true);
    expect(told.sort()).toEqual(works.sort());
  });

  it.each([
    ['', 'Enter a name'],
    ['Has, comma', 'commas'],
    ['x'.repeat(151), 'at most 150'],
  ])('refuses the name %j', async (name, message) => {
    const t = await tag('freeform', 'Name');
    expect(await kit.w.rename(t.id, name)).toEqual({ ok: false, errors: { name: expect.stringContaining(message) } });
    expect((await row(t.id)).name).toBe(t.name);
  });

  it('refuses a name another tag has, of any type and case', async () => {
    const fandom = await canon('fandom', 'Taken');
    const t = await tag('freeform', 'Mine');
    expect(await kit.w.rename(t.id, fandom.name.toLowerCase())).toEqual({ ok: false, errors: { name: expect.stringContaining('already exists') } });
  });
});

describe('bulk actions', () => {
  it('makes many tags canonical, synonyms, or children of a fandom, each in one transaction', async () => {
    const [a, b] = [await tag('character', 'Bulk A'), await tag('character', 'Bulk B')];
    expect(await kit.w.bulk({ kind: 'canonical' }, [a.id, b.id])).toEqual({ ok: true, value: 2 });
    expect((await row(b.id)).canonical).toBe(1);
    const f = await canon('fandom', 'Bulk Fandom');
    expect((await kit.w.bulk({ kind: 'fandom', fandomName: f.name }, [a.id, b.id])).ok).toBe(true);
    expect(await parentIds(b.id)).toEqual([f.id]);
    const [s1, s2] = [await tag('character', 'S1'), await tag('character', 'S2')];
    expect((await kit.w.bulk({ kind: 'synonym', canonicalName: a.name }, [s1.id, s2.id])).ok).toBe(true);
    expect((await row(s2.id)).merger_id).toBe(a.id);
  });

  it('keeps nothing when one tag of the batch is refused, and names it', async () => {
    const good = await tag('character', 'Good');
    const c = await canon('character', 'Canon');
    const synonym = await tag('character', 'Already', { mergerId: c.id });
    const r = await kit.w.bulk({ kind: 'canonical' }, [good.id, synonym.id]);
    expect(r).toEqual({ ok: false, errors: { canonical: expect.stringContaining(synonym.name) } });
    expect((await row(good.id)).canonical).toBe(0);
    expect(kit.changes).toBe(0);
  });

  it('refuses an unknown target and an empty selection', async () => {
    const t = await tag('character', 'T');
    expect(await kit.w.bulk({ kind: 'synonym', canonicalName: 'No Such Tag Anywhere' }, [t.id])).toEqual({ ok: false, errors: { synonym_of: expect.stringContaining('There is no tag') } });
    expect(await kit.w.bulk({ kind: 'canonical' }, [])).toEqual({ ok: false, errors: { tags: 'Choose at least one tag.' } });
  });
});

describe('edit form changes', () => {
  it('applies several changes together, or none, with every problem beside its field', async () => {
    const t = await tag('character', 'Edited');
    const r = await kit.w.edit(t.id, { name: 'Bad, name', canonical: true, addParents: 'No Such Parent At All' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['name', 'parent']);
    expect((await row(t.id)).canonical).toBe(0);
    const f = await canon('fandom', 'Edit Fandom');
    expect(await kit.w.edit(t.id, { name: `${t.name} Renamed`, canonical: true, addParents: f.name })).toEqual({ ok: true, value: `${t.name} Renamed` });
    expect(await parentIds(t.id)).toEqual([f.id]);
  });
});

describe('expansion', () => {
  it('means the canonical tag, its synonyms, and its sub-tags (recursively) with theirs', async () => {
    const top = await canon('freeform', 'Top');
    const topSyn = await tag('freeform', 'Top syn', { mergerId: top.id });
    const mid = await canon('freeform', 'Mid');
    const midSyn = await tag('freeform', 'Mid syn', { mergerId: mid.id });
    const low = await canon('freeform', 'Low');
    const unrelated = await canon('freeform', 'Unrelated');
    const child = await tag('freeform', 'Plain child');
    await link(mid.id, top.id);
    await link(low.id, mid.id);
    const fandom = await canon('fandom', 'Fandom of top');
    await link(top.id, fandom.id);
    const want = [top.id, topSyn.id, mid.id, midSyn.id, low.id].sort((a, b) => a - b);
    expect(await kit.w.expansion(top.id)).toEqual(want);
    expect(await kit.w.expansion(topSyn.id)).toEqual(want);
    expect(await kit.w.expansion(mid.id)).toEqual([mid.id, midSyn.id, low.id].sort((a, b) => a - b));
    expect(await kit.w.expansion(fandom.id)).toEqual([fandom.id]);
    expect(await kit.w.expansion(unrelated.id)).not.toContain(child.id);
  });
});
