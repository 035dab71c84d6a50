import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../db/connect.js';
import type { WorkStatus } from '../../db/schema.js';
import { testDatabase } from '../../testing/testDatabase.js';
import { parseQuery, type ParsedQuery } from '../query.js';
import { createTextSearch } from './index.js';
import type { TextSearch } from './textSearch.js';

/** A search box query, parsed; throws on one the parser refuses. */
export function q(input: string): ParsedQuery {
  const r = parseQuery(input);
  if (!r.ok) throw new Error(`${input}: ${r.message}`);
  return r.query;
}

/** A chapter paragraph. */
export const p = (text: string) => `<p>${text}</p>`;

export type WorkSpec = {
  title: string;
  /** Chapter bodies as HTML, or [html, status]. */
  chapters?: Array<string | [string, WorkStatus]>;
  pseuds?: number[];
  tags?: string[];
  summary?: string;
  notes?: string;
  status?: WorkStatus;
  restricted?: boolean;
};

/**
 * The text search suites' setup: a fresh test database with its text search, opened before the
 * calling file's tests and closed after them (`database` and `search` are there from then on),
 * and helpers that write users, tags and works straight into the tables.
 */
export function useTextSearch(open: () => Promise<Database> = () => testDatabase()) {
  let database: Database;
  let search: TextSearch;
  const now = new Date().toISOString();

  beforeAll(async () => {
    database = await open();
    search = createTextSearch(database);
  });
  afterAll(async () => { await database?.close(); });

  /** The ids matching a search box query, best first. */
  async function found(input: string): Promise<number[]> {
    return Array.from((await search.match(q(input))).ids);
  }

  async function reindex(id: number) {
    await database.db.transaction().execute((trx) => search.indexWorks(trx, [id]));
  }

  let users = 0;
  /** A user with these pseuds (the first is the default); returns the pseud ids. */
  async function creator(login: string, pseuds: string[] = [login]) {
    const user = await database.db.insertInto('users').values({
      login, login_key: login.toLowerCase(), email: `${++users}@example.com`, password_hash: 'x',
      is_admin: 0, is_wrangler: 0, must_change_password: 0, created_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    const ids: number[] = [];
    for (const [i, name] of pseuds.entries()) {
      const p = await database.db.insertInto('pseuds').values({
        user_id: user.id, name, name_key: name.toLowerCase(), is_default: i === 0 ? 1 : 0, created_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      ids.push(p.id);
    }
    return { userId: user.id, pseudIds: ids };
  }

  async function tagId(name: string): Promise<number> {
    const existing = await database.db.selectFrom('tags').select('id').where('name_key', '=', name.toLowerCase()).executeTakeFirst();
    if (existing) return existing.id;
    const row = await database.db.insertInto('tags').values({
      name, name_key: name.toLowerCase(), type: 'freeform', canonical: 0, merger_id: null, created_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  let defaultPseud: number | undefined;

  /** Writes a work straight into the tables and indexes it. */
  async function work(spec: WorkSpec): Promise<number> {
    defaultPseud ??= (await creator('plainwriter')).pseudIds[0]!;
    const status = spec.status ?? 'posted';
    const { id } = await database.db.insertInto('works').values({
      title: spec.title, summary: spec.summary ?? '', notes: spec.notes ?? '', end_notes: '', language: 'en',
      restricted: spec.restricted ? 1 : 0, status, expected_chapters: null, posted_chapters: 1, word_count: 10,
      published_at: status === 'posted' ? now : null, revised_at: now, created_at: now, version: 1,
      kudos_count: 0, hits_count: 0, comments_count: 0, bookmarks_count: 0,
    }).returning('id').executeTakeFirstOrThrow();
    for (const [position, pseudId] of (spec.pseuds ?? [defaultPseud]).entries()) {
      await database.db.insertInto('creatorships').values({ work_id: id, pseud_id: pseudId, position }).execute();
    }
    for (const [position, name] of (spec.tags ?? []).entries()) {
      await database.db.insertInto('work_tags').values({ work_id: id, tag_id: await tagId(name), position }).execute();
    }
    for (const [i, chapter] of (spec.chapters ?? ['<p>Some words.</p>']).entries()) {
      const [body, chapterStatus] = typeof chapter === 'string' ? [chapter, status] : chapter;
      await database.db.insertInto('chapters').values({
        work_id: id, position: i + 1, title: '', summary: '', notes: '', end_notes: '', body, word_count: 10,
        status: chapterStatus, published_at: chapterStatus === 'posted' ? now : null, created_at: now, updated_at: now,
      }).execute();
    }
    await reindex(id);
    return id;
  }

  return {
    get database() { return database; },
    get search() { return search; },
    found, reindex, creator, work,
  };
}
