import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { htmlToIndexText } from '../../formats/plainText.js';
import type { SearchField } from '../query.js';
import { hasWords, tokenize } from './tokenize.js';

/** The indexed fields of a work, in index order (the FTS5 table's columns). */
export const DOCUMENT_FIELDS = ['title', 'creators', 'tags', 'summary', 'body'] as const;
export type DocumentField = (typeof DOCUMENT_FIELDS)[number];

/**
 * A work as the search indexes see it: per field, its separate values (each creator, each tag,
 * each chapter...) as plain text with at least one word; each index splits them with
 * ./tokenize.ts (or its equal). A phrase never spans two values or two fields.
 */
export type WorkDocument = Record<DocumentField, string[]>;

/** The index field a search box field restricts to; 'any' is every field. */
export const FIELD_COLUMN: Record<Exclude<SearchField, 'any'>, DocumentField> = {
  title: 'title',
  creator: 'creators',
  tag: 'tags',
};

const sameWords = (a: string, b: string) => tokenize(a).join(' ') === tokenize(b).join(' ');

const values = (texts: string[]) => texts.filter(hasWords);

/** Groups rows by their work, keeping their order. */
function byWork<R extends { work_id: number }>(rows: R[]): Map<number, R[]> {
  const groups = new Map<number, R[]>();
  for (const row of rows) {
    const group = groups.get(row.work_id);
    if (group) group.push(row);
    else groups.set(row.work_id, [row]);
  }
  return groups;
}

/**
 * Reads what the index holds of each work: its title; its creators (each pseud's name, and the
 * account's login when it differs); its tags; its summary and notes and those of its posted
 * chapters (with their titles); and the text of its posted chapters. Restricted works are
 * included (listings filter by visibility). Null for a work that is gone, not posted or hidden.
 * Four queries for the lot, however many works.
 */
export async function loadWorkDocuments(db: Kysely<DB>, workIds: readonly number[]): Promise<Map<number, WorkDocument | null>> {
  const documents = new Map<number, WorkDocument | null>(workIds.map((id) => [id, null]));
  if (workIds.length === 0) return documents;
  const works = (await db.selectFrom('works')
    .select(['id', 'title', 'summary', 'notes', 'end_notes', 'status', 'hidden_at', 'anonymous'])
    .where('id', 'in', workIds)
    .execute())
    .filter((w) => w.status === 'posted' && w.hidden_at === null);
  if (works.length === 0) return documents;
  const ids = works.map((w) => w.id);

  const creators = byWork(await db.selectFrom('creatorships')
    .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .innerJoin('users', 'users.id', 'pseuds.user_id')
    .select(['creatorships.work_id', 'pseuds.name', 'users.login'])
    .where('creatorships.work_id', 'in', ids)
    .orderBy('creatorships.work_id')
    .orderBy('creatorships.position')
    .orderBy('pseuds.id')
    .execute());
  // Ratings, warnings and categories stay out: every work has them, so their words ("archive",
  // "warnings", "audiences") would match nearly the whole archive, and ranking that many matches
  // holds up the server (bench/RESULTS.md, load). They are filters, and `tag:` still finds them.
  const tags = byWork(await db.selectFrom('work_tags')
    .innerJoin('tags', 'tags.id', 'work_tags.tag_id')
    .select(['work_tags.work_id', 'tags.name'])
    .where('work_tags.work_id', 'in', ids)
    .where('tags.type', 'not in', ['rating', 'warning', 'category'])
    .orderBy('work_tags.work_id')
    .orderBy('work_tags.position')
    .orderBy('tags.id')
    .execute());
  const chapters = byWork(await db.selectFrom('chapters')
    .select(['work_id', 'title', 'summary', 'notes', 'end_notes', 'body'])
    .where('work_id', 'in', ids)
    .where('status', '=', 'posted')
    .orderBy('work_id')
    .orderBy('position')
    .orderBy('id')
    .execute());

  for (const work of works) {
    const posted = chapters.get(work.id) ?? [];
    // Searching creator: must not find who wrote an anonymous work.
    const creatorValues = (work.anonymous === 1 ? [] : creators.get(work.id) ?? [])
      .flatMap((c) => (sameWords(c.name, c.login) ? [c.name] : [c.name, c.login]));
    documents.set(work.id, {
      title: values([work.title]),
      creators: values(creatorValues),
      tags: values((tags.get(work.id) ?? []).map((t) => t.name)),
      summary: values([
        htmlToIndexText(work.summary), htmlToIndexText(work.notes), htmlToIndexText(work.end_notes),
        ...posted.flatMap((ch) => [ch.title, htmlToIndexText(ch.summary), htmlToIndexText(ch.notes), htmlToIndexText(ch.end_notes)]),
      ]),
      body: values(posted.map((ch) => htmlToIndexText(ch.body))),
    });
  }
  return documents;
}
