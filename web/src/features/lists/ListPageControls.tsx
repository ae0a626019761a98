import { FilterBar } from './FilterBar.tsx';
import { SortMenu } from './SortMenu.tsx';
import { ViewChangedNotice } from './ViewChangedNotice.tsx';
import { ViewsMenu } from './ViewsNav.tsx';
import type { ListPage } from './useListPage.ts';

/** The list's Sort menu; score sorts need a published profile. */
export function ListSortMenu({ page, compact }: { page: ListPage; compact?: boolean }) {
  return (
    <SortMenu
      scope={page.scope}
      value={page.list.sort}
      onChange={page.list.setSort}
      scoresAvailable={page.scoring.published.length > 0}
      compact={compact}
    />
  );
}

/** The list's quick filters, scored by the profile the page shows. */
export function ListFilterBar({ page, tagSuggestions }: { page: ListPage; tagSuggestions?: string[] }) {
  return (
    <FilterBar
      scope={page.scope}
      filters={page.list.filters}
      tiers={page.scoring.tiers}
      published={page.scoring.published}
      profileId={page.profileId}
      onChange={page.list.setFilters}
      onClearAll={page.list.clearFilters}
      tagSuggestions={tagSuggestions}
    />
  );
}

/** The views as a menu (narrower screens, where the sidebar is gone). */
export function ListViewsMenu({ page }: { page: ListPage }) {
  return (
    <div style={{ minWidth: 0 }}>
      <ViewsMenu scope={page.scope} pathname={page.pathname} viewId={page.list.viewId} manager={page.views} />
    </div>
  );
}

/** Says when the open view's filters or sort were changed, with a way back to the view as saved. */
export function ListViewChangedNotice({ page }: { page: ListPage }) {
  return (
    <ViewChangedNotice
      scope={page.scope}
      manager={page.views}
      onReset={() => page.list.openView(page.views.activeView)}
    />
  );
}
