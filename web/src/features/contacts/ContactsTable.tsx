import { Button, Group, Skeleton, Text } from '@mantine/core';
import { IconAddressBook, IconFilterOff } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useLayoutEffect, useRef } from 'react';
import type { ListSort, Tier } from '../../api/types.ts';
import { EmptyState } from '../../ui/QueryState.tsx';
import { ListError } from '../lists/ListError.tsx';
import type { useListQuery } from '../lists/useListQuery.ts';
import { ContactRow } from './ContactRow.tsx';
import { ContactsSkeletonRows } from './ContactsSkeletonRows.tsx';
import { ContactsTableHeader } from './ContactsTableHeader.tsx';
import classes from './contacts.module.css';

const PREFETCH_ROWS = 25;

/**
 * The contacts as a real table, virtualised: only the rows in view exist, each placed at its offset; the
 * header stays put, and the next page is fetched near the end of what is loaded.
 */
export function ContactsTable({
  list,
  sort,
  onSort,
  tiers,
  selectedId,
  hrefOf,
  onOpen,
  filtered,
  onClearFilters,
  rowHeight,
  compact,
  resetKey,
  scoresAvailable,
  onClearProfile,
}: {
  /** Takes the score profile out of the URL (offered when the list cannot be scored by it). */
  onClearProfile?: () => void;
  list: ReturnType<typeof useListQuery>;
  sort: ListSort;
  onSort: (sort: ListSort) => void;
  tiers: readonly Tier[];
  selectedId: string | null;
  hrefOf: (contactId: string) => string;
  onOpen: (contactId: string) => void;
  filtered: boolean;
  onClearFilters: () => void;
  rowHeight: number;
  /** Phones: name (with email under it) and score only. */
  compact: boolean;
  resetKey: string;
  scoresAvailable: boolean;
}) {
  const { items, hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length + (hasNextPage ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    getItemKey: (index) => items[index]?.contact.id ?? `loader-${index}`,
  });
  // Phones have taller rows: measure again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: rowHeight is the trigger
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);
  const rows = virtualizer.getVirtualItems();
  const lastIndex = rows.at(-1)?.index ?? 0;
  useEffect(() => {
    if (
      hasNextPage &&
      !isFetchingNextPage &&
      !list.isFetchNextPageError &&
      lastIndex >= items.length - PREFETCH_ROWS
    )
      void fetchNextPage();
  }, [lastIndex, items.length, hasNextPage, isFetchingNextPage, fetchNextPage, list.isFetchNextPageError]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: resetKey is the trigger
  useLayoutEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey]);

  const loading = list.isPending;
  const failed = list.isError && !list.isFetchNextPageError && !list.staleWhilePaging;

  // ↑/↓ (or j/k) from a contact's name move to the next row's name, scrolling it into view.
  const focusIndex = useRef<number | null>(null);
  useEffect(() => {
    if (focusIndex.current === null) return;
    const link = scrollRef.current?.querySelector<HTMLElement>(`a[data-row-index="${focusIndex.current}"]`);
    if (link) {
      link.focus({ preventScroll: true });
      focusIndex.current = null;
    }
  });
  const onKeyDown = (event: KeyboardEvent) => {
    const from = (event.target as HTMLElement).dataset.rowIndex;
    if (from === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    const step =
      event.key === 'ArrowDown' || event.key === 'j'
        ? 1
        : event.key === 'ArrowUp' || event.key === 'k'
          ? -1
          : 0;
    if (!step) return;
    event.preventDefault();
    const to = Math.max(0, Math.min(items.length - 1, Number(from) + step));
    focusIndex.current = to;
    virtualizer.scrollToIndex(to, { align: 'auto' });
    scrollRef.current
      ?.querySelector<HTMLElement>(`a[data-row-index="${to}"]`)
      ?.focus({ preventScroll: true });
  };

  return (
    <div
      ref={scrollRef}
      onKeyDown={onKeyDown}
      className={classes.scroller}
      style={{ opacity: list.isPlaceholderData ? 0.6 : 1, transition: 'opacity 150ms' }}
    >
      <table
        className={classes.table}
        aria-label="Contacts"
        aria-busy={list.isFetching}
        data-compact={compact ? true : undefined}
      >
        <ContactsTableHeader
          sort={sort}
          onSort={onSort}
          compact={compact}
          scoresAvailable={scoresAvailable}
        />
        {/* Rows are placed absolutely at their offsets (no spacer rows): the rows in view are the only
            ones laid out as the table scrolls. */}
        <tbody style={loading ? undefined : { position: 'relative', height: virtualizer.getTotalSize() }}>
          {loading && <ContactsSkeletonRows compact={compact} />}
          {!loading &&
            rows.map((row) => {
              const item = items[row.index];
              if (!item)
                return (
                  <tr
                    key={row.key}
                    aria-hidden={!list.isFetchNextPageError}
                    className={classes.placed}
                    style={{ height: rowHeight, transform: `translateY(${row.start}px)` }}
                  >
                    <td colSpan={compact ? 2 : 7} className={classes.wholeRow}>
                      {list.isFetchNextPageError ? (
                        <Group gap="xs">
                          <Text size="sm" c="red">
                            Could not load more.
                          </Text>
                          <Button size="compact-xs" variant="light" onClick={() => fetchNextPage()}>
                            Try again
                          </Button>
                        </Group>
                      ) : (
                        <Skeleton h={10} w="40%" />
                      )}
                    </td>
                  </tr>
                );
              return (
                <ContactRow
                  key={row.key}
                  item={item}
                  tiers={tiers}
                  height={rowHeight}
                  start={row.start}
                  index={row.index}
                  selected={item.contact.id === selectedId}
                  href={hrefOf(item.contact.id)}
                  onOpen={onOpen}
                  compact={compact}
                />
              );
            })}
        </tbody>
      </table>
      {failed && (
        <ListError error={list.error} onRetry={() => list.refetch()} onClearProfile={onClearProfile} />
      )}
      {!loading &&
        !failed &&
        items.length === 0 &&
        (filtered ? (
          <EmptyState
            icon={<IconFilterOff size={30} stroke={1.5} aria-hidden />}
            title="No contacts match these filters"
          >
            <Text span size="sm" c="dimmed" display="block" mb="sm">
              Try a wider score range, fewer tags or another search.
            </Text>
            <Button size="xs" variant="light" onClick={onClearFilters}>
              Clear filters
            </Button>
          </EmptyState>
        ) : (
          <EmptyState icon={<IconAddressBook size={30} stroke={1.5} aria-hidden />} title="No contacts yet">
            Contacts appear as events arrive, or import them with tally import contacts.
          </EmptyState>
        ))}
      {!hasNextPage && items.length > 10 && (
        <Text size="xs" c="dimmed" ta="center" py="md">
          {items.length.toLocaleString()} contacts · that is all
        </Text>
      )}
    </div>
  );
}
