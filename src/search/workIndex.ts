import type { ListingVisibility } from '../policy/works.js';

/** Which works a listing is about. */
export type WorkScope =
  | { kind: 'all' }
  | { kind: 'tag'; tagId: number }
  | { kind: 'user'; userId: number }
  | { kind: 'pseud'; pseudId: number };

export type WorkListQuery = {
  scope: WorkScope;
  visibility: ListingVisibility;
  page: number;
  perPage: number;
};

export type WorkListResult = { ids: number[]; total: number };

/**
 * Every listing and, later, search goes through this interface, so a faster engine (or a
 * PostgreSQL-specific one) can replace the SQL one without touching routes or views.
 */
export interface WorkIndex {
  list(query: WorkListQuery): Promise<WorkListResult>;
}
