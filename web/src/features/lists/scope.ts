import type { ListFilters, ListScope, ListSort, View } from '../../api/types.ts';

/** Words that change between the inbox and the contacts screen. */
export interface ScopeCopy {
  /** The unfiltered list's name in the sidebar. */
  allLabel: string;
  /** The sidebar nav's accessible name. */
  navLabel: string;
  /** What a saved list is called: view / smart list. */
  viewNoun: string;
  saveLabel: string;
  /** An example name for the save dialog. */
  example: string;
  defaultSort: ListSort;
  sorts: readonly { value: ListSort; label: string }[];
}

export const SCOPES: Record<ListScope, ScopeCopy> = {
  conversations: {
    allLabel: 'Inbox',
    navLabel: 'Views',
    viewNoun: 'view',
    saveLabel: 'Save as view',
    example: 'e.g. Hot leads on SMS',
    defaultSort: 'lastMessageAt:desc',
    sorts: [
      { value: 'lastMessageAt:desc', label: 'Latest' },
      { value: 'lastMessageAt:asc', label: 'Oldest' },
      { value: 'score:desc', label: 'Score high → low' },
      { value: 'score:asc', label: 'Score low → high' },
    ],
  },
  contacts: {
    allLabel: 'All contacts',
    navLabel: 'Smart lists',
    viewNoun: 'smart list',
    saveLabel: 'Save as smart list',
    example: 'e.g. VIP customers',
    defaultSort: 'createdAt:desc',
    sorts: [
      { value: 'createdAt:desc', label: 'Newest' },
      { value: 'name:asc', label: 'Name A→Z' },
      { value: 'score:desc', label: 'Score high → low' },
      { value: 'score:asc', label: 'Score low → high' },
    ],
  },
};

export function sortLabel(scope: ListScope, sort: ListSort): string {
  return SCOPES[scope].sorts.find((s) => s.value === sort)?.label ?? sort;
}

export function isScoreSort(sort: ListSort): boolean {
  return sort === 'score:desc' || sort === 'score:asc';
}

/** Filters with empty values dropped and lists sorted, so two equal filter sets compare equal. */
export function normalizeFilters(filters: ListFilters): ListFilters {
  const out: ListFilters = {};
  const list = (values: string[] | undefined) =>
    values?.length ? [...new Set(values)].sort((a, b) => a.localeCompare(b)) : undefined;
  if (filters.profileId) out.profileId = filters.profileId;
  if (filters.scoreMin !== undefined) out.scoreMin = filters.scoreMin;
  if (filters.scoreMax !== undefined) out.scoreMax = filters.scoreMax;
  const tier = list(filters.tier);
  if (tier) out.tier = tier;
  const channel = list(filters.channel);
  if (channel) out.channel = channel;
  if (filters.assignedTo) out.assignedTo = filters.assignedTo;
  if (filters.unread) out.unread = true;
  const tag = list(filters.tag);
  if (tag) out.tag = tag;
  if (filters.q?.trim()) out.q = filters.q.trim();
  return out;
}

/** Whether any filter narrows the list (the score profile alone does not). */
export function hasNarrowingFilters(filters: ListFilters): boolean {
  const { profileId: _profile, ...rest } = normalizeFilters(filters);
  return Object.keys(rest).length > 0;
}

/** Whether the list on screen differs from what the view saved. */
export function differsFromView(view: View, filters: ListFilters, sort: ListSort): boolean {
  return (
    view.sort !== sort ||
    JSON.stringify(normalizeFilters(view.filters)) !== JSON.stringify(normalizeFilters(filters))
  );
}
