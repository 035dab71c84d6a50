import { describe, expect, it } from 'vitest';
import { topK } from './topK.js';

describe('topK', () => {
  it('gives the same first k as a full sort, for small and large k', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed);
    const items = Int32Array.from({ length: 5000 }, rand);
    const before = (a: number, b: number) => a > b;
    const sorted = Array.from(items).sort((a, b) => b - a);
    for (const k of [0, 1, 20, 100, 700, 5000, 6000]) expect(topK(items, k, before)).toEqual(sorted.slice(0, k));
  });
});
