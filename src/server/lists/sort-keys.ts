import type { ListSort } from '../../contracts/lists.ts';

/** A row's position in a sorted list: its sort value (null: no last message) and contact id. */
export interface SortKey {
  value: number | string | null;
  id: string;
}

const descending = (sort: ListSort) =>
  sort === 'score:desc' || sort === 'lastMessageAt:desc' || sort === 'createdAt:desc';

/**
 * Orders two keys the way the list does: by value in the sort's direction (a missing last message
 * after every other, either way), then by contact id ascending.
 */
export function compareKeys(sort: ListSort, a: SortKey, b: SortKey): number {
  if (a.value !== b.value) {
    if (a.value === null) return 1;
    if (b.value === null) return -1;
    const order = a.value < b.value ? -1 : 1;
    return descending(sort) ? -order : order;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export const isScoreSort = (sort: ListSort) => sort === 'score:desc' || sort === 'score:asc';

/** The key of a non-score sort that a change log tracks. */
export function movedKey(sort: ListSort): 'lastMessageAt' | 'createdAt' | 'name' | 'score' {
  if (isScoreSort(sort)) return 'score';
  if (sort.startsWith('lastMessageAt')) return 'lastMessageAt';
  return sort === 'name:asc' ? 'name' : 'createdAt';
}
