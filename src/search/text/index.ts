import type { Database, Dialect } from '../../db/connect.js';
import { postgresDocuments, postgresTextSearch } from './postgres.js';
import { sqliteDocuments, sqliteTextSearch } from './sqlite.js';
import type { DocumentWriter, TextSearch } from './textSearch.js';

export type { DocumentWriter, PreparedDocument, TextSearch } from './textSearch.js';

/** How this dialect makes and writes index entries (for bulk reindexing). */
export const documentWriter = (dialect: Dialect): DocumentWriter => (dialect === 'postgres' ? postgresDocuments : sqliteDocuments);

/** The text search for this database's dialect: FTS5 on SQLite, tsvector on PostgreSQL. */
export function createTextSearch(database: Database): TextSearch {
  return database.dialect === 'postgres' ? postgresTextSearch(database.db) : sqliteTextSearch(database.db);
}
