import { EventBatchEnvelopeSchema, EventBatchSchema, IngestResultSchema } from '../../contracts/events.ts';
import { defineRoute } from '../http/route.ts';
import type { EventsService } from './events.service.ts';

export function eventsRoutes(events: EventsService) {
  return [
    defineRoute({
      method: 'post',
      path: '/events',
      summary: 'Ingest 1–1000 events; each bad event is rejected on its own',
      tag: 'Events',
      auth: 'account',
      body: EventBatchEnvelopeSchema,
      documentedBody: EventBatchSchema,
      responses: {
        200: { description: 'Accepted events are durable and scored', schema: IngestResultSchema },
      },
      handler: async (c, { principal, body }) =>
        c.json(await events.ingest(principal.accountId, body.events)),
    }),
  ];
}
