import { Chip, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import type { ListFilters, Profile, Tier } from '../../api/types.ts';
import { scoreText } from '../../ui/format.ts';
import { FilterPopoverChip } from './FilterChip.tsx';
import classes from './lists.module.css';
import { useLocalValue } from './useLocalValue.ts';

type Patch = (patch: Partial<ListFilters>, options?: { replace?: boolean }) => void;

export function scoreFilterText(filters: ListFilters, profileName?: string | null): string | null {
  const { scoreMin: min, scoreMax: max, tier } = filters;
  const parts: string[] = [];
  if (profileName) parts.push(profileName);
  if (min !== undefined && max !== undefined) parts.push(`${scoreText(min)}–${scoreText(max)}`);
  else if (min !== undefined) parts.push(`≥ ${scoreText(min)}`);
  else if (max !== undefined) parts.push(`≤ ${scoreText(max)}`);
  if (tier?.length) parts.push(tier.length <= 2 ? tier.join(', ') : `${tier.length} tiers`);
  return parts.length ? parts.join(' · ') : null;
}

function toInt(value: string | number): number | undefined {
  if (value === '' || value === '-') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : undefined;
}

/** A tier's score range in words: "50 and above", "20–49", "below 1". */
function tierRange(tiers: readonly Tier[], index: number): string {
  const tier = tiers[index];
  const above = tiers[index - 1];
  if (!tier) return '';
  const upper = above?.minScore ?? null;
  if (tier.minScore === null) return upper === null ? 'every score' : `below ${scoreText(upper)}`;
  if (upper === null) return `${scoreText(tier.minScore)} and above`;
  return `${scoreText(tier.minScore)}–${scoreText(upper - 1)}`;
}

/** Engagement Score: a min/max range and the profile's tiers, combinable. */
export function ScoreFilter({
  filters,
  tiers,
  onChange,
  disabledReason,
  published,
  profileId,
}: {
  filters: ListFilters;
  tiers: readonly Tier[];
  onChange: Patch;
  disabledReason?: string | null;
  /** Published profiles: with more than one, the popover offers which profile scores the list. */
  published: readonly Profile[];
  /** The profile the list is scored by. */
  profileId: string | null;
}) {
  const chosenName = published.find((p) => p.id === profileId)?.name ?? null;
  const [tierValue, setTierValue] = useLocalValue(filters.tier ?? []);
  const [min, setMin] = useState<string | number>(filters.scoreMin ?? '');
  const [max, setMax] = useState<string | number>(filters.scoreMax ?? '');
  // The URL changed elsewhere (Clear all, a view opened): show it.
  useEffect(() => setMin(filters.scoreMin ?? ''), [filters.scoreMin]);
  useEffect(() => setMax(filters.scoreMax ?? ''), [filters.scoreMax]);

  const lo = toInt(min);
  const hi = toInt(max);
  const crossed = lo !== undefined && hi !== undefined && lo > hi;
  const commit = useDebouncedCallback(
    (nextMin: number | undefined, nextMax: number | undefined) => {
      if (nextMin !== undefined && nextMax !== undefined && nextMin > nextMax) return;
      onChange({ scoreMin: nextMin, scoreMax: nextMax }, { replace: true });
    },
    { delay: 400, flushOnUnmount: true },
  );

  return (
    <FilterPopoverChip
      label="Engagement Score"
      value={scoreFilterText(filters, filters.profileId ? chosenName : null)}
      onClear={() =>
        onChange({ scoreMin: undefined, scoreMax: undefined, tier: undefined, profileId: undefined })
      }
      clearLabel="Clear score filter"
      disabledReason={disabledReason}
      width={320}
    >
      <Stack gap="md">
        {published.length > 1 && (
          <Select
            label="Score profile"
            size="sm"
            allowDeselect={false}
            data={published.map((p) => ({ value: p.id, label: p.name }))}
            value={profileId}
            // Tiers belong to a profile: another profile's tiers would not match.
            onChange={(id) => id && onChange({ profileId: id, tier: undefined })}
            comboboxProps={{ withinPortal: false }}
          />
        )}
        <Group gap="xs" grow align="flex-start">
          <NumberInput
            label="Minimum score"
            placeholder="Any"
            size="sm"
            allowDecimal={false}
            value={min}
            onChange={(v) => {
              setMin(v);
              commit(toInt(v), hi);
            }}
            onKeyDown={(e) => e.key === 'Enter' && commit.flush()}
            error={crossed ? 'Above the maximum' : undefined}
          />
          <NumberInput
            label="Maximum score"
            placeholder="Any"
            size="sm"
            allowDecimal={false}
            value={max}
            onChange={(v) => {
              setMax(v);
              commit(lo, toInt(v));
            }}
            onKeyDown={(e) => e.key === 'Enter' && commit.flush()}
          />
        </Group>
        {tiers.length > 0 && (
          <fieldset style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
            <Text component="legend" size="sm" fw={500} mb={6} p={0}>
              Tiers
            </Text>
            <Chip.Group
              multiple
              value={tierValue}
              onChange={(tier) => {
                setTierValue(tier);
                onChange({ tier: tier.length ? tier : undefined });
              }}
            >
              <Group gap={6}>
                {tiers.map((tier, index) => (
                  <Chip
                    key={tier.name}
                    value={tier.name}
                    size="sm"
                    title={tierRange(tiers, index)}
                    classNames={{ root: classes.tierChip, input: classes.tierChipInput }}
                  >
                    {tier.name}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
            <Text size="xs" c="dimmed" mt={8}>
              Tiers and the range combine: a contact must match both.
            </Text>
          </fieldset>
        )}
      </Stack>
    </FilterPopoverChip>
  );
}
