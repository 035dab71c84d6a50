import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { WorkIndex, WorkListQuery, WorkListResult } from '../workIndex.js';
import { Columns } from './columns.js';
import { evaluate, Scratch } from './engine.js';
import { loadAllWorkFacts, loadWorkFacts } from './load.js';
import { Postings } from './postings.js';
import { TagGraph } from './tagGraph.js';

/** A change-log entry with this work id means "tag structure changed" rather than one work. */
const TAGS_CHANGED = 0;

/**
 * Listings, filters and facets from memory: every posted work's listing facts in typed arrays,
 * kept current by following the `work_changes` log (this process's writes and other processes').
 */
export async function memoryWorkIndex(db: Kysely<DB>, options: { followEveryMs?: number } = {}): Promise<WorkIndex & { close(): void }> {
  const cols = new Columns();
  let graph = await TagGraph.load(db);
  let lastSeq = Number((await db.selectFrom('work_changes').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0);
  for await (const chunk of loadAllWorkFacts(db)) for (const w of chunk) cols.put(w);
  cols.trim();
  let postings = Postings.build(cols, graph.maxId);
  const scratch = new Scratch();
  let syncing: Promise<void> | null = null;
  // Answers are reused until the next change lands: busy listings repeat the same queries.
  const answers = new Map<string, WorkListResult>();

  async function catchUp() {
    const changes = await db.selectFrom('work_changes').select(['id', 'work_id']).where('id', '>', lastSeq).orderBy('id').limit(10_000).execute();
    if (changes.length === 0) return;
    lastSeq = changes[changes.length - 1]!.id;
    answers.clear();
    if (changes.some((c) => c.work_id === TAGS_CHANGED)) graph = await TagGraph.load(db);
    const ids = [...new Set(changes.map((c) => c.work_id).filter((id) => id !== TAGS_CHANGED))];
    for (let i = 0; i < ids.length; i += 500) {
      const { facts, removed } = await loadWorkFacts(db, { ids: ids.slice(i, i + 500) });
      for (const id of removed) cols.remove(id);
      for (const w of facts) {
        const slot = cols.put(w);
        for (const t of w.tags) postings.add(t, slot);
      }
    }
    await learnNewTags();
    // Stale entries only cost time; rebuild when they have piled up.
    if (postings.addedCount > Math.max(100_000, cols.size / 4) || changes.some((c) => c.work_id === TAGS_CHANGED)) {
      postings = Postings.build(cols, graph.maxId);
    }
    if (changes.length === 10_000) await catchUp();
  }

  async function learnNewTags() {
    const fresh = await db.selectFrom('tags').select(['id', 'name', 'type']).where('id', '>', graph.maxId).execute();
    for (const t of fresh) graph.learn(t.id, t.name, t.type);
  }

  /** One catch-up at a time; callers arriving meanwhile wait for the next one. */
  async function sync(): Promise<void> {
    while (syncing) await syncing;
    syncing = catchUp().finally(() => { syncing = null; });
    return syncing;
  }

  const timer = options.followEveryMs ? setInterval(() => void sync().catch(() => {}), options.followEveryMs) : null;
  timer?.unref();

  return {
    async list(q: WorkListQuery): Promise<WorkListResult> {
      // Text matches differ per search and are large: those answers are not kept.
      const key = q.text ? null : JSON.stringify(q);
      const known = key ? answers.get(key) : undefined;
      if (known) return known;
      const r = evaluate(cols, postings, graph, scratch, q);
      const answer = { ids: r.page, total: r.total, facets: r.facets };
      if (key) {
        if (answers.size >= 1000) answers.delete(answers.keys().next().value!);
        answers.set(key, answer);
      }
      return answer;
    },
    async workChanged(trx: Kysely<DB>, workId: number) {
      await trx.insertInto('work_changes').values({ work_id: workId, changed_at: new Date().toISOString() }).execute();
    },
    sync,
    async tagsChanged() {
      await db.insertInto('work_changes').values({ work_id: TAGS_CHANGED, changed_at: new Date().toISOString() }).execute();
      await sync();
    },
    close() {
      if (timer) clearInterval(timer);
    },
  };
}
