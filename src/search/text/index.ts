import type { Database } from '../../db/connect.js';
import type { TextSearch } from './textSearch.js';

/** The text search for this database's dialect. (Stub: being written.) */
export function createTextSearch(database: Database): TextSearch {
  void database;
  return {
    indexWork: async () => {},
    match: async () => ({ ids: [] }),
  };
}
