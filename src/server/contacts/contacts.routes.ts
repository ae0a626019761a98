import { z } from 'zod';
import { listOf } from '../../contracts/common.ts';
import { ContactSchema, ContactUpsertSchema, IdSchema } from '../../contracts/contacts.ts';
import { ListItemSchema, listQuery } from '../../contracts/lists.ts';
import { EventSchema, TimelineQuery } from '../../contracts/events.ts';
import type { EventsService } from '../events/events.service.ts';
import { defineRoute } from '../http/route.ts';
import type { ListService } from '../lists/list.service.ts';
import { listRequest } from '../lists/list-request.ts';
import type { ContactsService } from './contacts.service.ts';

const ContactParams = z.strictObject({ id: IdSchema });

export function contactsRoutes(contacts: ContactsService, events: EventsService, lists: ListService) {
  return [
    defineRoute({
      method: 'get',
      path: '/contacts',
      summary: 'List contacts with filters, sorts and a cursor',
      tag: 'Contacts',
      auth: 'account',
      query: listQuery('contacts'),
      responses: { 200: { description: 'A page of contacts', schema: listOf(ListItemSchema) } },
      handler: async (c, { principal, query }) =>
        c.json(await lists.list(principal, listRequest('contacts', query))),
    }),
    defineRoute({
      method: 'put',
      path: '/contacts/{id}',
      summary: 'Create or update a contact (given fields replace stored ones)',
      tag: 'Contacts',
      auth: 'account',
      params: ContactParams,
      body: ContactUpsertSchema,
      responses: {
        200: { description: 'Updated', schema: ContactSchema },
        201: { description: 'Created', schema: ContactSchema },
      },
      handler: async (c, { principal, params, body }) => {
        const { created, contact } = await contacts.upsert(principal.accountId, params.id, body);
        return c.json(contact, created ? 201 : 200);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/contacts/{id}',
      summary: 'A contact with its scores on every published profile',
      tag: 'Contacts',
      auth: 'account',
      params: ContactParams,
      responses: { 200: { description: 'The contact', schema: ContactSchema } },
      handler: async (c, { principal, params }) => c.json(await contacts.get(principal.accountId, params.id)),
    }),
    defineRoute({
      method: 'delete',
      path: '/contacts/{id}',
      summary: 'Erase a contact with its events, scores and history',
      tag: 'Contacts',
      auth: 'account',
      params: ContactParams,
      responses: { 204: { description: 'Erased' } },
      handler: async (c, { principal, params }) => {
        await contacts.erase(principal.accountId, params.id);
        return c.body(null, 204);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/contacts/{id}/events',
      summary: "A contact's timeline, newest first",
      tag: 'Events',
      auth: 'account',
      params: ContactParams,
      query: TimelineQuery,
      responses: { 200: { description: 'Events', schema: listOf(EventSchema) } },
      handler: async (c, { principal, params, query }) =>
        c.json(await events.timeline(principal.accountId, params.id, query)),
    }),
  ];
}
