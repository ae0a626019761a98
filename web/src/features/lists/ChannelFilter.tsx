import { Checkbox, Group, Stack } from '@mantine/core';
import type { ListFilters } from '../../api/types.ts';
import { CHANNEL_OPTIONS, ChannelIcon, channelLabel } from '../../ui/ChannelIcon.tsx';
import { FilterPopoverChip } from './FilterChip.tsx';
import { useLocalValue } from './useLocalValue.ts';

/** Last Message Channel: any of several channels. */
export function ChannelFilter({
  value,
  onChange,
}: {
  value: string[] | undefined;
  onChange: (patch: Partial<ListFilters>) => void;
}) {
  const [selected, setSelected] = useLocalValue(value ?? []);
  const text = selected.length
    ? selected.length <= 2
      ? selected.map(channelLabel).join(', ')
      : `${selected.length} channels`
    : null;
  return (
    <FilterPopoverChip
      label="Last Message Channel"
      value={text}
      onClear={() => onChange({ channel: undefined })}
      clearLabel="Clear channel filter"
      width={240}
    >
      <Checkbox.Group
        label="Channel of the last message"
        value={selected}
        onChange={(channel) => {
          setSelected(channel);
          onChange({ channel: channel.length ? channel : undefined });
        }}
      >
        <Stack gap={10} mt="xs">
          {CHANNEL_OPTIONS.map((option) => (
            <Group key={option.value} gap={8} wrap="nowrap">
              <Checkbox value={option.value} label={option.label} />
              <span aria-hidden style={{ marginLeft: 'auto', display: 'flex' }}>
                <ChannelIcon channel={option.value} size={20} />
              </span>
            </Group>
          ))}
        </Stack>
      </Checkbox.Group>
    </FilterPopoverChip>
  );
}
