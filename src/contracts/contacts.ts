import { z } from 'zod';
import { CHANNELS } from '../scoring/index.ts';
import { IdSchema, InstantSchema, boundedJsonObject } from './common.ts';

const dndShape = Object.fromEntries([
  ['all', z.boolean().optional()],
  ...CHANNELS.map((c) => [c, z.boolean().optional()]),
]);

export const DndSchema = z.strictObject(
  dndShape as Record<'all' | (typeof CHANNELS)[number], z.ZodOptional<z.ZodBoolean>>,
);

export const ContactUpsertSchema = z
  .strictObject({
    name: z.string().max(200).nullable().optional(),
    email: z
      // Loose on purpose: international addresses (théo@exämple.com) are real; no spaces, one @, a dotted domain.
      .email({
        pattern: /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/u,
        error: 'must be an email address (null clears it)',
      })
      .max(320)
      .nullable()
      .optional(),
    phone: z.string().max(50).nullable().optional(),
    tags: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
    assignedTo: z.string().max(128).nullable().optional(),
    dnd: DndSchema.optional(),
    createdAt: InstantSchema.optional(),
    fields: boundedJsonObject(16_384).optional(),
  })
  .meta({ id: 'ContactUpsert' });

export const ContactScoreSchema = z.object({
  score: z.number(),
  tier: z.string(),
  version: z.number(),
  updatedAt: InstantSchema,
});

export const ConversationSchema = z
  .object({
    lastMessageAt: InstantSchema,
    lastMessageChannel: z.string().nullable(),
    lastMessageDirection: z.enum(['inbound', 'outbound']),
    lastMessageText: z.string().nullable(),
    unreadCount: z.number().int(),
  })
  .meta({ id: 'Conversation' });

export const ContactSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    tags: z.array(z.string()),
    assignedTo: z.string().nullable(),
    dnd: z.record(z.string(), z.boolean()),
    fields: z.record(z.string(), z.unknown()),
    createdAt: InstantSchema,
    updatedAt: InstantSchema,
    lastInteractionAt: InstantSchema.nullable(),
    scores: z.record(z.string(), ContactScoreSchema),
    /** The contact's message thread (null before its first message). */
    conversation: ConversationSchema.nullable(),
  })
  .meta({ id: 'Contact' });

export { IdSchema };
