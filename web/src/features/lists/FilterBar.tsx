import { Button, Group } from '@mantine/core';
import { IconPointFilled } from '@tabler/icons-react';
import type { ListFilters, ListScope, Profile, Tier } from '../../api/types.ts';
import { AssignedFilter } from './AssignedFilter.tsx';
import { ChannelFilter } from './ChannelFilter.tsx';
import { FilterToggleChip } from './FilterChip.tsx';
import { ScoreFilter } from './ScoreFilter.tsx';
import { TagsFilter } from './TagsFilter.tsx';
import { hasNarrowingFilters } from './scope.ts';

type Patch = (patch: Partial<ListFilters>, options?: { replace?: boolean }) => void;

/**
 * The quick filters of a list. They combine; each shows its value and can be cleared on its own,
 * and "Clear all" clears them together. The inbox has channel and unread, contacts have tags.
 */
export function FilterBar({
  scope,
  filters,
  tiers,
  published,
  profileId,
  onChange,
  onClearAll,
  tagSuggestions = [],
}: {
  scope: ListScope;
  filters: ListFilters;
  tiers: readonly Tier[];
  published: readonly Profile[];
  /** The profile the list shows scores of. */
  profileId: string | null;
  onChange: Patch;
  onClearAll: () => void;
  tagSuggestions?: string[];
}) {
  const noScores = published.length === 0 ? 'Publish a score profile to filter by score' : null;
  return (
    <Group gap={6} wrap="wrap">
      <ScoreFilter
        filters={filters}
        tiers={tiers}
        onChange={onChange}
        disabledReason={noScores}
        published={published}
        profileId={profileId}
      />
      {scope === 'conversations' && <ChannelFilter value={filters.channel} onChange={onChange} />}
      <AssignedFilter value={filters.assignedTo} onChange={onChange} />
      {scope === 'conversations' && (
        <FilterToggleChip
          label="Unread"
          active={!!filters.unread}
          onChange={(unread) => onChange({ unread: unread || undefined })}
          icon={
            <IconPointFilled size={14} aria-hidden style={{ color: 'var(--mantine-color-blue-filled)' }} />
          }
        />
      )}
      {scope === 'contacts' && (
        <TagsFilter value={filters.tag} suggestions={tagSuggestions} onChange={onChange} />
      )}
      {hasNarrowingFilters(filters) && (
        <Button variant="subtle" size="compact-sm" color="gray" onClick={onClearAll}>
          Clear all
        </Button>
      )}
    </Group>
  );
}
