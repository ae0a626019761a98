import { useCallback } from 'react';
import { useUsers } from '../../api/queries.ts';

/** Looks up a user's name by id, for rules about the assigned user. */
export function useUserNames(): (id: string) => string | undefined {
  const users = useUsers();
  const list = users.data;
  return useCallback((id: string) => list?.find((u) => u.id === id)?.name, [list]);
}
