import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { htmlToText } from '../../formats/plainText.js';
import type { SearchField } from '../query.js';
import { tokenize } from './tokenize.js';

/** The indexed fields of a work, in index order (the FTS5 table's columns). */
export const DOCUMENT_FIELDS = ['title', 'creators', 'tags', 'summary', 'body'] as const;
export type DocumentField = (typeof DOCUMENT_FIELDS)[number];

/**
 * A work as the search indexes see it: per field, its separate values (each creator, each tag,
 * each chapter...), each as its normalised words. A phrase never spans two values or two fields.
 */
export type WorkDocument = Record<DocumentField, string[][]>;

/** The index field a search box field restricts to; 'any' is every field. */
export const FIELD_COLUMN: Record<Exclude<SearchField, 'any'>, DocumentField> = {
  title: 'title',
  creator: 'creators',
  tag: 'tags',
};

const same = (a: string[], b: string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

function values(texts: string[]): string[][] {
  return texts.map(tokenize).filter((tokens) => tokens.length > 0);
}

/**
 * Reads what the index holds of a work: its title; its creators (each pseud's name, and the
 * account's login when it differs); its tags; its summary and notes and those of its posted
 * chapters (with their titles); and the text of its posted chapters. Restricted works are
 * included (listings filter by visibility). Null when the work is gone, not posted or hidden.
 */
export async function loadWorkDocument(db: Kysely<DB>, workId: number): Promise<WorkDocument | null> {
  const work = await db.selectFrom('works')
    .select(['title', 'summary', 'notes', 'end_notes', 'status', 'hidden_at', 'anonymous'])
    .where('id', '=', workId)
    .executeTakeFirst();
  if (!work || work.status !== 'posted' || work.hidden_at !== null) return null;

  const creators = await db.selectFrom('creatorships')
    .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .innerJoin('users', 'users.id', 'pseuds.user_id')
    .select(['pseuds.name', 'users.login'])
    .where('creatorships.work_id', '=', workId)
    .orderBy('creatorships.position')
    .orderBy('pseuds.id')
    .execute();
  // Ratings, warnings and categories stay out: every work has them, so their words ("archive",
  // "warnings", "audiences") would match nearly the whole archive, and ranking that many matches
  // holds up the server (bench/RESULTS.md, load). They are filters, and `tag:` still finds them.
  const tags = await db.selectFrom('work_tags')
    .innerJoin('tags', 'tags.id', 'work_tags.tag_id')
    .select('tags.name')
    .where('work_tags.work_id', '=', workId)
    .where('tags.type', 'not in', ['rating', 'warning', 'category'])
    .orderBy('work_tags.position')
    .orderBy('tags.id')
    .execute();
  const chapters = await db.selectFrom('chapters')
    .select(['title', 'summary', 'notes', 'end_notes', 'body'])
    .where('work_id', '=', workId)
    .where('status', '=', 'posted')
    .orderBy('position')
    .orderBy('id')
    .execute();

  const creatorValues: string[][] = [];
  // Searching creator: must not find who wrote an anonymous work.
  for (const c of work.anonymous === 1 ? [] : creators) {
    const name = tokenize(c.name);
    const login = tokenize(c.login);
    if (name.length > 0) creatorValues.push(name);
    if (login.length > 0 && !same(name, login)) creatorValues.push(login);
  }

  return {
    title: values([work.title]),
    creators: creatorValues,
    tags: values(tags.map((t) => t.name)),
    summary: values([
      htmlToText(work.summary), htmlToText(work.notes), htmlToText(work.end_notes),
      ...chapters.flatMap((ch) => [ch.title, htmlToText(ch.summary), htmlToText(ch.notes), htmlToText(ch.end_notes)]),
    ]),
    body: values(chapters.map((ch) => htmlToText(ch.body))),
  };
}
