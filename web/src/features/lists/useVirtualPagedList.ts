import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { useListQuery } from './useListQuery.ts';

/** Rows from the end at which the next page is asked for (a page is 50). */
const PREFETCH_ROWS = 25;

/**
 * A paged list, virtualised: only the rows in view (plus `overscan`) exist, one more row stands for the
 * page still to come, and that page is fetched when the reader nears the end of what is loaded. A new
 * `resetKey` (other filters or sort) scrolls back to the top. `focusWhenRendered` focuses a row (by a
 * CSS selector) once a keyboard move has brought it into the page.
 */
export function useVirtualPagedList({
  list,
  rowHeight,
  overscan,
  resetKey,
}: {
  list: ReturnType<typeof useListQuery>;
  rowHeight: number;
  overscan: number;
  resetKey: string;
}) {
  const { items, hasNextPage, isFetchingNextPage, fetchNextPage, isFetchNextPageError } = list;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length + (hasNextPage ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan,
    getItemKey: (index) => items[index]?.contact.id ?? `loader-${index}`,
  });
  const rows = virtualizer.getVirtualItems();
  const lastIndex = rows.at(-1)?.index ?? 0;

  useEffect(() => {
    if (
      hasNextPage &&
      !isFetchingNextPage &&
      !isFetchNextPageError &&
      lastIndex >= items.length - PREFETCH_ROWS
    )
      void fetchNextPage();
  }, [lastIndex, items.length, hasNextPage, isFetchingNextPage, fetchNextPage, isFetchNextPageError]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: resetKey is the trigger
  useLayoutEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey]);

  // After a keyboard move, focus the row it moved to once that row is rendered.
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (focusNext.current === null) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(focusNext.current);
    if (row) {
      row.focus({ preventScroll: true });
      focusNext.current = null;
    }
  });
  const focusWhenRendered = useCallback((selector: string) => {
    focusNext.current = selector;
  }, []);

  return { scrollRef, virtualizer, rows, focusWhenRendered };
}
