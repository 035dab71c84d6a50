/**
 * Seeded randomness for the benchmark corpus: a PRNG, discrete samplers (Zipf and arbitrary
 * weights) and the continuous shapes archives show (lognormal sizes and counts).
 * Everything is deterministic for a given seed; nothing here reads the clock.
 */

/** splitmix32: spreads a (seed, stream) pair into well-mixed 32-bit words to seed xoshiro. */
function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Mixes several integers into one 32-bit seed (for per-work, per-chapter streams). */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
  }
  return h >>> 0;
}

/** xoshiro128**: fast, small-state, 2^128 period; plenty for a billion draws. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = NaN;

  constructor(seed: number, stream = 0) {
    const sm = splitmix32(mixSeed(seed, stream));
    this.a = sm();
    this.b = sm();
    this.c = sm();
    this.d = sm();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.float() * xs.length)] as T;
  }

  /** Standard normal by Box-Muller (the second value of each pair is kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = NaN;
      return s;
    }
    let u = this.float();
    while (u === 0) u = this.float();
    const v = this.float();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Lognormal with the given median and shape (sigma of the underlying normal). */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.float());
  }

  /** Fisher-Yates, in place. */
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      const t = xs[i] as T;
      xs[i] = xs[j] as T;
      xs[j] = t;
    }
    return xs;
  }
}

const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));

/**
 * Draws index i with probability weights[i] / sum: a precomputed CDF and a binary search,
 * narrowed first by a guide table so large tables (a 30,000-word vocabulary) stay fast.
 */
export class Discrete {
  readonly size: number;
  private readonly cdf: Float64Array;
  private readonly guide: Int32Array;
  private readonly total: number;

  /** guideSize: buckets of the guide table (default 2 per weight); more is faster, costs memory. */
  constructor(weights: ArrayLike<number>, guideSize?: number) {
    const n = weights.length;
    if (n === 0) throw new Error('Discrete: no weights');
    this.size = n;
    this.cdf = new Float64Array(n);
    let acc = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (!(w >= 0)) throw new Error(`Discrete: bad weight ${w} at ${i}`);
      acc += w;
      this.cdf[i] = acc;
    }
    if (!(acc > 0)) throw new Error('Discrete: weights sum to 0');
    this.total = acc;
    // guide[k]: the first index whose cumulative weight exceeds k/m of the total.
    const m = Math.max(1, Math.min(guideSize ?? 2 * n, 1 << 22));
    this.guide = new Int32Array(m + 1);
    let i = 0;
    for (let k = 0; k <= m; k++) {
      const target = (k / m) * acc;
      while (i < n - 1 && this.cdf[i]! <= target) i++;
      this.guide[k] = i;
    }
  }

  /** The probability of index i. */
  probability(i: number): number {
    return ((this.cdf[i] ?? 0) - (i > 0 ? this.cdf[i - 1]! : 0)) / this.total;
  }

  sample(rng: Rng): number {
    return this.at(rng.float());
  }

  /** The index for a uniform draw u in [0, 1). */
  at(u: number): number {
    const x = u * this.total;
    const m = this.guide.length - 1;
    const k = Math.floor(u * m);
    let lo = this.guide[k]!;
    let hi = this.guide[Math.min(k + 1, m)]!;
    const cdf = this.cdf;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Zipf weights 1/(rank^s) for ranks 1..n. */
export function zipfWeights(n: number, s: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 1 / Math.pow(i + 1, s);
  return w;
}

export const zipf = (n: number, s: number, guideSize?: number) => new Discrete(zipfWeights(n, s), guideSize);

/** The share of the most popular of n Zipf(s) items. */
export function zipfTopShare(n: number, s: number): number {
  let h = 0;
  for (let i = 1; i <= n; i++) h += 1 / Math.pow(i, s);
  return 1 / h;
}

/**
 * The Zipf exponent that gives the top item of n the wanted share (bisection; the share grows
 * with s). Returns 0 (uniform) when even that is above the wanted share.
 */
export function zipfExponentForTopShare(n: number, share: number): number {
  if (zipfTopShare(n, 0) >= share) return 0;
  let lo = 0;
  let hi = 4;
  for (let it = 0; it < 60; it++) {
    const mid = (lo + hi) / 2;
    if (zipfTopShare(n, mid) < share) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** A categorical draw over labelled weights (ratings, languages, ...). */
export class Weighted<T> {
  private readonly values: T[];
  private readonly d: Discrete;
  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    this.values = entries.map(([v]) => v);
    this.d = new Discrete(entries.map(([, w]) => w));
  }
  sample(rng: Rng): T {
    return this.values[this.d.sample(rng)] as T;
  }
}

/** Percentile (0..1) of an already sorted numeric array, nearest-rank. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i]!;
}
