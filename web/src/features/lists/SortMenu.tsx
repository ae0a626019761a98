import { Button, Menu } from '@mantine/core';
import { IconArrowsSort, IconCheck } from '@tabler/icons-react';
import type { ListScope, ListSort } from '../../api/types.ts';
import { SCOPES, isScoreSort, sortLabel } from './scope.ts';

/** The "Sort" button and its menu of the scope's sorts; score sorts need a published profile. */
export function SortMenu({
  scope,
  value,
  onChange,
  scoresAvailable,
  compact = false,
}: {
  scope: ListScope;
  value: ListSort;
  onChange: (sort: ListSort) => void;
  scoresAvailable: boolean;
  compact?: boolean;
}) {
  return (
    <Menu position="bottom-end" shadow="md" width={210} withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-sm"
          aria-label={`Sort: ${sortLabel(scope, value)}`}
          leftSection={<IconArrowsSort size={16} aria-hidden />}
          styles={{ label: { fontWeight: 500 } }}
        >
          {compact ? sortLabel(scope, value) : `Sort: ${sortLabel(scope, value)}`}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Sort by</Menu.Label>
        {SCOPES[scope].sorts.map((option) => {
          const chosen = option.value === value;
          const disabled = isScoreSort(option.value) && !scoresAvailable;
          return (
            <Menu.Item
              key={option.value}
              disabled={disabled}
              title={disabled ? 'Publish a score profile to sort by score' : undefined}
              aria-current={chosen ? 'true' : undefined}
              rightSection={chosen ? <IconCheck size={16} aria-hidden /> : null}
              fw={chosen ? 600 : undefined}
              onClick={() => onChange(option.value)}
            >
              {option.label}
            </Menu.Item>
          );
        })}
      </Menu.Dropdown>
    </Menu>
  );
}
