import type { Database } from '../../db/connect.js';
import { postgresTextSearch } from './postgres.js';
import { sqliteTextSearch } from './sqlite.js';
import type { TextSearch } from './textSearch.js';

export type { TextSearch } from './textSearch.js';

/** The text search for this database's dialect: FTS5 on SQLite, tsvector on PostgreSQL. */
export function createTextSearch(database: Database): TextSearch {
  return database.dialect === 'postgres' ? postgresTextSearch(database.db) : sqliteTextSearch(database.db);
}
