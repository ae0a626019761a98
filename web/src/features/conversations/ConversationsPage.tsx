import { Button, Group, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowLeft, IconDeviceFloppy, IconMessageCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import { useLocation } from 'react-router';
import { call } from '../../api/client.ts';
import { keys, useScoreProfile } from '../../api/queries.ts';
import type { ListItem } from '../../api/types.ts';
import { EmptyState } from '../../ui/QueryState.tsx';
import { listUrlParams } from '../../ui/list-url-state.ts';
import { ContactPanel } from '../contact-panel/ContactPanel.tsx';
import { FilterBar } from '../lists/FilterBar.tsx';
import { SearchBox } from '../lists/SearchBox.tsx';
import { SortMenu } from '../lists/SortMenu.tsx';
import { ViewChangedNotice } from '../lists/ViewChangedNotice.tsx';
import { ViewsMenu, ViewsNav } from '../lists/ViewsNav.tsx';
import { hasNarrowingFilters } from '../lists/scope.ts';
import { scoredBy, useListQuery } from '../lists/useListQuery.ts';
import { useListState, usePanelSelection } from '../lists/useListState.ts';
import { useViewManager } from '../lists/useViewManager.tsx';
import { ConversationList } from './ConversationList.tsx';
import classes from './conversations.module.css';
import { useMarkRead } from './useMarkRead.ts';

const SCOPE = 'conversations';

/**
 * The inbox: views on the left, the conversations in the middle, the selected contact on the right.
 * Narrower screens drop the sidebar (views become a menu), then show the list or the contact alone.
 */
export function ConversationsPage() {
  const wide = useMediaQuery('(min-width: 75em)', true, { getInitialValueInEffect: false });
  const twoColumns = useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false });
  const { pathname } = useLocation();
  const list = useListState(SCOPE);
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
  const views = useViewManager({ scope: SCOPE, pathname, viewId, filters, sort });
  const conversations = useListQuery(SCOPE, listQuery, { enabled: !scoring.isPending });
  const markRead = useMarkRead();

  // Opening a conversation (by click, keyboard or a bookmarked URL) marks it read. A contact that is
  // not among the loaded rows (a link to one far down) is read from its own record (the panel's query).
  const selected = contactId ? conversations.items.find((i) => i.contact.id === contactId) : undefined;
  const record = useQuery({
    queryKey: keys.contact(contactId ?? ''),
    queryFn: () => call('GET /contacts/{id}', { params: { id: contactId ?? '' } }),
    enabled: contactId !== null && !selected && conversations.isSuccess,
  });
  const unread = selected
    ? selected.conversation?.unreadCount
    : contactId && record.data?.id === contactId
      ? record.data.conversation?.unreadCount
      : undefined;
  useEffect(() => markRead(contactId, unread), [contactId, unread, markRead]);

  const hrefOf = useCallback(
    (id: string) =>
      `${pathname}?${listUrlParams({ filters, sort: list.urlState.sort, viewId, contactId: id })}`,
    [pathname, filters, list.urlState.sort, viewId],
  );
  const panel = usePanelSelection(contactId, list.selectContact);
  const { open: openContact, close: closePanel } = panel;
  // A click follows the row's link; the keyboard moves the selection in place.
  const onSelect = useCallback(
    (item: ListItem, how: 'click' | 'key') => openContact(item.contact.id, how === 'click'),
    [openContact],
  );

  const filtered = hasNarrowingFilters(filters);
  const title = viewId ? (views.activeView?.name ?? (views.views.isPending ? '' : 'Inbox')) : 'Inbox';
  const panelOnly = !twoColumns && contactId !== null;

  const listColumn = (
    <section
      className={classes.listColumn}
      data-alone={twoColumns ? undefined : true}
      style={panelOnly ? { display: 'none' } : undefined}
      aria-label="Conversation list"
    >
      <div className={classes.header}>
        <Group gap="xs" wrap="nowrap" justify="space-between">
          {wide ? (
            <Title order={2} fz="h4" lineClamp={1} style={{ minWidth: 0 }} title={title}>
              {title}
            </Title>
          ) : (
            <div style={{ minWidth: 0 }}>
              <ViewsMenu scope={SCOPE} pathname={pathname} viewId={viewId} manager={views} />
            </div>
          )}
          <Button
            variant="subtle"
            size="compact-sm"
            style={{ flexShrink: 0 }}
            leftSection={<IconDeviceFloppy size={16} aria-hidden />}
            onClick={views.openSave}
          >
            Save as view
          </Button>
        </Group>
        <Group gap={6} wrap="nowrap">
          <div style={{ flex: 1, minWidth: 0 }}>
            <SearchBox
              label="Search conversations"
              placeholder="Search name, email, phone"
              value={filters.q}
              onChange={(q) => list.setFilters({ q }, { replace: true })}
            />
          </div>
          <SortMenu
            scope={SCOPE}
            value={sort}
            onChange={list.setSort}
            scoresAvailable={scoring.published.length > 0}
            compact
          />
        </Group>
        <FilterBar
          scope={SCOPE}
          filters={filters}
          tiers={scoring.tiers}
          published={scoring.published}
          profileId={profileId}
          onChange={list.setFilters}
          onClearAll={list.clearFilters}
        />
        <ViewChangedNotice scope={SCOPE} manager={views} onReset={() => list.openView(views.activeView)} />
      </div>
      <ConversationList
        list={conversations}
        selectedId={contactId}
        hrefOf={hrefOf}
        tiers={scoring.tiers}
        filtered={filtered}
        onSelect={onSelect}
        onClearFilters={list.clearFilters}
        onEscape={closePanel}
        onClearProfile={clearProfile}
        resetKey={`${JSON.stringify(listQuery)}#${conversations.restarts}`}
      />
    </section>
  );

  let side = null;
  if (twoColumns)
    side = (
      <section className={classes.panel} aria-label="Selected contact">
        {contactId ? (
          <ContactPanel key={contactId} contactId={contactId} profileId={profileId} onClose={closePanel} />
        ) : (
          <EmptyState
            icon={<IconMessageCircle size={34} stroke={1.4} aria-hidden />}
            title="No conversation open"
          >
            Pick one from the list to see the contact’s score, why it is what it is, and its history. ↑ ↓ or j
            k move through the list; / searches.
          </EmptyState>
        )}
      </section>
    );
  else if (contactId)
    side = (
      <section className={classes.panelFull} aria-label="Selected contact">
        <div className={classes.panelBar}>
          <Button
            variant="subtle"
            size="compact-md"
            leftSection={<IconArrowLeft size={18} aria-hidden />}
            onClick={closePanel}
          >
            Back
          </Button>
          <Text size="sm" c="dimmed" truncate>
            {title}
          </Text>
        </div>
        <div className={classes.panel}>
          <ContactPanel key={contactId} contactId={contactId} profileId={profileId} onClose={closePanel} />
        </div>
      </section>
    );

  return (
    <div
      className={classes.page}
      inert={views.dialogOpen || undefined}
      aria-hidden={views.dialogOpen || undefined}
    >
      <VisuallyHidden>
        <h1>Conversations</h1>
      </VisuallyHidden>
      {wide && (
        <aside className={classes.sidebar}>
          <ViewsNav scope={SCOPE} pathname={pathname} viewId={viewId} manager={views} />
        </aside>
      )}
      {listColumn}
      {side}
      {views.dialogs}
    </div>
  );
}
