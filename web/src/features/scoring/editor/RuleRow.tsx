import { ActionIcon, Badge, Group, Menu, Text, ThemeIcon, Tooltip } from '@mantine/core';
import {
  IconAlertTriangle,
  IconBolt,
  IconCopy,
  IconDots,
  IconHourglass,
  IconPencil,
  IconTrash,
  IconUserCheck,
} from '@tabler/icons-react';
import type { RuleInput } from '../../../api/types.ts';
import { PointsBadge } from '../PointsBadge.tsx';
import { ruleSentence } from '../rule-sentences.ts';

const KIND_ICONS = {
  event: { icon: IconBolt, label: 'Event rule', color: 'blue' },
  inactivity: { icon: IconHourglass, label: 'Inactivity rule', color: 'grape' },
  state: { icon: IconUserCheck, label: 'Contact state rule', color: 'cyan' },
} as const;

interface Props {
  rule: RuleInput;
  index: number;
  change: 'new' | 'edited' | null;
  problem?: string;
  readOnly: boolean;
  userName: (id: string) => string | undefined;
  onEdit: () => void;
  onDuplicate: () => void;
  onDelete: () => void;
}

/** One rule as a sentence with its coloured points, and its ⋯ menu. */
export function RuleRow({
  rule,
  index,
  change,
  problem,
  readOnly,
  userName,
  onEdit,
  onDuplicate,
  onDelete,
}: Props) {
  const sentence = ruleSentence(rule, { userName });
  const kind = KIND_ICONS[rule.kind];
  // A description that restates the sentence ("+10 when a link is clicked") adds nothing.
  const described = rule.description?.trim() ?? '';
  const restates = described.replace('-', '\u2212').startsWith(`${sentence.points} `);
  const note = described && !restates ? described : null;
  return (
    <Group
      component="li"
      gap="sm"
      wrap="nowrap"
      align="flex-start"
      py="sm"
      px="xs"
      style={{ borderTop: index ? '1px solid var(--mantine-color-default-border)' : undefined }}
    >
      <PointsBadge points={rule.points} />{' '}
      <div style={{ flex: 1, minWidth: 0 }}>
        <Group gap={6} wrap="nowrap" align="flex-start">
          <Tooltip label={kind.label} withArrow>
            <ThemeIcon
              variant="light"
              color={kind.color}
              size={22}
              radius="xl"
              role="img"
              aria-label={kind.label}
              mt={1}
            >
              <kind.icon size={13} />
            </ThemeIcon>
          </Tooltip>
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {sentence.text}
          </Text>
        </Group>
        {note && (
          <Text size="xs" c="dimmed" mt={2} ml={28}>
            {note}
          </Text>
        )}
        {problem && (
          <Group gap={4} mt={4} ml={28} wrap="nowrap">
            <IconAlertTriangle size={14} color="var(--mantine-color-red-text)" aria-hidden />
            <Text size="xs" c="red">
              {problem}
            </Text>
          </Group>
        )}
      </div>
      {change && (
        <Badge
          size="xs"
          variant="outline"
          color={change === 'new' ? 'blue' : 'orange'}
          mt={4}
          visibleFrom="xs"
        >
          {change === 'new' ? 'New' : 'Edited'}
        </Badge>
      )}
      {!readOnly && (
        <Menu position="bottom-end" width={180} withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`Actions for rule ${index + 1}`}>
              <IconDots size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconPencil size={16} />} onClick={onEdit}>
              Edit
            </Menu.Item>
            <Menu.Item leftSection={<IconCopy size={16} />} onClick={onDuplicate}>
              Duplicate
            </Menu.Item>
            <Menu.Item
              color="red"
              styles={{
                itemLabel: { color: 'var(--mantine-color-red-text)' },
                itemSection: { color: 'var(--mantine-color-red-text)' },
              }}
              leftSection={<IconTrash size={16} />}
              onClick={onDelete}
            >
              Delete
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
    </Group>
  );
}
