import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ListFilters, ListSort } from '../api/types.ts';

/**
 * The filters, sort and selected contact of a list (inbox or contacts) as they live in the URL, so any
 * state can be bookmarked and shared:
 * ?profile=…&sort=score:desc&scoreMin=20&scoreMax=80&tier=High&channel=sms&assigned=me&unread=1&tag=vip&q=ann&contact=c_1&view=v_1
 */
export interface ListUrlState {
  filters: ListFilters;
  sort: ListSort | null;
  contactId: string | null;
  viewId: string | null;
}

const SORTS: readonly ListSort[] = [
  'score:desc',
  'score:asc',
  'lastMessageAt:desc',
  'lastMessageAt:asc',
  'createdAt:desc',
  'name:asc',
];

function intOrUndefined(value: string | null): number | undefined {
  if (value === null || !/^-?\d+$/.test(value.trim())) return undefined;
  return Number(value);
}

export function parseListUrl(params: URLSearchParams): ListUrlState {
  const list = (name: string) => {
    const values = params.getAll(name).filter(Boolean);
    return values.length ? values : undefined;
  };
  const sort = params.get('sort');
  const filters: ListFilters = {
    profileId: params.get('profile') || undefined,
    scoreMin: intOrUndefined(params.get('scoreMin')),
    scoreMax: intOrUndefined(params.get('scoreMax')),
    tier: list('tier'),
    channel: list('channel'),
    assignedTo: params.get('assigned') || undefined,
    unread: params.get('unread') === '1' ? true : undefined,
    tag: list('tag'),
    q: params.get('q') || undefined,
  };
  for (const key of Object.keys(filters) as (keyof ListFilters)[])
    if (filters[key] === undefined) delete filters[key];
  return {
    filters,
    sort: SORTS.includes(sort as ListSort) ? (sort as ListSort) : null,
    contactId: params.get('contact'),
    viewId: params.get('view'),
  };
}

export function listUrlParams(state: ListUrlState): URLSearchParams {
  const params = new URLSearchParams();
  const { filters } = state;
  if (state.viewId) params.set('view', state.viewId);
  if (filters.profileId) params.set('profile', filters.profileId);
  if (state.sort) params.set('sort', state.sort);
  if (filters.scoreMin !== undefined) params.set('scoreMin', String(filters.scoreMin));
  if (filters.scoreMax !== undefined) params.set('scoreMax', String(filters.scoreMax));
  for (const tier of filters.tier ?? []) params.append('tier', tier);
  for (const channel of filters.channel ?? []) params.append('channel', channel);
  if (filters.assignedTo) params.set('assigned', filters.assignedTo);
  if (filters.unread) params.set('unread', '1');
  for (const tag of filters.tag ?? []) params.append('tag', tag);
  if (filters.q) params.set('q', filters.q);
  if (state.contactId) params.set('contact', state.contactId);
  return params;
}

/** The list's URL state and a setter that merges a change into it (replacing history for typing). */
export function useListUrlState() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseListUrl(params), [params]);
  const update = useCallback(
    (change: Partial<ListUrlState>, options?: { replace?: boolean }) => {
      setParams((current) => listUrlParams({ ...parseListUrl(current), ...change }), {
        replace: options?.replace,
      });
    },
    [setParams],
  );
  return [state, update] as const;
}

/** The query parameters GET /conversations and GET /contacts take for these filters. */
export function listQueryOf(filters: ListFilters, sort: ListSort | null) {
  const { unread, ...rest } = filters;
  return { ...rest, ...(unread ? { unread: 'true' as const } : {}), ...(sort ? { sort } : {}) };
}
