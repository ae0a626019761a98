import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useLocation, useNavigate, useNavigationType, useSearchParams } from 'react-router';
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
 * The key of the history entry the address bar shows right now, as the router writes it into
 * history.state (router state can lag a navigation made a moment ago).
 */
function currentEntryKey(): string {
  const state = window.history.state as { key?: string } | null;
  return state?.key || 'default';
}

/** The list's URL without the selected contact: what stays the same while moving between rows. */
function withoutContact(search: string): string {
  const params = new URLSearchParams(search);
  params.delete('contact');
  return params.toString();
}

/**
 * Opening and closing the selected contact's panel. A contact opened from the bare list gets a
 * history entry, so closing it (or the browser's Back) returns to the list; moving between contacts
 * replaces the entry instead of piling them up.
 *
 * Closing goes back only while the history entry is still the one the panel was opened at (moving
 * between contacts keeps it so): after a filter chip or a sort added an entry of its own, going back
 * would undo that change and leave the panel open, so the panel is closed in place instead.
 */
export function usePanelSelection(
  contactId: string | null,
  selectContact: (id: string | null, options?: { replace?: boolean }) => void,
) {
  const navigate = useNavigate();
  const location = useLocation();
  const navigationType = useNavigationType();
  /** open() was called from the bare list: the entry it pushes is the one to go back from. */
  const opening = useRef(false);
  /** The entry the panel was opened at (its key, and the list's URL without the contact). */
  const opened = useRef<{ key: string; list: string } | null>(null);
  useEffect(() => {
    if (contactId === null) {
      opened.current = null;
      return;
    }
    const list = withoutContact(location.search);
    if (opened.current === null) {
      if (opening.current && navigationType === 'PUSH') opened.current = { key: location.key, list };
      opening.current = false;
    } else if (
      opened.current.key !== location.key &&
      opened.current.list === list &&
      navigationType === 'REPLACE'
    )
      // Another contact in place of the first (a replacement changes the entry's key): same entry.
      opened.current = { key: location.key, list };
  }, [contactId, location.key, location.search, navigationType]);
  /** Call when a contact is opened; `navigated` when a link already changed the URL. */
  const open = useCallback(
    (id: string, navigated = false) => {
      if (contactId === null) opening.current = true;
      if (!navigated) selectContact(id, { replace: contactId !== null });
    },
    [contactId, selectContact],
  );
  const close = useCallback(() => {
    if (opened.current !== null && opened.current.key === currentEntryKey()) navigate(-1);
    else selectContact(null, { replace: true });
  }, [navigate, selectContact]);
  return { open, close };
}
