import { ActionIcon, Box, Button, Divider, Menu, Skeleton, Stack, Text } from '@mantine/core';
import {
  IconChevronDown,
  IconDots,
  IconInbox,
  IconLayoutList,
  IconListDetails,
  IconPencil,
  IconStack2,
  IconTrash,
} from '@tabler/icons-react';
import { Link } from 'react-router';
import type { ListScope, View } from '../../api/types.ts';
import classes from './lists.module.css';
import { SCOPES } from './scope.ts';
import { viewHref } from './useListState.ts';
import type { ViewManager } from './useViewManager.tsx';

function AllIcon({ scope }: { scope: ListScope }) {
  return scope === 'conversations' ? (
    <IconInbox size={17} stroke={1.7} aria-hidden />
  ) : (
    <IconListDetails size={17} stroke={1.7} aria-hidden />
  );
}

function ViewMenu({
  view,
  manager,
  noun,
  labelId,
}: { view: View; manager: ViewManager; noun: string; labelId: string }) {
  // Named without the view's name (which could contain a filter's name); the name is its description.
  const capitalised = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <Menu position="bottom-end" shadow="md" width={180} withinPortal>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          className={classes.viewMenu}
          aria-label={`${capitalised} options`}
          aria-describedby={labelId}
        >
          <IconDots size={16} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconPencil size={16} aria-hidden />}
          onClick={() => manager.openRename(view)}
        >
          Rename {noun}
        </Menu.Item>
        <Menu.Item
          color="red"
          leftSection={<IconTrash size={16} aria-hidden />}
          onClick={() => manager.confirmDelete(view)}
        >
          Delete {noun}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** What the sidebar and the phone menu of views both show. */
interface ViewsProps {
  scope: ListScope;
  pathname: string;
  viewId: string | null;
  manager: ViewManager;
}

/** The sidebar: the whole list first, then the saved views, each with a ⋯ menu (rename, delete). */
export function ViewsNav({
  scope,
  pathname,
  viewId,
  manager,
}: ViewsProps) {
  const copy = SCOPES[scope];
  const views = manager.views.data ?? [];
  return (
    <Box component="nav" aria-label={copy.navLabel} p="sm">
      <Stack gap={2}>
        <div className={classes.viewItem} data-active={viewId === null ? true : undefined}>
          <Link
            to={viewHref(pathname, scope, null)}
            className={classes.viewLink}
            aria-current={viewId === null ? 'page' : undefined}
          >
            <AllIcon scope={scope} />
            <span className={classes.viewName}>{copy.allLabel}</span>
          </Link>
        </div>
        <Divider my={8} />
        <Text size="xs" fw={700} c="dimmed" tt="uppercase" px={10} mb={2}>
          {copy.navLabel}
        </Text>
        {manager.views.isPending && [0, 1, 2].map((i) => <Skeleton key={i} h={30} radius="md" />)}
        {manager.views.isError && (
          <Text size="xs" c="red" px={10}>
            Could not load the {copy.viewNoun}s.{' '}
            <Button variant="transparent" size="compact-xs" onClick={() => manager.views.refetch()}>
              Retry
            </Button>
          </Text>
        )}
        {manager.views.isSuccess && views.length === 0 && (
          <Text size="xs" c="dimmed" px={10} py={4}>
            Filter the list, then use “{copy.saveLabel}” to keep it here.
          </Text>
        )}
        <ul className={classes.viewList}>
          {views.map((view) => {
            const active = view.id === viewId;
            const labelId = `view-name-${view.id}`;
            return (
              <li key={view.id} className={classes.viewItem} data-active={active ? true : undefined}>
                <Link
                  to={viewHref(pathname, scope, view)}
                  className={classes.viewLink}
                  aria-current={active ? 'page' : undefined}
                  title={view.name}
                >
                  {scope === 'conversations' ? (
                    <IconLayoutList size={17} stroke={1.7} aria-hidden />
                  ) : (
                    <IconStack2 size={17} stroke={1.7} aria-hidden />
                  )}
                  <span className={classes.viewName} id={labelId}>
                    {view.name}
                  </span>
                </Link>
                <ViewMenu view={view} manager={manager} noun={copy.viewNoun} labelId={labelId} />
              </li>
            );
          })}
        </ul>
      </Stack>
    </Box>
  );
}

/** The views as a menu (phone and narrow screens): pick one, or rename / delete the open one. */
export function ViewsMenu({
  scope,
  pathname,
  viewId,
  manager,
}: ViewsProps) {
  const copy = SCOPES[scope];
  const views = manager.views.data ?? [];
  const current = manager.activeView?.name ?? copy.allLabel;
  return (
    <Menu position="bottom-start" shadow="md" width={260} withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-md"
          px={6}
          rightSection={<IconChevronDown size={16} aria-hidden />}
          aria-label={`${copy.navLabel}: ${current}`}
          styles={{ label: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
          maw="100%"
        >
          <Text span inherit truncate>
            {current}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown mah={420} style={{ overflowY: 'auto' }}>
        <Menu.Item
          component={Link}
          to={viewHref(pathname, scope, null)}
          leftSection={<AllIcon scope={scope} />}
          aria-current={viewId === null ? 'page' : undefined}
          fw={viewId === null ? 600 : undefined}
        >
          {copy.allLabel}
        </Menu.Item>
        {views.length > 0 && <Menu.Label>{copy.navLabel}</Menu.Label>}
        {views.map((view) => (
          <Menu.Item
            key={view.id}
            component={Link}
            to={viewHref(pathname, scope, view)}
            leftSection={<IconLayoutList size={17} stroke={1.7} aria-hidden />}
            aria-current={view.id === viewId ? 'page' : undefined}
            fw={view.id === viewId ? 600 : undefined}
          >
            {view.name}
          </Menu.Item>
        ))}
        {manager.activeView && (
          <>
            <Menu.Divider />
            <Menu.Item
              leftSection={<IconPencil size={16} aria-hidden />}
              onClick={() => manager.activeView && manager.openRename(manager.activeView)}
            >
              Rename {copy.viewNoun}
            </Menu.Item>
            <Menu.Item
              color="red"
              leftSection={<IconTrash size={16} aria-hidden />}
              onClick={() => manager.activeView && manager.confirmDelete(manager.activeView)}
            >
              Delete {copy.viewNoun}
            </Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
