import type { ListFilters, ListQuery, ListScope } from '../../contracts/lists.ts';
import type { ListRequest } from './list.service.ts';

/** Splits a list's query string into the filters (as a view stores them) and the paging. */
export function listRequest(scope: ListScope, query: ListQuery): ListRequest {
  const { sort, limit, cursor, ...filters } = query;
  return { scope, filters: filters as ListFilters, sort, limit, cursor };
}
