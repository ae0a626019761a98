import { Box, Button, Drawer, Group, Title, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowLeft, IconDeviceFloppy, IconDownload } from '@tabler/icons-react';
import { useCallback, useMemo } from 'react';
import { apiUrl } from '../../api/client.ts';
import { ContactPanel } from '../contact-panel/ContactPanel.tsx';
import {
  ListFilterBar,
  ListSortMenu,
  ListViewChangedNotice,
  ListViewsMenu,
} from '../lists/ListPageControls.tsx';
import { ListPageFrame } from '../lists/ListPageFrame.tsx';
import { SearchBox } from '../lists/SearchBox.tsx';
import { hasNarrowingFilters } from '../lists/scope.ts';
import { useListPage } from '../lists/useListPage.ts';
import { ContactsTable } from './ContactsTable.tsx';
import classes from './contacts.module.css';

const SCOPE = 'contacts';

/** Contacts: smart lists on the left, the table, and the selected contact in a drawer. */
export function ContactsPage() {
  const wide = useMediaQuery('(min-width: 75em)', true, { getInitialValueInEffect: false });
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const page = useListPage(SCOPE);
  const { list, scoring, profileId, views, rows } = page;
  const { filters, sort, contactId } = list;
  const { open: openContact, close } = page.panel;
  const open = useCallback((id: string) => openContact(id), [openContact]);

  // Tags on the contacts loaded so far: suggestions for the tag filter.
  const tagSuggestions = useMemo(() => {
    const tags = new Set<string>();
    for (const item of rows.items.slice(0, 1000)) for (const tag of item.contact.tags) tags.add(tag);
    for (const tag of filters.tag ?? []) tags.delete(tag);
    return [...tags].sort((a, b) => a.localeCompare(b));
  }, [rows.items, filters.tag]);

  // The same list, every page, as CSV (the session cookie authenticates the download).
  const exportHref = apiUrl('/contacts/export.csv', undefined, page.listQuery);
  const title = views.activeView?.name;

  const sortMenu = <ListSortMenu page={page} compact={phone} />;
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
  const filterBar = <ListFilterBar page={page} tagSuggestions={tagSuggestions} />;

  return (
    <ListPageFrame page={page} wide={wide}>
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
              {!wide && <ListViewsMenu page={page} />}
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
          <ListViewChangedNotice page={page} />
        </div>
        <ContactsTable
          list={rows}
          sort={sort}
          onSort={list.setSort}
          tiers={scoring.tiers}
          selectedId={contactId}
          hrefOf={page.hrefOf}
          onOpen={open}
          filtered={hasNarrowingFilters(filters)}
          onClearFilters={list.clearFilters}
          rowHeight={phone ? 60 : 52}
          compact={phone}
          resetKey={page.resetKey}
          scoresAvailable={scoring.published.length > 0}
          onClearProfile={page.clearProfile}
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
    </ListPageFrame>
  );
}
