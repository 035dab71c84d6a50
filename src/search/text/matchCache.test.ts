import { describe, expect, it } from 'vitest';
import { logCountsChange, logWorkChange } from '../changeLog.js';
import { cachingTextSearch } from './matchCache.js';
import { p, q, useTextSearch } from './textSearchTestKit.js';

// Kept text matches, brought up to date from the change log whenever they are used again.

const kit = useTextSearch();

/** A work written and indexed, and its change logged as the app's writes log it. */
async function logged(spec: Parameters<typeof kit.work>[0]): Promise<number> {
  const id = await kit.work(spec);
  await logWorkChange(kit.database.db, id);
  return id;
}

const ids = async (search: ReturnType<typeof cachingTextSearch>, input: string) => Array.from((await search.match(q(input))).ids).sort((a, b) => a - b);

describe('kept text matches', () => {
  it('take in new, edited and removed works, in step with a fresh match', async () => {
    const search = cachingTextSearch(kit.database.db, kit.search, { maxAnswers: 10, maxIds: 1000 });
    const a = await logged({ title: 'Walrus Shore', chapters: [p('A walrus basks on the shore.')] });
    const b = await logged({ title: 'Tusks', chapters: [p('The old walrus sleeps.')] });
    expect(await ids(search, 'walrus')).toEqual([a, b].sort((x, y) => x - y));

    const c = await logged({ title: 'Ice Floe', chapters: [p('A young walrus dives.')] });
    expect(await ids(search, 'walrus')).toEqual([a, b, c].sort((x, y) => x - y));

    await kit.database.db.updateTable('chapters').set({ body: p('A seal basks on the shore.') }).where('work_id', '=', a).execute();
    await kit.database.db.updateTable('works').set({ title: 'Seal Shore' }).where('id', '=', a).execute();
    await kit.reindex(a);
    await logWorkChange(kit.database.db, a);
    await kit.database.db.updateTable('works').set({ status: 'draft' }).where('id', '=', b).execute();
    await kit.reindex(b);
    await logWorkChange(kit.database.db, b);
    await logCountsChange(kit.database.db, [c]);
    expect(await ids(search, 'walrus')).toEqual([c]);
    expect(await ids(search, 'walrus')).toEqual(Array.from((await kit.search.match(q('walrus'))).ids));
  });

  it('keep best matches first after a patch, as a fresh match orders them', async () => {
    const search = cachingTextSearch(kit.database.db, kit.search, { maxAnswers: 10, maxIds: 1000 });
    await logged({ title: 'Narwhal', chapters: [p('A narwhal and a narwhal and a narwhal.')] });
    await search.match(q('narwhal'));
    await logged({ title: 'Sea Unicorn', chapters: [p('Once a narwhal, long ago, somewhere in a very long story about the sea and the ice and the cold.')] });
    await logged({ title: 'The Narwhal Narwhal', chapters: [p('Narwhal.')] });
    const kept = await search.match(q('narwhal'));
    const scores = Array.from(kept.scores!);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    expect(Array.from(kept.ids).sort()).toEqual(Array.from((await kit.search.match(q('narwhal'))).ids).sort());
  });

  it('answer from what they kept while nothing was logged, and match afresh after many changes or once evicted', async () => {
    const search = cachingTextSearch(kit.database.db, kit.search, { maxAnswers: 2, maxIds: 1000 });
    const first = await logged({ title: 'Dugong Bay', chapters: [p('A dugong grazes.')] });
    expect(await ids(search, 'dugong')).toEqual([first]);
    // Written without a log entry (as only `quire reindex` writes): the kept answer does not know.
    const quiet = await kit.work({ title: 'Quiet Dugong', chapters: [p('Another dugong grazes.')] });
    expect(await ids(search, 'dugong')).toEqual([first]);

    // More changes than are worth patching: matched afresh.
    for (let i = 0; i < 101; i++) await logWorkChange(kit.database.db, 999_000 + i);
    expect(await ids(search, 'dugong')).toEqual([first, quiet]);

    // Two other searches push it out (two answers kept at most): matched afresh again.
    const third = await kit.work({ title: 'Third Dugong', chapters: [p('A third dugong.')] });
    await search.match(q('grazes'));
    await search.match(q('third'));
    expect(await ids(search, 'dugong')).toEqual([first, quiet, third]);
  });

  it('take in a change numbered before one already read that commits after it (PostgreSQL)', async () => {
    const search = cachingTextSearch(kit.database.db, kit.search, { maxAnswers: 10, maxIds: 1000 });
    const { db } = kit.database;
    const first = await logged({ title: 'Manatee', chapters: [p('A manatee drifts.')] });
    expect(await ids(search, 'manatee')).toEqual([first]);
    const last = Number((await db.selectFrom('work_changes').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m);
    const at = new Date().toISOString();

    // The later transaction commits first; the answer is brought up to it.
    const other = await kit.work({ title: 'Sea Cow', chapters: [p('A sea cow drifts.')] });
    await db.insertInto('work_changes').values({ id: last + 2, work_id: other, changed_at: at }).execute();
    expect(await ids(search, 'manatee')).toEqual([first]);

    // Then the earlier one: its work now says manatee.
    const late = await kit.work({ title: 'Late Manatee', chapters: [p('A manatee, late.')] });
    await db.insertInto('work_changes').values({ id: last + 1, work_id: late, changed_at: at }).execute();
    expect(await ids(search, 'manatee')).toEqual([first, late]);
  });
});
