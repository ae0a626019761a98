import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ListFilters, ListScope, ListSort, View } from '../../api/types.ts';
import { notifyError, notifySuccess } from '../../ui/notify.ts';
import { ViewNameModal } from './ViewNameModal.tsx';
import { SCOPES, differsFromView, normalizeFilters } from './scope.ts';
import { currentUrlState, viewHref } from './useListState.ts';
import { useViewMutations, useViews } from './useViews.ts';

/**
 * Saved views of one list screen: the list of them, the open one, whether the screen differs from it,
 * and the actions (save as, update, rename, delete) with their dialogs (render `modals`).
 */
export function useViewManager({
  scope,
  pathname,
  viewId,
  filters,
  sort,
}: {
  scope: ListScope;
  pathname: string;
  viewId: string | null;
  filters: ListFilters;
  sort: ListSort;
}) {
  const copy = SCOPES[scope];
  const navigate = useNavigate();
  const views = useViews(scope);
  const { create, update, remove } = useViewMutations(scope);
  const [saving, setSaving] = useState(false);
  const [renaming, setRenaming] = useState<View | null>(null);

  const activeView = views.data?.find((v) => v.id === viewId) ?? null;
  const dirty = activeView !== null && differsFromView(activeView, filters, sort);

  // What is saved is read from the address bar at that moment: a filter changed a moment ago may not
  // have rendered yet, and the view must hold what the user sees once it has.
  const shownNow = () => {
    const now = currentUrlState();
    return { filters: normalizeFilters(now.filters), sort: now.sort ?? copy.defaultSort };
  };

  const save = (name: string) =>
    create.mutate(
      { name, ...shownNow() },
      {
        onSuccess: (view) => {
          setSaving(false);
          notifySuccess(`Saved “${view.name}”`);
          // The URL now names the view; the filters stay as they are (they are the view's).
          const params = new URLSearchParams(window.location.search);
          params.set('view', view.id);
          navigate(`${pathname}?${params}`, { replace: true });
        },
      },
    );

  const rename = (name: string) =>
    renaming &&
    update.mutate(
      { id: renaming.id, name },
      {
        onSuccess: () => setRenaming(null),
      },
    );

  const updateActive = () =>
    activeView &&
    update.mutate(
      { id: activeView.id, ...shownNow() },
      {
        onSuccess: (view) => notifySuccess(`Updated “${view.name}”`),
        onError: (error) => notifyError(error, `Could not update the ${copy.viewNoun}`),
      },
    );

  const confirmDelete = (view: View) =>
    modals.openConfirmModal({
      title: `Delete ${copy.viewNoun}?`,
      centered: true,
      children: (
        <Text size="sm">
          “{view.name}” will be deleted for everyone in the account. The contacts in it stay as they are.
        </Text>
      ),
      labels: { confirm: 'Delete', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(view.id, {
          onSuccess: () => {
            notifySuccess(`Deleted “${view.name}”`);
            if (view.id === viewId) navigate(viewHref(pathname, scope, null), { replace: true });
          },
          onError: (error) => notifyError(error, `Could not delete the ${copy.viewNoun}`),
        }),
    });

  const dialogs = (
    <>
      <ViewNameModal
        opened={saving}
        title={copy.saveLabel}
        placeholder={copy.example}
        description={`The current filters and sort become a ${copy.viewNoun} everyone in the account can open.`}
        pending={create.isPending}
        error={create.error}
        onClose={() => {
          setSaving(false);
          create.reset();
        }}
        onSubmit={save}
      />
      <ViewNameModal
        opened={renaming !== null}
        title={`Rename ${copy.viewNoun}`}
        initialName={renaming?.name ?? ''}
        pending={update.isPending}
        error={renaming ? update.error : null}
        onClose={() => {
          setRenaming(null);
          update.reset();
        }}
        onSubmit={rename}
      />
    </>
  );

  return {
    views,
    activeView,
    dirty,
    updating: update.isPending && renaming === null,
    /** A name dialog is open: the page behind it should be inert. */
    dialogOpen: saving || renaming !== null,
    openSave: () => setSaving(true),
    openRename: (view: View) => setRenaming(view),
    confirmDelete,
    updateActive,
    dialogs,
  };
}

export type ViewManager = ReturnType<typeof useViewManager>;
