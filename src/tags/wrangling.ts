import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { fail, ok, type FieldErrors, type Result } from '../result.js';
import { MAX_TAG_LENGTH, TAG_TYPE_LABELS, type TagType } from './kinds.js';
import { parseTagList, tagKey } from './parse.js';
import * as store from './wranglingStore.js';
import type { TagFacts, TagRef } from './wranglingStore.js';

export type { TagFacts, TagRef, TagUse } from './wranglingStore.js';

type Trx = Kysely<DB>;

/** A broken rule inside a transaction: thrown so nothing is kept, returned to the caller as field errors. */
class Refused extends Error {
  constructor(readonly errors: FieldErrors) {
    super(Object.values(errors).join(' '));
  }
}
const refuse = (field: string, message: string): never => {
  throw new Refused({ [field]: message });
};

const FIXED: ReadonlySet<TagType> = new Set(['rating', 'warning', 'category']);
/** Common tagging: which types may be the parent of which (AO3: fandom above everything, characters above relationships). */
const COMMON_PARENTS: Partial<Record<TagType, readonly TagType[]>> = { character: ['fandom'], relationship: ['fandom', 'character'], freeform: ['fandom'] };
const label = (type: TagType) => TAG_TYPE_LABELS[type].one.toLowerCase();
export const UNWRANGLED_PER_PAGE = 50;

/** Names as the posting form would store them: one space between words, trimmed. */
export function tagNameProblem(name: string): string | null {
  if (name === '') return 'Enter a name for the tag.';
  if (name.length > MAX_TAG_LENGTH) return `Tag names must be at most ${MAX_TAG_LENGTH} characters.`;
  if (name.includes(',')) return 'Tag names can’t contain commas.';
  return null;
}
const normalName = (raw: string) => raw.replace(/\s+/g, ' ').trim();

async function mustFind(trx: Trx, id: number, field: string): Promise<TagFacts> {
  const tag = await store.tagById(trx, id);
  if (!tag) refuse(field, 'That tag no longer exists.');
  if (FIXED.has(tag!.type)) refuse(field, `${TAG_TYPE_LABELS[tag!.type].many} are fixed by the archive and can’t be wrangled.`);
  return tag!;
}

async function mustFindNamed(trx: Trx, name: string, field: string): Promise<TagFacts> {
  const tag = await store.tagByKey(trx, tagKey(normalName(name)));
  return tag ?? refuse(field, `There is no tag called “${normalName(name)}”.`);
}

/** Why `parent` can't be a parent of `child`, or null when it can. */
async function linkProblem(trx: Trx, child: TagFacts, parent: TagFacts): Promise<string | null> {
  if (child.id === parent.id) return 'A tag can’t be its own parent.';
  if (!parent.canonical) return `“${parent.name}” isn’t canonical; only canonical tags can be parents.`;
  if (child.type === parent.type) {
    if (FIXED.has(child.type)) return `${TAG_TYPE_LABELS[child.type].many} can’t have meta tags.`;
    if (!child.canonical) return `Make “${child.name}” canonical before giving it a meta tag.`;
    if ((await store.descendantIds(trx, child.id)).has(parent.id)) return `“${parent.name}” is already below “${child.name}”; linking them would make a loop.`;
  } else if (!COMMON_PARENTS[child.type]?.includes(parent.type)) {
    return `A ${label(parent.type)} tag can’t be the parent of a ${label(child.type)} tag.`;
  }
  if (await store.isLinked(trx, child.id, parent.id)) return `“${parent.name}” is already a parent of “${child.name}”.`;
  return null;
}

async function addParentIn(trx: Trx, child: TagFacts, parent: TagFacts, field: string) {
  const problem = await linkProblem(trx, child, parent);
  if (problem) refuse(field, problem);
  await store.link(trx, child.id, parent.id);
}

async function setCanonicalIn(trx: Trx, tag: TagFacts, on: boolean) {
  if (tag.canonical === on) return;
  if (on) {
    if (tag.mergerId !== null) refuse('canonical', `“${tag.name}” is a synonym. Remove the synonym before making it canonical.`);
    await store.setCanonical(trx, tag.id, true);
    return;
  }
  const synonyms = await store.synonymsOf(trx, tag.id);
  if (synonyms.length > 0) {
    refuse('canonical', `“${tag.name}” has ${synonyms.length === 1 ? 'a synonym' : `${synonyms.length} synonyms`} (${synonyms.map((s) => s.name).join(', ')}). Move or remove them before it stops being canonical.`);
  }
  await store.setCanonical(trx, tag.id, false);
  // As on AO3, a tag that is not canonical can't stand above other tags or below a meta tag.
  await store.unlinkChildren(trx, tag.id);
  await store.unlinkParentsOfType(trx, tag.id, tag.type);
}

async function makeSynonymIn(trx: Trx, tag: TagFacts, target: TagFacts) {
  if (target.id === tag.id) refuse('synonym_of', 'A tag can’t be a synonym of itself.');
  if (!target.canonical) refuse('synonym_of', `“${target.name}” isn’t canonical. Make it canonical before adding synonyms to it.`);
  if (target.type !== tag.type) refuse('synonym_of', `“${target.name}” is a ${label(target.type)} tag; a synonym must be of the same type (${label(tag.type)}).`);
  if (tag.mergerId === target.id) return;
  if (tag.canonical && (await store.synonymsOf(trx, tag.id)).length > 0) {
    refuse('synonym_of', `“${tag.name}” is canonical and has synonyms of its own. Move or remove them first.`);
  }
  // What the tag stood for moves to its canonical, so filters and tag pages keep finding it.
  await store.moveSynonyms(trx, tag.id, target.id);
  for (const p of await store.parentsOf(trx, tag.id)) if (!(await linkProblem(trx, target, p))) await store.link(trx, target.id, p.id);
  for (const c of await store.childrenOf(trx, tag.id)) if (!(await linkProblem(trx, c, target))) await store.link(trx, c.id, target.id);
  await store.unlinkChildren(trx, tag.id);
  await store.unlinkParentsOfType(trx, tag.id, tag.type);
  await store.setCanonical(trx, tag.id, false);
  await store.setMerger(trx, tag.id, target.id);
}

/** Told, inside the transaction, of each work whose page a wrangling change alters (search re-indexing). */
export type WorkChanged = (trx: Kysely<DB>, workId: number) => Promise<void>;

async function renameIn(trx: Trx, tag: TagFacts, raw: string, onWorkChanged: WorkChanged | undefined) {
  const name = normalName(raw);
  const problem = tagNameProblem(name);
  if (problem) refuse('name', problem);
  if (name === tag.name) return;
  const owner = await store.tagByKey(trx, tagKey(name));
  if (owner && owner.id !== tag.id) refuse('name', `A ${label(owner.type)} tag called “${owner.name}” already exists; tag names are unique across types.`);
  await store.renameTag(trx, tag.id, name, tagKey(name));
  await store.bumpVersionsOfWorksTagged(trx, tag.id);
  if (!onWorkChanged) await store.logChangesOfWorksTagged(trx, tag.id);
  else for (const workId of await store.worksTagged(trx, tag.id)) await onWorkChanged(trx, workId);
}

/** What the edit form asks for; absent fields are left alone, an empty synonymOf removes the synonym. */
export type TagEdit = { name?: string; canonical?: boolean; synonymOf?: string; addParents?: string };
export type BulkAction = { kind: 'canonical' } | { kind: 'synonym'; canonicalName: string } | { kind: 'fandom'; fandomName: string };

/** Tag wrangling: canonical tags, synonyms, parents, renames, the queue. */
export function wranglingService(db: Kysely<DB>, onTagsChanged: () => Promise<void>, onWorkChanged?: WorkChanged) {
  /** One transaction per change; a refusal anywhere keeps nothing. Indexes hear of it after commit. */
  async function change<T>(work: (trx: Trx) => Promise<T>): Promise<Result<T>> {
    try {
      const value = await db.transaction().execute(work);
      await onTagsChanged();
      return ok(value);
    } catch (e) {
      if (e instanceof Refused) return fail(e.errors);
      throw e;
    }
  }

  /** Runs each step even after one is refused, so the form can show every problem at once. */
  async function collecting(steps: Array<() => Promise<void>>) {
    const errors: FieldErrors = {};
    for (const step of steps) {
      try {
        await step();
      } catch (e) {
        if (!(e instanceof Refused)) throw e;
        for (const [k, v] of Object.entries(e.errors)) errors[k] ??= v;
      }
    }
    if (Object.keys(errors).length > 0) throw new Refused(errors);
  }

  async function editIn(trx: Trx, tagId: number, edit: TagEdit) {
    const now = () => mustFind(trx, tagId, 'form');
    const steps: Array<() => Promise<void>> = [];
    if (edit.name !== undefined) steps.push(async () => renameIn(trx, await now(), edit.name!, onWorkChanged));
    if (edit.synonymOf === '') steps.push(async () => { await store.setMerger(trx, tagId, null); });
    // Becoming a synonym un-canonicalises the tag itself, after moving what hangs from it.
    if (edit.canonical !== undefined && !edit.synonymOf) steps.push(async () => setCanonicalIn(trx, await now(), edit.canonical!));
    if (edit.synonymOf) {
      steps.push(async () => {
        if (edit.canonical) refuse('synonym_of', 'A canonical tag can’t be a synonym. Untick “Canonical” to make it one.');
        const tag = await now();
        const target = await mustFindNamed(trx, edit.synonymOf!, 'synonym_of');
        if (tag.mergerId !== target.id) await makeSynonymIn(trx, tag, target);
      });
    }
    for (const name of parseTagList(edit.addParents ?? '')) {
      steps.push(async () => addParentIn(trx, await now(), await mustFindNamed(trx, name, 'parent'), 'parent'));
    }
    await collecting(steps);
    return (await now()).name;
  }

  async function bulkIn(trx: Trx, action: BulkAction, tagIds: readonly number[]) {
    if (tagIds.length === 0) refuse('tags', 'Choose at least one tag.');
    const target = action.kind === 'synonym' ? await mustFindNamed(trx, action.canonicalName, 'synonym_of')
      : action.kind === 'fandom' ? await mustFindNamed(trx, action.fandomName, 'fandom') : null;
    if (action.kind === 'fandom' && target!.type !== 'fandom') refuse('fandom', `“${target!.name}” is not a fandom.`);
    for (const id of tagIds) {
      const tag = await mustFind(trx, id, 'tags');
      try {
        if (action.kind === 'canonical') await setCanonicalIn(trx, tag, true);
        else if (action.kind === 'synonym') await makeSynonymIn(trx, tag, target!);
        else if (!(await store.isLinked(trx, tag.id, target!.id))) await addParentIn(trx, tag, target!, 'fandom');
      } catch (e) {
        // Name the tag: in a list of fifty, the wrangler needs to know which one failed.
        if (e instanceof Refused) throw new Refused(Object.fromEntries(Object.entries(e.errors).map(([k, v]) => [k, `${tag.name}: ${v}`])));
        throw e;
      }
    }
    return tagIds.length;
  }

  async function expansion(tagId: number): Promise<number[]> {
    const tag = await store.tagById(db, tagId);
    if (!tag) return [];
    const seen = new Set([tag.mergerId ?? tag.id]);
    for (let frontier = [...seen]; frontier.length > 0;) {
      frontier = (await store.subTagIdsOf(db, frontier)).filter((id) => !seen.has(id));
      for (const id of frontier) seen.add(id);
    }
    const all = [...seen, ...(await store.synonymIdsOf(db, [...seen]))];
    return [...new Set(all)].sort((a, b) => a - b);
  }

  return {
    findByName: (name: string) => store.tagByKey(db, tagKey(normalName(name))),
    makeCanonical: (tagId: number, on: boolean) => change(async (trx) => setCanonicalIn(trx, await mustFind(trx, tagId, 'canonical'), on)),
    makeSynonym: (tagId: number, canonicalId: number) =>
      change(async (trx) => makeSynonymIn(trx, await mustFind(trx, tagId, 'synonym_of'), await mustFind(trx, canonicalId, 'synonym_of'))),
    removeSynonym: (tagId: number) => change(async (trx) => {
      const tag = await mustFind(trx, tagId, 'synonym_of');
      if (tag.mergerId === null) refuse('synonym_of', `“${tag.name}” is not a synonym.`);
      await store.setMerger(trx, tag.id, null);
    }),
    addParent: (childId: number, parentId: number) =>
      change(async (trx) => addParentIn(trx, await mustFind(trx, childId, 'parent'), await mustFind(trx, parentId, 'parent'), 'parent')),
    removeParent: (childId: number, parentId: number) => change(async (trx) => {
      if (!(await store.unlink(trx, childId, parentId))) refuse('remove_parent', 'That tag is not a parent of this one.');
    }),
    rename: (tagId: number, newName: string) => change(async (trx) => renameIn(trx, await mustFind(trx, tagId, 'name'), newName, onWorkChanged)),
    /** The edit form's changes, all in one transaction; returns the tag's name afterwards. */
    edit: (tagId: number, edit: TagEdit) => change((trx) => editIn(trx, tagId, edit)),
    bulk: (action: BulkAction, tagIds: readonly number[]) => change((trx) => bulkIn(trx, action, tagIds)),
    expansion,

    async tagPage(name: string, visibility: { includeRestricted: boolean }) {
      const tag = await store.tagByKey(db, tagKey(normalName(name)));
      if (!tag) return undefined;
      const [canonical, synonyms, parents, children, directWorks, workCount] = await Promise.all([
        tag.mergerId === null ? null : store.tagById(db, tag.mergerId),
        store.synonymsOf(db, tag.id),
        store.parentsOf(db, tag.id),
        store.childrenOf(db, tag.id),
        store.countWorks(db, [tag.id], visibility.includeRestricted),
        tag.canonical ? expansion(tag.id).then((ids) => store.countWorks(db, ids, visibility.includeRestricted)) : null,
      ]);
      const other = (ts: TagRef[]) => ts.filter((t) => t.type !== tag.type);
      const same = (ts: TagRef[]) => ts.filter((t) => t.type === tag.type);
      return {
        tag, canonical: canonical ?? null, synonyms, directWorks, workCount: workCount ?? directWorks,
        parents: other(parents), metaTags: same(parents), children: other(children), subTags: same(children),
      };
    },

    async unwrangled(fandomId: number | null, type: TagType, page: number) {
      const fandomIds = fandomId === null ? null : await expansion(fandomId);
      const found = await store.unwrangledTags(db, { type, fandomIds, limit: UNWRANGLED_PER_PAGE, offset: (page - 1) * UNWRANGLED_PER_PAGE });
      return { ...found, page, perPage: UNWRANGLED_PER_PAGE };
    },

    autocomplete: (type: TagType, prefix: string, limit = 10, visibility = { includeRestricted: false }) =>
      normalName(prefix) === '' ? Promise.resolve([]) : store.autocompleteTags(db, type, normalName(prefix), limit, visibility.includeRestricted),
  };
}

export type WranglingService = ReturnType<typeof wranglingService>;
export type TagPage = NonNullable<Awaited<ReturnType<WranglingService['tagPage']>>>;
export type UnwrangledPage = Awaited<ReturnType<WranglingService['unwrangled']>>;
