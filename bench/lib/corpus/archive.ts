/**
 * The archive's cast before any work is written: users and their pseuds, fandoms with their
 * characters and relationships, and the pool of additional tags, each with an AO3-like
 * popularity curve. Deterministic for a seed.
 */
import { CATEGORIES, RATINGS, WARNINGS } from '../../../src/tags/kinds.js';
import { Discrete, Rng, zipfExponentForTopShare, zipfWeights } from './distributions.js';
import {
  CHARACTER_FREEFORMS, authorName, characterName, characterSynonym, fandomBase, fandomName, generatedFreeform, medium,
  MEDIA, TROPES, type Medium,
} from './names.js';

/** A dummy argon2id string that parses but never verifies: nobody can sign in as a corpus user. */
export const DUMMY_PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$invalid$invalid';
/** One fixed creation time for cast rows, so reruns are byte-identical. */
export const CAST_CREATED_AT = '2008-11-01T00:00:00.000Z';

export type TagRow = { id: number; name: string; type: 'fandom' | 'character' | 'relationship' | 'freeform'; canonical: 0 | 1; merger_id: number | null };
export type UserRow = { id: number; login: string; is_admin: 0 | 1; created_at: string };

/** Everything written before the first work: users (and their default pseuds), tags, tag parents. */
export type Cast = { users: UserRow[]; tags: TagRow[]; parents: Array<[child: number, parent: number]> };

/** What the log says about the cast. */
export type CastInfo = {
  fandoms: number;
  fandomExponent: number;
  metaTags: number;
  synonyms: number;
  tagsByType: Record<string, number>;
};

export type Character = { id: number; first: string; synonymId: number };
export type Relationship = { id: number; a: number; b: number };

export type Fandom = {
  id: number;
  name: string;
  base: string;
  /** Share of fandom draws this fandom gets. */
  probability: number;
  /** Kudos multiplier: popular fandoms get a little more (more readers). */
  kudosFactor: number;
  characters: Character[];
  characterSampler: Discrete;
  romantic: Relationship[];
  romanticSampler: Discrete | null;
  platonic: Relationship[];
  platonicSampler: Discrete | null;
};

export type FixedTags = { ratings: number[]; warnings: number[]; categories: number[] };

export type ArchiveOptions = {
  works: number;
  seed: number;
  fixed: FixedTags;
  /** Names (any case) already taken: the fixed tags. */
  takenNames: Iterable<string>;
  /** The first id free for new tags. */
  firstTagId: number;
};

// Zipf exponents within a fandom: a few characters and pairings carry most works, as on AO3.
const CHARACTER_ZIPF = 1.0;
const RELATIONSHIP_ZIPF = 1.0;
/**
 * The top additional tag's share of draws: ~2% a draw, ~5 draws a work, so it is on ~10% of
 * works, like AO3's "Fluff" and "Angst" (each on roughly 8% of all works).
 */
const TOP_FREEFORM_DRAW_SHARE = 0.02;
/** Users' output: a handful of very prolific writers, a long tail of occasional ones. */
const USER_ZIPF = 0.7;
/** The largest fandom's share of works (AO3's biggest fandoms hold a few percent each). */
export const TARGET_TOP_FANDOM_SHARE = 0.03;
/** Fandoms per work, on average: 10% crossovers with 2-3 fandoms (see works.ts). */
const FANDOMS_PER_WORK = 1.13;

export class Archive {
  readonly users: UserRow[] = [];
  readonly tags: TagRow[] = [];
  readonly parents: Array<[child: number, parent: number]> = [];
  readonly fandoms: Fandom[] = [];
  readonly fandomSampler: Discrete;
  readonly freeforms: number[] = [];
  readonly freeformSampler: Discrete;
  readonly userSampler: Discrete;
  /** Zipf rank -> user id (ranks shuffled so the busiest writer is not simply user1). */
  readonly userByRank: Int32Array;
  readonly fixed: FixedTags;
  readonly fandomExponent: number;
  metaTags = 0;
  synonyms = 0;
  /** Tags made while writing works (character-specific additional tags), not yet stored. */
  readonly pendingTags: TagRow[] = [];

  private readonly keys = new Set<string>();
  private nextTagId: number;
  private readonly characterFreeforms = new Map<number, number>();

  constructor(private readonly o: ArchiveOptions) {
    const rng = new Rng(o.seed, 1);
    this.fixed = o.fixed;
    for (const n of o.takenNames) this.keys.add(n.toLowerCase());
    this.nextTagId = o.firstTagId;

    // Users: max(50, N/300) writers (the brief's scale); user1 is the admin.
    const userCount = Math.max(50, Math.floor(o.works / 300));
    for (let i = 1; i <= userCount; i++) {
      this.users.push({ id: i, login: `user${i}`, is_admin: i === 1 ? 1 : 0, created_at: CAST_CREATED_AT });
    }
    this.userByRank = Int32Array.from(rng.shuffle(this.users.map((u) => u.id)));
    this.userSampler = new Discrete(zipfWeights(userCount, USER_ZIPF));

    // Additional tags: generic tropes lead the popularity list, generated phrases fill the tail.
    const poolSize = Math.max(500, Math.round(o.works / 20));
    for (const t of TROPES) if (this.freeforms.length < poolSize) this.freeforms.push(this.addTag(t, 'freeform', 1)!);
    while (this.freeforms.length < poolSize) {
      // Some tail tags are unwrangled: nobody has made them canonical yet.
      const id = this.addTag(generatedFreeform(rng), 'freeform', rng.chance(0.35) ? 0 : 1);
      if (id !== null) this.freeforms.push(id);
    }
    this.freeformSampler = new Discrete(zipfWeights(this.freeforms.length, zipfExponentForTopShare(this.freeforms.length, TOP_FREEFORM_DRAW_SHARE)));

    // Fandoms: about N/40 (AO3 has ~60k fandoms for ~15M works, but most of them are tiny).
    const fandomCount = Math.max(20, Math.round(o.works / 40));
    this.fandomExponent = zipfExponentForTopShare(fandomCount, TARGET_TOP_FANDOM_SHARE / FANDOMS_PER_WORK);
    const weights = zipfWeights(fandomCount, this.fandomExponent);
    let weightSum = 0;
    for (const w of weights) weightSum += w;
    const medianProbability = weights[Math.floor(fandomCount / 2)]! / weightSum;

    // Franchises: some big fandoms are one canon of several (books, TV, movies) under an
    // "X - All Media Types" meta tag, and a few small fandoms further down are its siblings.
    type Plan = { base: string; medium: Medium; author: string; franchise: number };
    const plans: Plan[] = [];
    for (let r = 0; r < fandomCount; r++) plans.push({ base: '', medium: medium(rng), author: authorName(rng), franchise: -1 });
    const bigOnes = Math.max(2, Math.round(fandomCount * 0.01));
    const siblingsFrom = Math.min(fandomCount - 1, bigOnes * 3);
    for (let r = 0; r < bigOnes; r++) {
      if (!rng.chance(0.7)) continue;
      plans[r]!.franchise = r;
      for (let k = rng.between(1, 3); k > 0; k--) {
        const s = rng.between(siblingsFrom, fandomCount - 1);
        if (plans[s]!.franchise === -1) plans[s]!.franchise = r;
      }
    }
    const bases = new Set<string>();
    for (let r = 0; r < fandomCount; r++) {
      const plan = plans[r]!;
      if (plan.franchise >= 0 && plan.franchise !== r) continue; // a sibling: named after its franchise below
      for (;;) {
        const base = fandomBase(rng);
        if (this.keys.has(base.toLowerCase()) || bases.has(base)) continue;
        const name = fandomName(base, plan.medium, plan.author);
        if (this.keys.has(name.toLowerCase()) || this.keys.has(`${base} - All Media Types`.toLowerCase())) continue;
        plan.base = base;
        bases.add(base);
        break;
      }
    }
    const metaOf = new Map<number, number>();
    const mediaUsed = new Map<number, Set<Medium>>();
    for (let r = 0; r < fandomCount; r++) {
      const plan = plans[r]!;
      const franchise = plan.franchise;
      let name: string;
      if (franchise >= 0 && franchise !== r) {
        // A sibling takes a medium its franchise does not have yet: "X (Movies)", "X (Comics)".
        const head = plans[franchise]!;
        const used = mediaUsed.get(franchise)!;
        const free = MEDIA.filter((m) => !used.has(m));
        plan.base = head.base;
        plan.medium = free.length > 0 ? rng.pick(free) : plan.medium;
        used.add(plan.medium);
        name = fandomName(plan.base, plan.medium, head.author);
        if (this.keys.has(name.toLowerCase())) {
          plan.franchise = -1;
          plan.base = `${head.base} ${rng.pick(['Legacy', 'Origins', 'Reborn', 'Academy', 'Tales'])}`;
          name = fandomName(plan.base, plan.medium, plan.author);
        }
      } else {
        name = fandomName(plan.base, plan.medium, plan.author);
        if (franchise === r) mediaUsed.set(r, new Set([plan.medium]));
      }
      const id = this.addTag(name, 'fandom', 1) ?? this.addTag(`${name} ${r}`, 'fandom', 1)!;
      if (plan.franchise >= 0) {
        let meta = metaOf.get(plan.franchise);
        if (meta === undefined) {
          meta = this.addTag(`${plan.base} - All Media Types`, 'fandom', 1)!;
          metaOf.set(plan.franchise, meta);
          this.metaTags++;
        }
        this.parents.push([id, meta]);
      }
      const probability = weights[r]! / weightSum;
      this.fandoms.push({
        id, name, base: plan.base, probability,
        kudosFactor: Math.pow(probability / medianProbability, 0.12),
        characters: [], characterSampler: null as unknown as Discrete,
        romantic: [], romanticSampler: null, platonic: [], platonicSampler: null,
      });
    }
    this.fandomSampler = new Discrete(weights);

    // Characters and relationships, per fandom, scaled to the fandom's expected size.
    for (let r = 0; r < fandomCount; r++) {
      const f = this.fandoms[r]!;
      const franchise = plans[r]!.franchise;
      if (franchise >= 0 && franchise !== r) continue; // siblings share their franchise's cast
      const size = o.works * FANDOMS_PER_WORK * f.probability;
      const characterCount = 3 + Math.floor(size / 100);
      for (let i = 0; i < characterCount; i++) f.characters.push(this.addCharacter(rng, f));
      f.characterSampler = new Discrete(zipfWeights(characterCount, CHARACTER_ZIPF));
      f.romantic = this.addRelationships(rng, f, 1 + Math.floor(size / 150), '/');
      f.platonic = this.addRelationships(rng, f, 1 + Math.floor(size / 400), ' & ');
      f.romanticSampler = f.romantic.length > 0 ? new Discrete(zipfWeights(f.romantic.length, RELATIONSHIP_ZIPF)) : null;
      f.platonicSampler = f.platonic.length > 0 ? new Discrete(zipfWeights(f.platonic.length, RELATIONSHIP_ZIPF)) : null;
    }
    for (let r = 0; r < fandomCount; r++) {
      const franchise = plans[r]!.franchise;
      if (franchise < 0 || franchise === r) continue;
      const f = this.fandoms[r]!;
      const head = this.fandoms[franchise]!;
      Object.assign(f, {
        characters: head.characters, characterSampler: head.characterSampler,
        romantic: head.romantic, romanticSampler: head.romanticSampler,
        platonic: head.platonic, platonicSampler: head.platonicSampler,
      });
      // The same characters appear in every canon of the franchise: one more fandom parent each.
      for (const c of head.characters) this.parents.push([c.id, f.id]);
    }
  }

  /** A snapshot of the cast as it stands (before any work adds tags). */
  cast(): Cast {
    return { users: this.users, tags: this.tags.slice(), parents: this.parents };
  }

  info(): CastInfo {
    const tagsByType: Record<string, number> = {};
    for (const t of this.tags) tagsByType[t.type] = (tagsByType[t.type] ?? 0) + 1;
    return { fandoms: this.fandoms.length, fandomExponent: this.fandomExponent, metaTags: this.metaTags, synonyms: this.synonyms, tagsByType };
  }

  /** A new tag, or null when its name (any case) is taken: names are unique across types. */
  private addTag(name: string, type: TagRow['type'], canonical: 0 | 1, mergerId: number | null = null): number | null {
    const key = name.toLowerCase();
    if (this.keys.has(key)) return null;
    this.keys.add(key);
    const id = this.nextTagId++;
    this.tags.push({ id, name, type, canonical, merger_id: mergerId });
    return id;
  }

  private addCharacter(rng: Rng, f: Fandom): Character {
    let id: number | null = null;
    let n = characterName(rng);
    for (let tries = 0; id === null && tries < 5; tries++) {
      if (tries > 0) n = characterName(rng);
      id = this.addTag(n.name, 'character', 1);
    }
    // AO3 disambiguates a name shared across fandoms with the fandom: "Ren (Harbour Lights)".
    for (let k = 1; id === null; k++) id = this.addTag(`${n.name} (${f.base}${k > 1 ? ` ${k}` : ''})`, 'character', 1);
    this.parents.push([id, f.id]);
    let synonymId = 0;
    // 10% of characters have a second spelling wranglers merged into the canonical tag.
    if (rng.chance(0.1)) {
      const syn = this.addTag(characterSynonym(rng, n.first, n.last, f.base), 'character', 0, id);
      if (syn !== null) {
        synonymId = syn;
        this.synonyms++;
      }
    }
    return { id, first: n.first, synonymId };
  }

  private addRelationships(rng: Rng, f: Fandom, count: number, joiner: string): Relationship[] {
    const out: Relationship[] = [];
    const seen = new Set<number>();
    const n = f.characters.length;
    for (let tries = 0; out.length < count && tries < count * 4; tries++) {
      // Pairs of popular characters are the popular pairings.
      let a = f.characterSampler.sample(rng);
      let b = f.characterSampler.sample(rng);
      if (a === b) continue;
      if (a > b) [a, b] = [b, a];
      if (seen.has(a * n + b)) continue;
      seen.add(a * n + b);
      const nameA = this.tags[f.characters[a]!.id - this.o.firstTagId]!.name;
      const nameB = this.tags[f.characters[b]!.id - this.o.firstTagId]!.name;
      const [x, y] = nameA < nameB ? [nameA, nameB] : [nameB, nameA];
      const id = this.addTag(`${x}${joiner}${y}`, 'relationship', 1);
      if (id === null) continue;
      this.parents.push([id, f.id]);
      out.push({ id, a, b });
    }
    return out;
  }

  /** "Protective Kaelith Morrow": made on first use, mostly unwrangled (non-canonical). */
  characterFreeform(rng: Rng, c: Character): number | null {
    const pattern = rng.int(CHARACTER_FREEFORMS.length);
    const key = c.id * CHARACTER_FREEFORMS.length + pattern;
    const known = this.characterFreeforms.get(key);
    if (known !== undefined) return known;
    const name = CHARACTER_FREEFORMS[pattern]!(this.tags[c.id - this.o.firstTagId]!.name);
    const id = this.addTag(name, 'freeform', rng.chance(0.2) ? 1 : 0);
    if (id === null) return null;
    this.characterFreeforms.set(key, id);
    this.pendingTags.push(this.tags[this.tags.length - 1]!);
    return id;
  }

  /** Ids of the fixed tags by name, checked against src/tags/kinds.ts. */
  static fixedTags(rows: ReadonlyArray<{ id: number; name: string; type: string }>): FixedTags {
    const idOf = (type: string, name: string) => {
      const row = rows.find((r) => r.type === type && r.name === name);
      if (!row) throw new Error(`fixed tag missing from the database: ${type} "${name}" (did the first migration run?)`);
      return row.id;
    };
    return {
      ratings: RATINGS.map((n) => idOf('rating', n)),
      warnings: WARNINGS.map((n) => idOf('warning', n)),
      categories: CATEGORIES.map((n) => idOf('category', n)),
    };
  }
}
