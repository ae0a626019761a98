import { useCallback, useMemo } from 'react';
import { useLocation } from 'react-router';
import { useScoreProfile } from '../../api/queries.ts';
import type { ListScope } from '../../api/types.ts';
import { listUrlParams } from '../../ui/list-url-state.ts';
import { scoredBy, useListQuery } from './useListQuery.ts';
import { useListState, usePanelSelection } from './useListState.ts';
import { useViewManager } from './useViewManager.tsx';

/**
 * A list screen's wiring: its state in the URL, the score profile that scores it, its saved views, the
 * loaded rows, each row's link and the selected contact's panel.
 */
export function useListPage(scope: ListScope) {
  const { pathname } = useLocation();
  const list = useListState(scope);
  const { filters, sort, viewId, contactId, query } = list;
  const scoring = useScoreProfile(filters.profileId);
  const profileId = scoring.profile?.id ?? null;
  // The list is scored by the profile the page shows (its tiers, its colours), so the two agree;
  // saved views keep only a profile chosen in the URL (shownNow in useViewManager).
  const listQuery = useMemo(
    () => scoredBy(query, profileId ?? filters.profileId),
    [query, profileId, filters.profileId],
  );
  // The URL's profile cannot score the list (not published): back to the default, without its tiers.
  const clearProfile = filters.profileId
    ? () => list.setFilters({ profileId: undefined, tier: undefined })
    : undefined;
  const views = useViewManager({ scope, pathname, viewId, filters, sort });
  const rows = useListQuery(scope, listQuery, { enabled: !scoring.isPending });

  const hrefOf = useCallback(
    (id: string) =>
      `${pathname}?${listUrlParams({ filters, sort: list.urlState.sort, viewId, contactId: id })}`,
    [pathname, filters, list.urlState.sort, viewId],
  );
  const panel = usePanelSelection(contactId, list.selectContact);
  /** Changes when the filters, sort or profile change, or the list starts over: back to the top. */
  const resetKey = `${JSON.stringify(listQuery)}#${rows.restarts}`;

  return {
    scope,
    pathname,
    list,
    scoring,
    profileId,
    listQuery,
    clearProfile,
    views,
    rows,
    hrefOf,
    panel,
    resetKey,
  };
}

/** A list screen's wiring, as the shared controls and frame take it. */
export type ListPage = ReturnType<typeof useListPage>;
