import { z } from 'zod';
import { IdSchema, listOf } from '../../contracts/common.ts';
import { ConversationSchema, ListItemSchema, listQuery } from '../../contracts/lists.ts';
import { defineRoute } from '../http/route.ts';
import type { ListService } from '../lists/list.service.ts';
import { listRequest } from '../lists/list-request.ts';
import type { ConversationsService } from './conversations.service.ts';

export function conversationsRoutes(lists: ListService, conversations: ConversationsService) {
  return [
    defineRoute({
      method: 'get',
      path: '/conversations',
      summary: 'The inbox: conversations with filters, sorts and a snapshot-stable cursor',
      tag: 'Conversations',
      auth: 'account',
      query: listQuery('conversations'),
      responses: { 200: { description: 'A page of conversations', schema: listOf(ListItemSchema) } },
      handler: async (c, { principal, query }) =>
        c.json(await lists.list(principal, listRequest('conversations', query))),
    }),
    defineRoute({
      method: 'post',
      path: '/conversations/{contactId}/read',
      summary: "Marks a contact's conversation read (clears its unread count)",
      tag: 'Conversations',
      auth: 'account',
      params: z.strictObject({ contactId: IdSchema }),
      responses: { 200: { description: 'The conversation, read', schema: ConversationSchema } },
      handler: async (c, { principal, params }) =>
        c.json(await conversations.markRead(principal.accountId, params.contactId)),
    }),
  ];
}
