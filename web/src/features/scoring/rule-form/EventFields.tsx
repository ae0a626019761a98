import { Badge, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import {
  CUSTOM_EVENT_TYPE_PATTERN,
  countsAsInteraction,
  eventTypeOptions,
  isBuiltInEventType,
} from '../catalogue.ts';
import { ConditionsBuilder } from './ConditionsBuilder.tsx';
import { CUSTOM, type FormErrors, type RuleFormValues } from './form-values.ts';

const OPTIONS = eventTypeOptions();

interface Props {
  values: RuleFormValues;
  set: (change: Partial<RuleFormValues>) => void;
  errors: FormErrors;
}

const TYPED = '__typed__';

export function EventFields({ values, set, errors }: Props) {
  const [search, setSearch] = useState('');
  const custom = values.eventType === CUSTOM;
  // Typing a custom type's name into the search offers it directly.
  const typed = search.trim();
  const offerTyped =
    CUSTOM_EVENT_TYPE_PATTERN.test(typed) && !isBuiltInEventType(typed) && typed.length <= 100;
  const options = offerTyped
    ? [...OPTIONS, { group: 'Use as typed', items: [{ value: TYPED, label: typed }] }]
    : OPTIONS;
  const type = custom ? values.customType.trim() : values.eventType;
  const validCustom = custom && CUSTOM_EVENT_TYPE_PATTERN.test(values.customType.trim());
  return (
    <Stack gap="sm">
      <Select
        label="Event type"
        placeholder="Search events…"
        data={options}
        value={values.eventType}
        onChange={(eventType) =>
          eventType === TYPED ? set({ eventType: CUSTOM, customType: typed }) : set({ eventType })
        }
        searchValue={search}
        onSearchChange={setSearch}
        searchable
        nothingFoundMessage="No such event. Type a custom one like webinar.attended"
        maxDropdownHeight={320}
        error={custom ? undefined : errors.eventType}
        comboboxProps={{ withinPortal: true }}
        renderOption={({ option }) => (
          <Group gap={8} justify="space-between" wrap="nowrap" w="100%">
            <Text size="sm">{option.label}</Text>
            {option.value !== CUSTOM && option.value !== TYPED && (
              <Text size="xs" c="dimmed" ff="monospace">
                {option.value}
              </Text>
            )}
          </Group>
        )}
      />
      {custom && (
        <TextInput
          label="Custom type"
          description="Lowercase words joined by dots, as your events are sent: webinar.attended"
          placeholder="webinar.attended"
          value={values.customType}
          onChange={(e) => set({ customType: e.currentTarget.value })}
          error={errors.eventType}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          autoFocus
        />
      )}
      {type && (!custom || validCustom) && (
        <Group gap={6}>
          <Badge variant="light" color={countsAsInteraction(type) ? 'teal' : 'gray'} size="sm">
            {countsAsInteraction(type) ? 'Counts as interaction' : 'Not an interaction'}
          </Badge>
          <Text size="xs" c="dimmed">
            {countsAsInteraction(type)
              ? 'These events reset inactivity rules.'
              : 'These events do not reset inactivity rules.'}
          </Text>
        </Group>
      )}
      <ConditionsBuilder
        eventType={custom ? null : values.eventType}
        conditions={values.conditions}
        onChange={(conditions) => set({ conditions })}
        errors={errors}
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <NumberInput
          label="Count at most"
          description="Times per contact; empty for no limit"
          placeholder="No limit"
          min={1}
          max={1_000_000}
          allowDecimal={false}
          allowNegative={false}
          suffix=" times"
          value={values.maxTimes}
          onChange={(maxTimes) => set({ maxTimes })}
          error={errors.maxTimes}
        />
        <NumberInput
          label="Expires after"
          description="Days until an event stops counting; empty for never"
          placeholder="Never"
          min={1}
          max={3650}
          allowDecimal={false}
          allowNegative={false}
          suffix=" days"
          value={values.expiresAfterDays}
          onChange={(expiresAfterDays) => set({ expiresAfterDays })}
          error={errors.expiresAfterDays}
        />
      </SimpleGrid>
    </Stack>
  );
}
