import type { ListFilters, ListQuery, ListScope, ListSort } from '../../contracts/lists.ts';

/** One page of a list: which list, its filters and sort, and where to continue. */
export interface ListRequest {
  scope: ListScope;
  filters: ListFilters;
  sort: ListSort;
  limit: number;
  cursor?: string | undefined;
}

/** Splits a list's query string into the filters (as a view stores them) and the paging. */
export function listRequest(scope: ListScope, query: ListQuery): ListRequest {
  const { sort, limit, cursor, ...filters } = query;
  return { scope, filters: filters as ListFilters, sort, limit, cursor };
}
