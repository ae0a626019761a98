import { TagsInput, Text } from '@mantine/core';
import type { ListFilters } from '../../api/types.ts';
import { FilterPopoverChip } from './FilterChip.tsx';
import { useLocalValue } from './useLocalValue.ts';

/** Tags: every tag listed must be on the contact. */
export function TagsFilter({
  value,
  suggestions,
  onChange,
}: {
  value: string[] | undefined;
  suggestions: string[];
  onChange: (patch: Partial<ListFilters>) => void;
}) {
  const [selected, setSelected] = useLocalValue(value ?? []);
  const text = selected.length
    ? selected.length <= 2
      ? selected.join(', ')
      : `${selected.length} tags`
    : null;
  return (
    <FilterPopoverChip
      label="Tags"
      value={text}
      onClear={() => onChange({ tag: undefined })}
      clearLabel="Clear tag filter"
      width={300}
    >
      <TagsInput
        label="Tags"
        description="Contacts with all of these tags"
        placeholder={selected.length ? '' : 'Type a tag, press Enter'}
        data={suggestions}
        value={selected}
        maxTags={20}
        clearable
        onChange={(tag) => {
          setSelected(tag);
          onChange({ tag: tag.length ? tag : undefined });
        }}
        comboboxProps={{ withinPortal: false }}
      />
      <Text size="xs" c="dimmed" mt={6}>
        Suggestions come from the contacts on screen.
      </Text>
    </FilterPopoverChip>
  );
}
