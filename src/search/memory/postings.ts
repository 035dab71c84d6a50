import type { Columns } from './columns.js';

/**
 * For each tag, the slots of works that carry it: a compact list built at load, plus the
 * slots added since. Lists may hold works that have since lost the tag; callers check each
 * candidate against its current tags, so a stale entry costs time, never correctness.
 */
export class Postings {
  private offsets = new Int32Array(1);
  private slots = new Int32Array(0);
  private readonly added = new Map<number, number[]>();
  addedCount = 0;

  static build(cols: Columns, maxTagId: number): Postings {
    const p = new Postings();
    const counts = new Int32Array(maxTagId + 2);
    for (let s = 0; s < cols.size; s++) {
      if (!cols.flags[s]) continue;
      const start = cols.tagStart[s]!;
      for (let i = start; i < start + cols.tagLen[s]!; i++) counts[cols.tagPool[i]! + 1]! += 1;
    }
    for (let t = 1; t < counts.length; t++) counts[t]! += counts[t - 1]!;
    p.offsets = counts;
    p.slots = new Int32Array(counts[counts.length - 1]!);
    const fill = counts.slice();
    for (let s = 0; s < cols.size; s++) {
      if (!cols.flags[s]) continue;
      const start = cols.tagStart[s]!;
      for (let i = start; i < start + cols.tagLen[s]!; i++) p.slots[fill[cols.tagPool[i]!]!++] = s;
    }
    return p;
  }

  add(tagId: number, slot: number) {
    const list = this.added.get(tagId);
    if (list) list.push(slot);
    else this.added.set(tagId, [slot]);
    this.addedCount++;
  }

  size(tagId: number): number {
    const base = tagId + 1 < this.offsets.length ? this.offsets[tagId + 1]! - this.offsets[tagId]! : 0;
    return base + (this.added.get(tagId)?.length ?? 0);
  }

  forEach(tagId: number, fn: (slot: number) => void) {
    if (tagId + 1 < this.offsets.length) {
      for (let i = this.offsets[tagId]!; i < this.offsets[tagId + 1]!; i++) fn(this.slots[i]!);
    }
    for (const s of this.added.get(tagId) ?? []) fn(s);
  }
}
