import type { Facets } from '../workIndex.js';
import { ALIVE, RESTRICTED, type Columns } from './columns.js';
import { bestPerType } from './engine.js';
import type { TagGraph } from './tagGraph.js';

/**
 * Sidebar counts over every listed work, kept up to date work by work, so the busiest listing
 * (all works, no filter) need not count a million works' tags on each change. Two sets: for
 * guests (no restricted works) and for signed-in readers.
 */
export class GlobalFacets {
  private open = new Int32Array(0);
  private all = new Int32Array(0);

  private constructor(private readonly graph: TagGraph) {}

  static build(cols: Columns, graph: TagGraph): GlobalFacets {
    const g = new GlobalFacets(graph);
    for (let s = 0; s < cols.size; s++) g.add(cols, s);
    return g;
  }

  add(cols: Columns, slot: number) {
    this.apply(cols, slot, 1);
  }

  /** Call before the slot is overwritten or emptied: it reads the work's current tags. */
  remove(cols: Columns, slot: number) {
    this.apply(cols, slot, -1);
  }

  top(includeRestricted: boolean, size: number): Facets {
    const counts = includeRestricted ? this.all : this.open;
    const used: number[] = [];
    for (let t = 0; t < counts.length; t++) if (counts[t]! > 0) used.push(t);
    return bestPerType(this.graph, used, (t) => counts[t]!, size);
  }

  private apply(cols: Columns, slot: number, delta: number) {
    const flags = cols.flags[slot]!;
    if (!(flags & ALIVE)) return;
    if (this.graph.maxId >= this.all.length) this.grow(this.graph.maxId);
    const start = cols.tagStart[slot]!;
    const shown = new Set<number>();
    for (let i = start; i < start + cols.tagLen[slot]!; i++) shown.add(this.graph.shownArr[cols.tagPool[i]!]!);
    for (const t of shown) {
      this.all[t]! += delta;
      if (!(flags & RESTRICTED)) this.open[t]! += delta;
    }
  }

  private grow(maxId: number) {
    const size = (maxId + 1) * 2;
    const open = new Int32Array(size);
    open.set(this.open);
    const all = new Int32Array(size);
    all.set(this.all);
    this.open = open;
    this.all = all;
  }
}
