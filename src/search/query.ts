/** A parsed search query. (Stub: being written.) */
export type ParsedQuery = { terms: string[] };
