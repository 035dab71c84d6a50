import { recordStats } from '../stats/store.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { utcDay, type HitReader, type readerKeys } from './readerKeys.js';
import { insertHits, type HitRow } from './store.js';

type Pending = { workId: number; reader: HitReader; day: string };

/** Who hears of the works whose counts moved: inside the write's transaction, then after its commit. */
export type CountChanges = {
  changed(trx: Kysely<DB>, workIds: readonly number[]): Promise<void>;
  committed(): Promise<void>;
};

/**
 * Hits are counted off the page's path: a view only adds to a buffer in memory, written in
 * batches. The dedupe that matters lives in the database (one row per work, reader and day),
 * so two processes serving the same archive never count one reader twice; the buffer's own
 * dedupe only spares the database repeats. Counts change without touching the work's version.
 */
export class HitCounter {
  private pending = new Map<string, Pending>();
  private flushing: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout | null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly changes: CountChanges,
    private readonly keys: () => Promise<ReturnType<typeof readerKeys>>,
    private readonly options: { flushEveryMs: number; maxPending: number; onError?: (e: unknown) => void } = { flushEveryMs: 1000, maxPending: 500 },
  ) {
    this.timer = options.flushEveryMs > 0 ? setInterval(() => void this.flush().catch((e) => options.onError?.(e)), options.flushEveryMs) : null;
    this.timer?.unref();
  }

  record(workId: number, reader: HitReader, now = new Date()) {
    const day = utcDay(now);
    const key = `${workId}\n${day}\n${reader.kind === 'user' ? `u${reader.id}` : `g${reader.address}`}`;
    if (this.pending.has(key)) return;
    this.pending.set(key, { workId, reader, day });
    if (this.pending.size >= this.options.maxPending) void this.flush().catch((e) => this.options.onError?.(e));
  }

  /** Writes what is buffered; one flush at a time. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.flushing = this.write(batch).finally(() => { this.flushing = null; });
    return this.flushing;
  }

  async close() {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  private async write(batch: Pending[]) {
    const keys = await this.keys();
    const rows: HitRow[] = batch.map((p) => ({ work_id: p.workId, reader_key: keys.hit(p.reader, p.day), day: p.day }));
    const added = await this.db.transaction().execute(async (trx) => {
      // A few statements for the whole batch, whatever its size: the transaction holds the
      // connection, and every page waiting on it.
      const counted = await insertHits(trx, rows);
      await recordStats(trx, 'hits', counted);
      await this.changes.changed(trx, [...counted.keys()]);
      return counted;
    });
    if (added.size > 0) await this.changes.committed();
  }
}
