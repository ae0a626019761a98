import type { ReactNode } from 'react';
import { ViewsNav } from './ViewsNav.tsx';
import classes from './listPage.module.css';
import type { ListPage } from './useListPage.ts';

/**
 * A list screen's frame: the views sidebar (wide screens) before the rest, and the views' dialogs after
 * it. While a dialog is open the screen behind it is inert. `heading` comes first (before the sidebar).
 */
export function ListPageFrame({
  page,
  wide,
  heading,
  children,
}: {
  page: ListPage;
  wide: boolean;
  heading?: ReactNode;
  children: ReactNode;
}) {
  const { views } = page;
  return (
    <div
      className={classes.page}
      inert={views.dialogOpen || undefined}
      aria-hidden={views.dialogOpen || undefined}
    >
      {heading}
      {wide && (
        <aside className={classes.sidebar}>
          <ViewsNav scope={page.scope} pathname={page.pathname} viewId={page.list.viewId} manager={views} />
        </aside>
      )}
      {children}
      {views.dialogs}
    </div>
  );
}
