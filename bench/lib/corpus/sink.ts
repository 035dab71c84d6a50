/**
 * Where the corpus goes: bulk writers for SQLite (better-sqlite3 on the file, multi-row
 * prepared statements, no fsync) and PostgreSQL (multi-row INSERTs through pg, rows sent as
 * column arrays). Both take rows
 * in foreign-key order and use explicit ids, so the data is identical whichever dialect gets it.
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CAST_CREATED_AT, DUMMY_PASSWORD_HASH, type Cast, type TagRow, type UserRow } from './archive.js';
import type { Work } from './works.js';

/** Chapter body without --text. Word counts stay real; only the text is left out. */
export const PLACEHOLDER_BODY = '<p>Generated sample text.</p>';

/** Tables the bulk load fills: their secondary indexes are dropped during the load and rebuilt after. */
const LOADED_TABLES = ['works', 'creatorships', 'chapters', 'work_tags'];
/** Tables with serial ids whose sequences must move past the explicit ids (PostgreSQL). */
const ID_TABLES = ['users', 'pseuds', 'tags', 'works', 'chapters'];

export type QueryRow = Record<string, unknown>;

export interface Sink {
  readonly dialect: 'sqlite' | 'postgres';
  /** Users, pseuds, tags and tag parents. */
  cast(cast: Cast): Promise<void>;
  begin(): Promise<void>;
  /** New tags first (made while writing these works), then the works and their rows. */
  works(works: readonly Work[], newTags: readonly TagRow[]): Promise<void>;
  commit(): Promise<void>;
  /** Rebuilds indexes; PostgreSQL also moves id sequences on and analyzes. */
  finish(): Promise<void>;
  /** Read-only queries for the self-check, `?` placeholders. */
  query(sql: string, params?: unknown[]): Promise<QueryRow[]>;
  close(): Promise<void>;
}

const WORK_COLUMNS = ['id', 'title', 'summary', 'notes', 'end_notes', 'language', 'restricted', 'status', 'expected_chapters',
  'posted_chapters', 'word_count', 'published_at', 'revised_at', 'created_at', 'version', 'kudos_count', 'hits_count',
  'comments_count', 'bookmarks_count'];
const CHAPTER_COLUMNS = ['id', 'work_id', 'position', 'title', 'summary', 'notes', 'end_notes', 'body', 'word_count', 'status',
  'published_at', 'created_at', 'updated_at'];
const TAG_COLUMNS = ['id', 'name', 'name_key', 'type', 'canonical', 'merger_id', 'created_at'];
const USER_COLUMNS = ['id', 'login', 'login_key', 'email', 'password_hash', 'is_admin', 'is_wrangler', 'must_change_password', 'created_at'];
const PSEUD_COLUMNS = ['id', 'user_id', 'name', 'name_key', 'is_default', 'created_at'];
const CREATOR_COLUMNS = ['work_id', 'pseud_id', 'position'];
const WORK_TAG_COLUMNS = ['work_id', 'tag_id', 'position'];

const workValues = (w: Work) => [w.id, w.title, w.summary, '', '', w.language, w.restricted, 'posted', w.expectedChapters,
  w.chapterWords.length, w.words, w.publishedAt, w.revisedAt, w.publishedAt, 1, w.kudos, w.hits, w.comments, w.bookmarks];
const tagValues = (t: TagRow) => [t.id, t.name, t.name.toLowerCase(), t.type, t.canonical, t.merger_id, CAST_CREATED_AT];
const userValues = (u: UserRow) => [u.id, u.login, u.login.toLowerCase(), `${u.login}@example.invalid`,
  DUMMY_PASSWORD_HASH, u.is_admin, 0, 0, u.created_at];
const pseudValues = (u: UserRow) => [u.id, u.id, u.login, u.login.toLowerCase(), 1, u.created_at];
const chapterBody = (w: Work, i: number) => w.bodies?.[i] ?? PLACEHOLDER_BODY;

/** `insert into t (cols) values (?,?),(?,?)`. */
const insertSql = (table: string, columns: string[], rows: number) => {
  const row = () => `(${columns.map(() => '?').join(',')})`;
  return `insert into ${table} (${columns.join(',')}) values ${Array.from({ length: rows }, row).join(',')}`;
};

/**
 * SQLite: rows of `params` bound values, each value bound once, spread over the table's columns
 * by `select` expressions (`column1`.. name the values; constants are SQL literals):
 * `insert into t (a, b, c) select column1, 'x', column1 from (values (?),(?))`.
 */
const spreadSql = (table: string, columns: string[], select: string[], params: number, rows: number) => {
  const row = `(${Array.from({ length: params }, () => '?').join(',')})`;
  return `insert into ${table} (${columns.join(',')}) select ${select.join(',')} from (values ${Array.from({ length: rows }, () => row).join(',')})`;
};

/** Rows per multi-row statement (SQLite). */
const MAX_ROWS = 32;

export class SqliteSink implements Sink {
  readonly dialect = 'sqlite' as const;
  private readonly db: SQLite.Database;
  private dropped: string[] = [];
  private chapterId = 1;
  private readonly insertWork: SQLite.Statement;
  private readonly insertTag: SQLite.Statement;
  /** Multi-row statements by row count. */
  private readonly chapterStatements = new Map<number, SQLite.Statement>();
  private readonly workTagStatements = new Map<number, SQLite.Statement>();
  private readonly creatorStatements = new Map<number, SQLite.Statement>();
  private readonly params: unknown[] = [];

  constructor(file: string, private readonly text: boolean) {
    this.db = new SQLite(file);
    // The load is disposable (a failed run starts again from scratch): WAL, no fsync, a big cache.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -1048576');
    // Rows go in parent-first and ids are ours; checking each reference would only slow the load.
    this.db.pragma('foreign_keys = OFF');
    // Constant columns are SQL literals and repeated values are bound once: fewer bindings.
    this.insertWork = this.db.prepare(spreadSql('works', WORK_COLUMNS, ['column1', 'column2', 'column3', "''", "''", 'column4',
      'column5', "'posted'", 'column6', 'column7', 'column8', 'column9', 'column10', 'column9', '1', 'column11', 'column12',
      'column13', 'column14'], 14, 1));
    this.insertTag = this.db.prepare(insertSql('tags', TAG_COLUMNS, 1));
  }

  async cast(cast: Cast): Promise<void> {
    // Secondary indexes are cheaper built once, sorted, than kept up during millions of inserts.
    const indexes = this.db
      .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${LOADED_TABLES.map(() => '?').join(',')})`)
      .all(...LOADED_TABLES) as Array<{ name: string; sql: string }>;
    this.dropped = indexes.map((i) => i.sql);
    this.db.transaction(() => {
      for (const i of indexes) this.db.exec(`drop index "${i.name}"`);
      const user = this.db.prepare(insertSql('users', USER_COLUMNS, 1));
      const pseud = this.db.prepare(insertSql('pseuds', PSEUD_COLUMNS, 1));
      for (const u of cast.users) user.run(userValues(u));
      for (const u of cast.users) pseud.run(pseudValues(u));
      for (const t of cast.tags) this.insertTag.run(tagValues(t));
      const parent = this.db.prepare('insert into tag_parents (child_id, parent_id) values (?, ?)');
      for (const [c, p] of cast.parents) parent.run(c, p);
    })();
  }

  async begin(): Promise<void> {
    this.db.exec('begin');
  }

  async works(works: readonly Work[], newTags: readonly TagRow[]): Promise<void> {
    for (const t of newTags) this.insertTag.run(tagValues(t));
    for (const w of works) this.work(w);
  }

  private work(w: Work): void {
    const p = this.params;
    p.length = 0;
    p.push(w.id, w.title, w.summary, w.language, w.restricted, w.expectedChapters, w.chapterWords.length, w.words,
      w.publishedAt, w.revisedAt, w.kudos, w.hits, w.comments, w.bookmarks);
    this.insertWork.run(p);

    // One statement per work for each child table.
    p.length = 0;
    for (let i = 0; i < w.creators.length; i++) p.push(w.id, w.creators[i], i);
    this.statement(this.creatorStatements, w.creators.length, (n) => insertSql('creatorships', CREATOR_COLUMNS, n)).run(p);

    const chapters = w.chapterWords.length;
    for (let from = 0; from < chapters; from += MAX_ROWS) {
      const n = Math.min(MAX_ROWS, chapters - from);
      p.length = 0;
      for (let i = from; i < from + n; i++) {
        if (this.text) p.push(this.chapterId++, w.id, i + 1, chapterBody(w, i), w.chapterWords[i], w.chapterDates[i]);
        else p.push(this.chapterId++, w.id, i + 1, w.chapterWords[i], w.chapterDates[i]);
      }
      this.statement(this.chapterStatements, n, (rows) => this.text
        ? spreadSql('chapters', CHAPTER_COLUMNS, ['column1', 'column2', 'column3', "''", "''", "''", "''", 'column4', 'column5',
          "'posted'", 'column6', 'column6', 'column6'], 6, rows)
        : spreadSql('chapters', CHAPTER_COLUMNS, ['column1', 'column2', 'column3', "''", "''", "''", "''", `'${PLACEHOLDER_BODY}'`,
          'column4', "'posted'", 'column5', 'column5', 'column5'], 5, rows)).run(p);
    }

    const tags = w.tags.length;
    for (let from = 0; from < tags; from += MAX_ROWS) {
      const n = Math.min(MAX_ROWS, tags - from);
      p.length = 0;
      for (let i = from; i < from + n; i++) p.push(w.id, w.tags[i], i);
      this.statement(this.workTagStatements, n, (rows) => insertSql('work_tags', WORK_TAG_COLUMNS, rows)).run(p);
    }
  }

  private statement(cache: Map<number, SQLite.Statement>, rows: number, sql: (rows: number) => string): SQLite.Statement {
    let stmt = cache.get(rows);
    if (!stmt) cache.set(rows, (stmt = this.db.prepare(sql(rows))));
    return stmt;
  }

  async commit(): Promise<void> {
    this.db.exec('commit');
  }

  async finish(): Promise<void> {
    // CREATE INDEX sorts in runs of cache_size and merges them; small runs let it merge on two
    // threads (measured: 2.8M work_tags rows index in ~1.3s this way, ~3s with the big cache).
    this.db.pragma('cache_size = -4096');
    this.db.pragma('threads = 2');
    for (const sql of this.dropped) this.db.exec(sql);
    this.dropped = [];
    // Fold the WAL into the database file so the corpus is one self-contained file.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async query(sql: string, params: unknown[] = []): Promise<QueryRow[]> {
    return this.db.prepare(sql).all(...params) as QueryRow[];
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** Rows per PostgreSQL INSERT. */
const PG_ROWS = 20_000;
/** Array types for unnest; every other column is text. */
const PG_TYPES: Record<string, string> = Object.fromEntries([
  'id', 'user_id', 'work_id', 'tag_id', 'pseud_id', 'child_id', 'parent_id', 'merger_id', 'position', 'restricted',
  'expected_chapters', 'posted_chapters', 'word_count', 'version', 'kudos_count', 'hits_count', 'comments_count',
  'bookmarks_count', 'is_admin', 'is_wrangler', 'must_change_password', 'is_default', 'canonical',
].map((c) => [c, 'integer']));

type Pending = { table: string; columns: string[]; rows: unknown[][]; bytes: number };

export class PostgresSink implements Sink {
  readonly dialect = 'postgres' as const;
  private dropped: string[] = [];
  private chapterId = 1;
  private readonly tags: Pending = { table: 'tags', columns: TAG_COLUMNS, rows: [], bytes: 0 };
  private readonly workRows: Pending = { table: 'works', columns: WORK_COLUMNS, rows: [], bytes: 0 };
  private readonly creators: Pending = { table: 'creatorships', columns: CREATOR_COLUMNS, rows: [], bytes: 0 };
  private readonly chapters: Pending = { table: 'chapters', columns: CHAPTER_COLUMNS, rows: [], bytes: 0 };
  private readonly workTags: Pending = { table: 'work_tags', columns: WORK_TAG_COLUMNS, rows: [], bytes: 0 };
  /** Foreign-key order. */
  private readonly pending = [this.tags, this.workRows, this.creators, this.chapters, this.workTags];

  private constructor(private readonly client: pg.Client) {}

  static async open(url: string): Promise<PostgresSink> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // Commits need not wait for the disk: a failed load is rerun from scratch.
    await client.query('set synchronous_commit = off');
    // Foreign keys are triggers; a superuser may skip them for the load (rows go in parent-first
    // with our own ids anyway). Others just load with the checks on.
    try {
      await client.query('set session_replication_role = replica');
    } catch {
      // not permitted: fine
    }
    return new PostgresSink(client);
  }

  async cast(cast: Cast): Promise<void> {
    const { rows } = await this.client.query<{ indexname: string; indexdef: string }>(
      `select indexname, indexdef from pg_indexes
        where schemaname = current_schema() and tablename = any($1)
          and indexname not in (select conname from pg_constraint where connamespace = current_schema()::regnamespace)`,
      [LOADED_TABLES],
    );
    this.dropped = rows.map((r) => r.indexdef);
    await this.client.query('begin');
    for (const r of rows) await this.client.query(`drop index "${r.indexname}"`);
    await this.insertAll('users', USER_COLUMNS, cast.users.map(userValues));
    await this.insertAll('pseuds', PSEUD_COLUMNS, cast.users.map(pseudValues));
    await this.insertAll('tags', TAG_COLUMNS, cast.tags.map(tagValues));
    await this.insertAll('tag_parents', ['child_id', 'parent_id'], cast.parents.map(([c, p]) => [c, p]));
    await this.client.query('commit');
  }

  async begin(): Promise<void> {
    await this.client.query('begin');
  }

  async works(works: readonly Work[], newTags: readonly TagRow[]): Promise<void> {
    for (const t of newTags) this.push(this.tags, tagValues(t), 0);
    for (const w of works) {
      this.push(this.workRows, workValues(w), w.summary.length + w.title.length);
      for (let i = 0; i < w.creators.length; i++) this.push(this.creators, [w.id, w.creators[i], i], 0);
      for (let i = 0; i < w.chapterWords.length; i++) {
        const at = w.chapterDates[i]!;
        const body = chapterBody(w, i);
        this.push(this.chapters, [this.chapterId++, w.id, i + 1, '', '', '', '', body, w.chapterWords[i], 'posted', at, at, at], body.length);
      }
      for (let i = 0; i < w.tags.length; i++) this.push(this.workTags, [w.id, w.tags[i], i], 0);
      // Flush everything (in foreign-key order) once a buffer is big or holds ~16 MB of text.
      if (this.pending.some((b) => b.rows.length >= PG_ROWS || b.bytes > 16_000_000)) await this.flush();
    }
  }

  private push(b: Pending, row: unknown[], bytes: number) {
    b.rows.push(row);
    b.bytes += bytes;
  }

  private async flush(): Promise<void> {
    for (const b of this.pending) {
      if (b.rows.length === 0) continue;
      await this.insertAll(b.table, b.columns, b.rows);
      b.rows = [];
      b.bytes = 0;
    }
  }

  /**
   * One INSERT of many rows: each column travels as one array parameter and `unnest` turns the
   * arrays back into rows (far cheaper for the server to parse than thousands of VALUES tuples).
   */
  private async insertAll(table: string, columns: string[], rows: unknown[][]): Promise<void> {
    for (let i = 0; i < rows.length; i += PG_ROWS) {
      const chunk = rows.slice(i, i + PG_ROWS);
      const arrays = columns.map((_, c) => chunk.map((r) => r[c]));
      const types = columns.map((c, k) => `$${k + 1}::${PG_TYPES[c] ?? 'text'}[]`).join(',');
      await this.client.query(`insert into ${table} (${columns.join(',')}) select * from unnest(${types})`, arrays);
    }
  }

  async commit(): Promise<void> {
    await this.flush();
    await this.client.query('commit');
  }

  async finish(): Promise<void> {
    for (const def of this.dropped) await this.client.query(def);
    this.dropped = [];
    for (const t of ID_TABLES) {
      await this.client.query(`select setval(pg_get_serial_sequence('${t}', 'id'), coalesce(max(id), 1), max(id) is not null) from ${t}`);
    }
    await this.client.query('analyze');
  }

  async query(sql: string, params: unknown[] = []): Promise<QueryRow[]> {
    let n = 0;
    const { rows } = await this.client.query(sql.replace(/\?/g, () => `$${++n}`), params);
    return rows as QueryRow[];
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
