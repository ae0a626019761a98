import { z } from 'zod';
import { MAX_EVENT_TYPE_LENGTH, isKnownEventType } from '../scoring/index.ts';
import { ErrorSchema, IdSchema, InstantSchema, LimitParam, boundedJsonObject } from './common.ts';

export const MAX_PROPERTIES_BYTES = 16_384;
export const MAX_EVENTS_PER_BATCH = 1000;

export const EventInputSchema = z
  .strictObject({
    id: IdSchema.optional(),
    contactId: IdSchema.refine((id) => id !== 'export.csv', '"export.csv" is reserved'),
    type: z
      .string()
      .max(MAX_EVENT_TYPE_LENGTH)
      .refine(isKnownEventType, 'must be a catalogue event type or a custom type like "webinar.attended"'),
    occurredAt: InstantSchema.optional(),
    properties: boundedJsonObject(MAX_PROPERTIES_BYTES).optional(),
  })
  .meta({ id: 'EventInput' });

export const EventBatchSchema = z
  .strictObject({ events: z.array(EventInputSchema).min(1).max(MAX_EVENTS_PER_BATCH) })
  .meta({ id: 'EventBatch' });

/** The envelope alone: items are validated one by one so one bad event rejects only itself. */
export const EventBatchEnvelopeSchema = EventBatchSchema.extend({
  events: z
    .array(z.unknown())
    .min(1, 'must hold 1–1000 events')
    .max(MAX_EVENTS_PER_BATCH, 'must hold 1–1000 events'),
});

export const IngestResultSchema = z
  .object({
    accepted: z.number(),
    duplicates: z.number(),
    rejected: z.array(z.object({ index: z.number(), error: ErrorSchema.shape.error })),
  })
  .meta({ id: 'IngestResult' });

export const EventSchema = z
  .object({
    id: z.string(),
    contactId: z.string(),
    type: z.string(),
    occurredAt: InstantSchema,
    receivedAt: InstantSchema,
    properties: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'Event' });

export const TimelineQuery = z.strictObject({
  type: z.string().max(MAX_EVENT_TYPE_LENGTH).optional(),
  limit: LimitParam,
  cursor: z.string().max(500).optional(),
});
