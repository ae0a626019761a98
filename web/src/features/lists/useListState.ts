import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import type { ListFilters, ListScope, ListSort, View } from '../../api/types.ts';
import { type ListUrlState, listQueryOf, listUrlParams, parseListUrl } from '../../ui/list-url-state.ts';
import { SCOPES, normalizeFilters } from './scope.ts';

type Options = { replace?: boolean };

/** The list state in the address bar right now (router state can lag a navigation by a render). */
export function currentUrlState(): ListUrlState {
  return parseListUrl(new URLSearchParams(window.location.search));
}

/**
 * A list screen's state, all of it in the URL (see list-url-state.ts): filters, sort, the open view
 * and the selected contact. Every setter works on the URL as it is at that moment, so debounced
 * inputs never write back stale filters.
 */
export function useListState(scope: ListScope) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const state = useMemo(() => parseListUrl(params), [params]);
  const sort = state.sort ?? SCOPES[scope].defaultSort;

  // Reads the address bar itself: router state lags behind a navigation made a moment ago (URL
  // updates render in a transition), and a debounced input must not undo a chip clicked meanwhile.
  const change = useCallback(
    (next: (current: ListUrlState) => ListUrlState, options?: Options) => {
      // A debounced input flushed as the page goes away must not write into the next page's URL.
      if (window.location.pathname !== pathname) return;
      const current = currentUrlState();
      const search = listUrlParams(next(current)).toString();
      navigate({ pathname, search: search ? `?${search}` : '' }, { replace: options?.replace });
    },
    [navigate, pathname],
  );

  const actions = useMemo(
    () => ({
      /** Merges a change into the filters: `undefined` clears one. */
      setFilters: (patch: Partial<ListFilters>, options?: Options) =>
        change((s) => ({ ...s, filters: normalizeFilters({ ...s.filters, ...patch }) }), options),
      setSort: (next: ListSort) =>
        change((s) => ({ ...s, sort: next === SCOPES[scope].defaultSort ? null : next })),
      /** Clears every filter but the score profile. */
      clearFilters: () =>
        change((s) => ({
          ...s,
          filters: s.filters.profileId ? { profileId: s.filters.profileId } : {},
        })),
      /** Selects a contact: a new history entry from the bare list, a replacement when moving between rows. */
      selectContact: (contactId: string | null, options?: Options) =>
        change((s) => ({ ...s, contactId }), {
          replace: options?.replace ?? (contactId !== null && currentUrlState().contactId !== null),
        }),
      /** Opens a saved view: its filters and sort replace the current ones. */
      openView: (view: View | null) =>
        change((s) => ({
          viewId: view?.id ?? null,
          filters: view ? normalizeFilters(view.filters) : {},
          sort: view && view.sort !== SCOPES[scope].defaultSort ? view.sort : null,
          contactId: s.contactId,
        })),
    }),
    [change, scope],
  );

  const query = useMemo(() => listQueryOf(state.filters, sort), [state.filters, sort]);
  return { ...state, sort, query, urlState: state, ...actions };
}

/** The URL of a view (for sidebar links): its filters and sort, nothing selected. */
export function viewHref(pathname: string, scope: ListScope, view: View | null): string {
  const params = listUrlParams({
    viewId: view?.id ?? null,
    filters: view ? normalizeFilters(view.filters) : {},
    sort: view && view.sort !== SCOPES[scope].defaultSort ? view.sort : null,
    contactId: null,
  });
  const qs = params.toString();
  return qs ? `${pathname}?${qs}` : pathname;
}

/**
 * The history entry the address bar shows right now, as the router writes it into history.state (its
 * key, and its index when known): router state can lag a navigation made a moment ago.
 */
function currentEntry(): { key: string; idx: number | null } {
  const state = window.history.state as { key?: string; idx?: number } | null;
  return { key: state?.key || 'default', idx: typeof state?.idx === 'number' ? state.idx : null };
}

/**
 * Opening and closing the selected contact's panel. A contact opened from the bare list gets a
 * history entry, so closing it (or the browser's Back) returns to the list; moving between contacts
 * replaces the entry instead of piling them up.
 *
 * Closing goes back only while the address bar still shows the entry the panel was opened at (moving
 * between contacts replaces it, and the replacement takes its place): after a filter chip or a sort
 * added an entry of its own, going back would undo that change and leave the panel open, so the
 * panel is closed in place instead.
 */
export function usePanelSelection(
  contactId: string | null,
  selectContact: (id: string | null, options?: { replace?: boolean }) => void,
) {
  const navigate = useNavigate();
  /** The key of the entry the panel was opened at (pushed by opening it from the bare list). */
  const opened = useRef<string | null>(null);
  useEffect(() => {
    if (contactId === null) opened.current = null;
  }, [contactId]);
  /** Call when a contact is opened; `navigated` when a link changes the URL (after this call). */
  const open = useCallback(
    (id: string, navigated = false) => {
      const before = currentEntry();
      const fromBareList = currentUrlState().contactId === null;
      if (!navigated) selectContact(id, { replace: !fromBareList });
      // By the next microtask the navigation (this one, or the link's after this click handler) has
      // written its entry.
      queueMicrotask(() => {
        const after = currentEntry();
        if (after.key === before.key) return;
        const known = after.idx !== null && before.idx !== null;
        if (fromBareList) {
          if (!known || after.idx === (before.idx ?? 0) + 1) opened.current = after.key;
        } else if (opened.current === before.key && (!known || after.idx === before.idx))
          opened.current = after.key;
      });
    },
    [selectContact],
  );
  const close = useCallback(() => {
    if (opened.current !== null && opened.current === currentEntry().key) navigate(-1);
    else selectContact(null, { replace: true });
  }, [navigate, selectContact]);
  return { open, close };
}
