import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { TAG_TYPES, type TagType } from '../../tags/kinds.js';

/**
 * Which tags stand for which: synonyms point to their canonical tag, and a filter on a
 * canonical tag also means its synonyms and its sub-tags (meta tagging), recursively.
 */
export class TagGraph {
  /** Flat copies of shownAs and type for the hot loops: indexed by tag id. */
  shownArr = new Int32Array(0);
  typeArr = new Uint8Array(0);
  maxId = 0;

  private constructor(
    private readonly names: Map<number, string>,
    private readonly types: Map<number, TagType>,
    private readonly canonicalOf: Map<number, number>,
    private readonly synonyms: Map<number, number[]>,
    private readonly subTags: Map<number, number[]>,
  ) {
    for (const id of names.keys()) this.maxId = Math.max(this.maxId, id);
    this.grow(this.maxId);
    for (const id of names.keys()) this.index(id);
  }

  private grow(maxId: number) {
    if (maxId < this.shownArr.length) return;
    const size = Math.max(1024, (maxId + 1) * 2);
    const shown = new Int32Array(size);
    shown.set(this.shownArr);
    const type = new Uint8Array(size);
    type.set(this.typeArr);
    this.shownArr = shown;
    this.typeArr = type;
  }

  private index(id: number) {
    this.shownArr[id] = this.shownAs(id);
    this.typeArr[id] = TAG_TYPES.indexOf(this.types.get(id) ?? 'freeform');
  }

  static async load(db: Kysely<DB>): Promise<TagGraph> {
    const names = new Map<number, string>();
    const types = new Map<number, TagType>();
    const canonicalOf = new Map<number, number>();
    const synonyms = new Map<number, number[]>();
    const subTags = new Map<number, number[]>();
    let after = 0;
    for (;;) {
      const rows = await db.selectFrom('tags').select(['id', 'name', 'type', 'merger_id']).where('id', '>', after).orderBy('id').limit(50_000).execute();
      if (rows.length === 0) break;
      for (const t of rows) {
        names.set(t.id, t.name);
        types.set(t.id, (TAG_TYPES as readonly string[]).includes(t.type) ? (t.type as TagType) : 'freeform');
        if (t.merger_id !== null) {
          canonicalOf.set(t.id, t.merger_id);
          push(synonyms, t.merger_id, t.id);
        }
      }
      after = rows[rows.length - 1]!.id;
    }
    // Only same-type parents are meta tags; a fandom "parent" of a character is common tagging.
    const parents = await db
      .selectFrom('tag_parents')
      .innerJoin('tags as c', 'c.id', 'tag_parents.child_id')
      .innerJoin('tags as p', 'p.id', 'tag_parents.parent_id')
      .select(['tag_parents.child_id', 'tag_parents.parent_id'])
      .whereRef('c.type', '=', 'p.type')
      .execute();
    for (const r of parents) push(subTags, r.parent_id, r.child_id);
    return new TagGraph(names, types, canonicalOf, synonyms, subTags);
  }

  name = (id: number) => this.names.get(id) ?? '';
  type = (id: number): TagType | undefined => this.types.get(id);
  has = (id: number) => this.names.has(id);
  /** The tag a work's tag is shown and counted as in facets. */
  shownAs = (id: number) => this.canonicalOf.get(id) ?? id;

  /** Every tag id a filter on `id` matches. */
  expand(id: number): number[] {
    const start = this.shownAs(id);
    const seen = new Set<number>();
    const stack = [start];
    while (stack.length > 0) {
      const t = stack.pop()!;
      if (seen.has(t)) continue;
      seen.add(t);
      for (const s of this.synonyms.get(t) ?? []) seen.add(s);
      stack.push(...(this.subTags.get(t) ?? []));
    }
    return [...seen];
  }

  /** Adds a tag created after loading (new tags are plain, unwrangled ones). */
  learn(id: number, name: string, type: string) {
    if (this.names.has(id)) return;
    this.names.set(id, name);
    this.types.set(id, type as TagType);
    this.maxId = Math.max(this.maxId, id);
    this.grow(id);
    this.index(id);
  }
}

function push(map: Map<number, number[]>, key: number, value: number) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
