import { Button, Group, Text } from '@mantine/core';
import type { ListScope } from '../../api/types.ts';
import { SCOPES } from './scope.ts';
import type { ViewManager } from './useViewManager.tsx';

/** Shown when the filters or sort on screen differ from the open view: update it, or go back to it. */
export function ViewChangedNotice({
  scope,
  manager,
  onReset,
}: {
  scope: ListScope;
  manager: ViewManager;
  onReset: () => void;
}) {
  if (!manager.dirty || !manager.activeView) return null;
  const noun = SCOPES[scope].viewNoun;
  return (
    <Group
      gap={6}
      wrap="nowrap"
      px="sm"
      py={6}
      style={{
        borderRadius: 'var(--mantine-radius-md)',
        background: 'var(--mantine-color-yellow-light)',
      }}
    >
      <Text size="xs" style={{ flex: 1, minWidth: 0 }} lineClamp={2}>
        Changed from “{manager.activeView.name}”
      </Text>
      <Button size="compact-xs" variant="subtle" color="gray" onClick={onReset}>
        Reset
      </Button>
      <Button size="compact-xs" variant="filled" loading={manager.updating} onClick={manager.updateActive}>
        Update {noun}
      </Button>
    </Group>
  );
}
