import { z } from 'zod';
import { InstantSchema } from './common.ts';

export const ScoreQuery = z.strictObject({ at: InstantSchema.optional() });

export const ScoreSchema = z
  .object({
    score: z.number(),
    raw: z.number(),
    tier: z.object({ name: z.string(), action: z.string().nullable() }),
    version: z.number(),
    breakdown: z.array(
      z.object({ ruleId: z.string(), description: z.string(), count: z.number(), points: z.number() }),
    ),
    manual: z.number(),
    nextChangeAt: InstantSchema.nullable(),
    computedAt: InstantSchema,
  })
  .meta({ id: 'Score' });

export const HistoryItemSchema = z
  .object({
    at: InstantSchema,
    from: z.number().nullable(),
    to: z.number(),
    reason: z.object({
      kind: z.enum(['event', 'time', 'manual', 'attributes', 'publish']),
      eventId: z.string().optional(),
      ruleIds: z.array(z.string()).optional(),
      userId: z.string().optional(),
      apiKeyId: z.string().optional(),
      /** The workflow whose action made this change (manual or attributes). */
      workflowId: z.string().optional(),
      note: z.string().optional(),
      version: z.number().optional(),
    }),
  })
  .meta({ id: 'HistoryItem' });

const SafeInt = z.number().int('must be an integer').min(-1e9).max(1e9);

export const AdjustmentSchema = z
  .strictObject({ delta: SafeInt.optional(), set: SafeInt.optional(), note: z.string().max(1000).optional() })
  .superRefine((a, ctx) => {
    if ((a.delta === undefined) === (a.set === undefined))
      ctx.addIssue({ code: 'custom', path: ['delta'], message: 'give exactly one of delta or set' });
  })
  .meta({ id: 'Adjustment' });
