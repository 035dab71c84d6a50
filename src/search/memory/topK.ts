/**
 * The first `k` items of `items` under `before`, in order, without sorting all of them:
 * a listing page needs 20 of perhaps a million.
 */
export function topK(items: Int32Array, k: number, before: (a: number, b: number) => boolean): number[] {
  if (k <= 0) return [];
  if (k * 8 >= items.length) {
    return Array.from(items).sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0)).slice(0, k);
  }
  // A max-heap (by `before`) of the best k seen so far; its root is the worst of them.
  const heap: number[] = [];
  const worse = (a: number, b: number) => before(b, a);
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i]!, heap[parent]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (before(item, heap[0]!)) {
      heap[0] = item;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let top = i;
        if (l < heap.length && worse(heap[l]!, heap[top]!)) top = l;
        if (r < heap.length && worse(heap[r]!, heap[top]!)) top = r;
        if (top === i) break;
        [heap[i], heap[top]] = [heap[top]!, heap[i]!];
        i = top;
      }
    }
  }
  return heap.sort((a, b) => (before(a, b) ? -1 : 1));
}
