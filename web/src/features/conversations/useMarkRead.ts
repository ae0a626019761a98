import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { call } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { Contact, ListItem } from '../../api/types.ts';
import { notifyError } from '../../ui/notify.ts';
import { patchListItem } from '../lists/useListQuery.ts';

function withRead(item: ListItem): ListItem {
  return item.conversation ? { ...item, conversation: { ...item.conversation, unreadCount: 0 } } : item;
}

/**
 * Opening a conversation with unread messages marks it read: the row updates at once (every loaded
 * inbox list), the server is told, and the row comes back if that fails.
 */
export function useMarkRead() {
  const queryClient = useQueryClient();
  const pending = useRef(new Set<string>());
  const mutation = useMutation({
    mutationFn: (contactId: string) =>
      call('POST /conversations/{contactId}/read', { params: { contactId } }),
    onMutate: (contactId) => {
      patchListItem(queryClient, 'conversations', contactId, withRead);
      queryClient.setQueryData<Contact>(keys.contact(contactId), (c) =>
        c?.conversation ? { ...c, conversation: { ...c.conversation, unreadCount: 0 } } : c,
      );
    },
    onError: (error) => {
      notifyError(error, 'Could not mark the conversation read');
      void queryClient.invalidateQueries({ queryKey: keys.list('conversations') });
    },
    onSettled: (_, __, contactId) => pending.current.delete(contactId),
  });
  const { mutate } = mutation;
  return useCallback(
    (contactId: string | null, unreadCount: number | undefined) => {
      if (!contactId || !unreadCount || pending.current.has(contactId)) return;
      pending.current.add(contactId);
      mutate(contactId);
    },
    [mutate],
  );
}
