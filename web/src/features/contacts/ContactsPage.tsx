import { Box, Button, Drawer, Group, Title, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowLeft, IconDeviceFloppy, IconDownload } from '@tabler/icons-react';
import { useCallback, useMemo } from 'react';
import { useLocation } from 'react-router';
import { apiUrl } from '../../api/client.ts';
import { useScoreProfile } from '../../api/queries.ts';
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
import { ContactsTable } from './ContactsTable.tsx';
import classes from './contacts.module.css';

const SCOPE = 'contacts';

/** Contacts: smart lists on the left, the table, and the selected contact in a drawer. */
export function ContactsPage() {
  const wide = useMediaQuery('(min-width: 75em)', true, { getInitialValueInEffect: false });
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
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
  const contacts = useListQuery(SCOPE, listQuery, { enabled: !scoring.isPending });

  const hrefOf = useCallback(
    (id: string) =>
      `${pathname}?${listUrlParams({ filters, sort: list.urlState.sort, viewId, contactId: id })}`,
    [pathname, filters, list.urlState.sort, viewId],
  );
  const { open: openContact, close } = usePanelSelection(contactId, list.selectContact);
  const open = useCallback((id: string) => openContact(id), [openContact]);

  // Tags on the contacts loaded so far: suggestions for the tag filter.
  const tagSuggestions = useMemo(() => {
    const tags = new Set<string>();
    for (const item of contacts.items.slice(0, 1000)) for (const tag of item.contact.tags) tags.add(tag);
    for (const tag of filters.tag ?? []) tags.delete(tag);
    return [...tags].sort((a, b) => a.localeCompare(b));
  }, [contacts.items, filters.tag]);

  // The same list, every page, as CSV (the session cookie authenticates the download).
  const exportHref = apiUrl('/contacts/export.csv', undefined, listQuery);
  const title = views.activeView?.name;

  const sortMenu = (
    <SortMenu
      scope={SCOPE}
      value={sort}
      onChange={list.setSort}
      scoresAvailable={scoring.published.length > 0}
      compact={phone}
    />
  );
  const saveButton = (
    <Button
      variant="subtle"
      size="compact-sm"
      leftSection={<IconDeviceFloppy size={16} aria-hidden />}
      onClick={views.openSave}
    >
      Save as smart list
    </Button>
  );
  const filterBar = (
    <FilterBar
      scope={SCOPE}
      filters={filters}
      tiers={scoring.tiers}
      published={scoring.published}
      profileId={profileId}
      onChange={list.setFilters}
      onClearAll={list.clearFilters}
      tagSuggestions={tagSuggestions}
    />
  );

  return (
    <div
      className={classes.page}
      inert={views.dialogOpen || undefined}
      aria-hidden={views.dialogOpen || undefined}
    >
      {wide && (
        <aside className={classes.sidebar}>
          <ViewsNav scope={SCOPE} pathname={pathname} viewId={viewId} manager={views} />
        </aside>
      )}
      <section className={classes.main}>
        <div className={classes.header}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
              {phone ? (
                <VisuallyHidden>
                  <h1>Contacts</h1>
                </VisuallyHidden>
              ) : (
                <Title order={1} fz="h3" style={{ flexShrink: 0 }}>
                  Contacts
                </Title>
              )}
              {!wide && (
                <div style={{ minWidth: 0 }}>
                  <ViewsMenu scope={SCOPE} pathname={pathname} viewId={viewId} manager={views} />
                </div>
              )}
              {wide && views.activeView && (
                <Title order={2} fz="h5" c="dimmed" fw={500} lineClamp={1}>
                  / {title}
                </Title>
              )}
            </Group>
            <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
              {!phone && sortMenu}
              {!phone && saveButton}
              <Button
                component="a"
                href={exportHref}
                download
                variant="default"
                size="compact-sm"
                leftSection={<IconDownload size={16} aria-hidden />}
              >
                Export CSV
              </Button>
            </Group>
          </Group>
          <Group gap={8} wrap={phone ? 'nowrap' : 'wrap'} align="center">
            <Box w={phone ? undefined : 260} style={phone ? { flex: 1, minWidth: 0 } : undefined}>
              <SearchBox
                label="Search contacts"
                placeholder="Search name, email or phone"
                value={filters.q}
                onChange={(q) => list.setFilters({ q }, { replace: true })}
              />
            </Box>
            {phone ? sortMenu : filterBar}
          </Group>
          {phone && (
            <Group gap={8} wrap="wrap">
              {filterBar}
              {saveButton}
            </Group>
          )}
          <ViewChangedNotice scope={SCOPE} manager={views} onReset={() => list.openView(views.activeView)} />
        </div>
        <ContactsTable
          list={contacts}
          sort={sort}
          onSort={list.setSort}
          tiers={scoring.tiers}
          selectedId={contactId}
          hrefOf={hrefOf}
          onOpen={open}
          filtered={hasNarrowingFilters(filters)}
          onClearFilters={list.clearFilters}
          rowHeight={phone ? 60 : 52}
          compact={phone}
          resetKey={`${JSON.stringify(listQuery)}#${contacts.restarts}`}
          scoresAvailable={scoring.published.length > 0}
          onClearProfile={clearProfile}
        />
      </section>
      <Drawer.Root opened={contactId !== null} onClose={close} position="right" size={phone ? '100%' : 500}>
        <Drawer.Overlay backgroundOpacity={0.25} />
        <Drawer.Content aria-label="Selected contact">
          {phone && (
            <Group px="xs" py={6} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
              <Button
                variant="subtle"
                size="compact-md"
                leftSection={<IconArrowLeft size={18} aria-hidden />}
                onClick={close}
              >
                Back
              </Button>
            </Group>
          )}
          <Drawer.Body p={0}>
            {contactId && (
              <ContactPanel key={contactId} contactId={contactId} profileId={profileId} onClose={close} />
            )}
          </Drawer.Body>
        </Drawer.Content>
      </Drawer.Root>
      {views.dialogs}
    </div>
  );
}
