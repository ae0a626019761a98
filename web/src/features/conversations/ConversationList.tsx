import { Button, Skeleton, Stack, Text } from '@mantine/core';
import { IconFilterOff, IconMessages } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ListItem, Tier } from '../../api/types.ts';
import { EmptyState } from '../../ui/QueryState.tsx';
import { ListError } from '../lists/ListError.tsx';
import type { useListQuery } from '../lists/useListQuery.ts';
import { ConversationRow, ROW_HEIGHT } from './ConversationRow.tsx';
import classes from './conversations.module.css';

/** Rows from the end at which the next page is asked for (a page is 50). */
const PREFETCH_ROWS = 25;
/** How long the keys must rest before a keyboard move opens the contact (ms). */
const KEY_COMMIT_DELAY = 200;

function SkeletonRows({ count }: { count: number }) {
  const rows = Array.from({ length: count }, (_, i) => ({
    id: `placeholder-${i}`,
    name: `${45 + ((i * 17) % 30)}%`,
    text: `${60 + ((i * 11) % 35)}%`,
  }));
  return (
    <Stack gap={0} aria-hidden>
      {rows.map((row) => (
        <div
          key={row.id}
          style={{ height: ROW_HEIGHT, display: 'flex', gap: 10, alignItems: 'center', padding: '0 14px' }}
        >
          <Skeleton circle height={36} />
          <Stack gap={8} style={{ flex: 1 }}>
            <Skeleton height={10} width={row.name} />
            <Skeleton height={8} width={row.text} />
          </Stack>
        </div>
      ))}
    </Stack>
  );
}

/**
 * The inbox rows, virtualised: only the rows in view (plus a few) are in the page, so 100,000
 * conversations scroll like 50. The next page is fetched when the reader nears the end of what is loaded.
 * ↑/↓ and j/k move the selection; Home/End jump. A keyboard move highlights the row at once and opens it
 * once the keys rest for 200 ms; a click opens it at once.
 */
export function ConversationList({
  list,
  selectedId,
  hrefOf,
  tiers,
  filtered,
  onSelect,
  onClearFilters,
  onEscape,
  onClearProfile,
  resetKey,
}: {
  /** Takes the score profile out of the URL (offered when the list cannot be scored by it). */
  onClearProfile?: () => void;
  /** Escape in the list: close the open contact. */
  onEscape?: () => void;
  list: ReturnType<typeof useListQuery>;
  selectedId: string | null;
  hrefOf: (contactId: string) => string;
  tiers: readonly Tier[];
  filtered: boolean;
  onSelect: (item: ListItem, how: 'click' | 'key') => void;
  onClearFilters: () => void;
  /** Changes when the filters or sort change: the list scrolls back to the top. */
  resetKey: string;
}) {
  const { items, hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const scrollRef = useRef<HTMLDivElement>(null);
  const focusNext = useRef<string | null>(null);
  const count = items.length + (hasNextPage ? 1 : 0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => items[index]?.contact.id ?? `loader-${index}`,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems.at(-1)?.index ?? 0;

  useEffect(() => {
    if (
      hasNextPage &&
      !isFetchingNextPage &&
      !list.isFetchNextPageError &&
      lastIndex >= items.length - PREFETCH_ROWS
    )
      void fetchNextPage();
  }, [lastIndex, items.length, hasNextPage, isFetchingNextPage, fetchNextPage, list.isFetchNextPageError]);

  // New filters or sort: back to the top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: resetKey is the trigger
  useLayoutEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey]);

  // After a keyboard move, focus the newly selected row once it is rendered.
  useEffect(() => {
    const id = focusNext.current;
    if (!id) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-contact-id="${CSS.escape(id)}"]`);
    if (row) {
      row.focus({ preventScroll: true });
      focusNext.current = null;
    }
  });

  // A key press moves the highlight at once; the selection (URL, panel, mark read) follows only once
  // the keys rest for a moment, so holding j does not load and mark read every row passed over.
  const [highlightId, setHighlightId] = useState<string | null>(null);
  const commitTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onSelectNow = useRef(onSelect);
  onSelectNow.current = onSelect;
  const cancelCommit = useCallback(() => {
    if (commitTimer.current !== null) clearTimeout(commitTimer.current);
    commitTimer.current = null;
  }, []);
  useEffect(() => cancelCommit, [cancelCommit]);
  // New filters or sort: a move still waiting belongs to the old list.
  // biome-ignore lint/correctness/useExhaustiveDependencies: resetKey is the trigger
  useEffect(() => {
    cancelCommit();
    setHighlightId(null);
  }, [resetKey, cancelCommit]);
  // The selection caught up (or changed elsewhere, e.g. Back): it is what is shown again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: selectedId is the trigger
  useEffect(() => {
    if (commitTimer.current === null) setHighlightId(null);
  }, [selectedId]);
  const shownId = highlightId ?? selectedId;

  const selectedIndex = selectedId ? items.findIndex((i) => i.contact.id === selectedId) : -1;
  const shownIndex = shownId ? items.findIndex((i) => i.contact.id === shownId) : -1;
  // Where the selection is, updated at once on a key press (a held key outruns the re-render). It
  // follows the URL's selection when that changes, unless a move is still waiting to be committed.
  const cursor = useRef(selectedIndex);
  const seenIndex = useRef(selectedIndex);
  if (seenIndex.current !== selectedIndex) {
    seenIndex.current = selectedIndex;
    if (commitTimer.current === null) cursor.current = selectedIndex;
  }
  const move = useCallback(
    (to: number) => {
      const index = Math.max(0, Math.min(items.length - 1, to));
      const item = items[index];
      if (!item) return;
      cursor.current = index;
      focusNext.current = item.contact.id;
      virtualizer.scrollToIndex(index, { align: 'auto' });
      setHighlightId(item.contact.id);
      cancelCommit();
      commitTimer.current = setTimeout(() => {
        commitTimer.current = null;
        onSelectNow.current(item, 'key');
      }, KEY_COMMIT_DELAY);
    },
    [items, virtualizer, cancelCommit],
  );

  const onRowOpen = useCallback(
    (item: ListItem) => {
      cancelCommit();
      setHighlightId(null);
      onSelect(item, 'click');
    },
    [onSelect, cancelCommit],
  );

  const onKeyDown = (event: KeyboardEvent | globalThis.KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key;
    const at = cursor.current;
    if (key === 'ArrowDown' || key === 'j') move(at + 1);
    else if (key === 'ArrowUp' || key === 'k') move(at < 0 ? 0 : at - 1);
    else if (key === 'Home') move(0);
    else if (key === 'End') move(items.length - 1);
    else if (key === 'Escape' && (selectedId || highlightId) && onEscape) {
      cancelCommit();
      setHighlightId(null);
      if (selectedId) onEscape();
    } else return;
    event.preventDefault();
  };

  // j / k work from anywhere on the page that is not a control (nothing focused).
  const keyHandler = useRef(onKeyDown);
  keyHandler.current = onKeyDown;
  useEffect(() => {
    const onDocumentKey = (event: globalThis.KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && target !== document.body) return;
      if (event.key === 'j' || event.key === 'k') keyHandler.current(event);
    };
    document.addEventListener('keydown', onDocumentKey);
    return () => document.removeEventListener('keydown', onDocumentKey);
  }, []);

  if (list.isPending) return <SkeletonRows count={10} />;
  if (list.isError && !list.isFetchNextPageError && !list.staleWhilePaging)
    return <ListError error={list.error} onRetry={() => list.refetch()} onClearProfile={onClearProfile} />;
  if (items.length === 0)
    return filtered ? (
      <EmptyState
        icon={<IconFilterOff size={30} stroke={1.5} aria-hidden />}
        title="Nothing matches these filters"
      >
        <Text span size="sm" c="dimmed" display="block" mb="sm">
          Try fewer filters, a wider score range or another search.
        </Text>
        <Button size="xs" variant="light" onClick={onClearFilters}>
          Clear filters
        </Button>
      </EmptyState>
    ) : (
      <EmptyState icon={<IconMessages size={30} stroke={1.5} aria-hidden />} title="No conversations yet">
        A contact shows up here with its first message (a message.received or message.sent event).
      </EmptyState>
    );

  // The row that takes Tab: the selected (or highlighted) one if it is loaded, else the first.
  const tabStop = shownIndex >= 0 ? shownIndex : 0;
  return (
    <div
      ref={scrollRef}
      className={classes.scroller}
      onKeyDown={onKeyDown}
      style={{ opacity: list.isPlaceholderData ? 0.6 : 1, transition: 'opacity 150ms' }}
      aria-busy={list.isFetching}
    >
      <ul
        aria-label="Conversations"
        style={{
          height: virtualizer.getTotalSize(),
          position: 'relative',
          margin: 0,
          padding: 0,
          listStyle: 'none',
        }}
      >
        {virtualItems.map((row) => {
          const item = items[row.index];
          return (
            <li
              key={row.key}
              aria-posinset={row.index + 1}
              aria-setsize={hasNextPage ? -1 : items.length}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: ROW_HEIGHT,
                transform: `translateY(${row.start}px)`,
              }}
            >
              {item ? (
                <ConversationRow
                  item={item}
                  href={hrefOf(item.contact.id)}
                  replace={selectedId !== null}
                  selected={item.contact.id === shownId}
                  focusable={row.index === tabStop}
                  tiers={tiers}
                  onOpen={onRowOpen}
                />
              ) : list.isFetchNextPageError ? (
                <Stack align="center" justify="center" h="100%" gap={4}>
                  <Text size="sm" c="red">
                    Could not load more.
                  </Text>
                  <Button size="compact-xs" variant="light" onClick={() => fetchNextPage()}>
                    Try again
                  </Button>
                </Stack>
              ) : (
                <SkeletonRows count={1} />
              )}
            </li>
          );
        })}
      </ul>
      {!hasNextPage && items.length > 8 && (
        <Text size="xs" c="dimmed" ta="center" py="md">
          {items.length.toLocaleString()} conversations · that is all
        </Text>
      )}
    </div>
  );
}
