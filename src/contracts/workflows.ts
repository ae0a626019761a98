import { z } from 'zod';
import { IdSchema, InstantSchema, LimitParam } from './common.ts';
import { ContactConditionSchema, JobSchema } from './profiles.ts';

const ScoreValue = z.number().int('must be an integer').min(-1e9).max(1e9);
const TierName = z.string().trim().min(1).max(50);

export const TriggerSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('score.changed'), profileId: IdSchema }),
    z.strictObject({
      type: z.literal('score.crossed'),
      profileId: IdSchema,
      threshold: ScoreValue,
      direction: z.enum(['up', 'down']),
    }),
    z
      .strictObject({
        type: z.literal('tier.changed'),
        profileId: IdSchema,
        toTier: TierName.optional(),
        fromTier: TierName.optional(),
      })
      .refine((t) => t.toTier === undefined || t.toTier.toLowerCase() !== t.fromTier?.toLowerCase(), {
        path: ['toTier'],
        message: 'must differ from fromTier (a tier change never goes from a tier to itself)',
      }),
  ])
  .meta({
    id: 'WorkflowTrigger',
    description:
      "score.changed: any change of the profile's score; score.crossed: up when previous < threshold ≤ new, down when previous ≥ threshold > new (a first score crosses every threshold it is at or above, upward); tier.changed: the tier name changed (optionally to or from a named tier).",
  });

export const ScoreConditionSchema = z
  .strictObject({
    field: z.literal('score'),
    op: z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte']),
    value: ScoreValue,
  })
  .meta({ id: 'ScoreCondition', description: "The contact's new score under the trigger's profile" });

export type WorkflowCondition = z.infer<typeof ScoreConditionSchema> | z.infer<typeof ContactConditionSchema>;

/**
 * A workflow condition: `{field: "score", …}` on the new score, or a ContactCondition on the contact's
 * attributes. Checked by the schema its field selects, so errors name the real problem.
 */
export const WorkflowConditionSchema = z
  .strictObject({ field: z.string(), op: z.string(), value: z.unknown() })
  .superRefine((condition, ctx) => {
    const schema = condition.field === 'score' ? ScoreConditionSchema : ContactConditionSchema;
    const parsed = schema.safeParse(condition);
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: 'custom', path: issue.path as PropertyKey[], message: issue.message });
  })
  .meta({
    id: 'WorkflowCondition',
    description: 'A ScoreCondition (field "score") or a ContactCondition; all conditions must hold',
  }) as unknown as z.ZodType<WorkflowCondition>;

const WebhookUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

export const WebhookActionSchema = z.strictObject({
  type: z.literal('webhook'),
  url: z.string().max(2000).pipe(WebhookUrl),
  /** HMAC-SHA256 key for X-Tally-Signature; Tally generates one when it is left out. */
  secret: z.string().min(16, 'must be at least 16 characters').max(200).optional(),
});

const Note = z.string().max(1000);

export const ScoreAdjustActionSchema = z
  .strictObject({
    type: z.literal('score.adjust'),
    profileId: IdSchema,
    delta: ScoreValue.optional(),
    set: ScoreValue.optional(),
    note: Note.optional(),
  })
  .superRefine((a, ctx) => {
    if ((a.delta === undefined) === (a.set === undefined))
      ctx.addIssue({ code: 'custom', path: ['delta'], message: 'give exactly one of delta or set' });
    if (a.delta === 0) ctx.addIssue({ code: 'custom', path: ['delta'], message: 'must not be zero' });
  });

export const ActionSchema = z
  .discriminatedUnion('type', [
    WebhookActionSchema,
    z.strictObject({ type: z.literal('tag.add'), tag: z.string().trim().min(1).max(100) }),
    z.strictObject({ type: z.literal('tag.remove'), tag: z.string().trim().min(1).max(100) }),
    z.strictObject({ type: z.literal('assign'), userId: IdSchema }),
    ScoreAdjustActionSchema,
  ])
  .meta({ id: 'WorkflowAction' });

const NameSchema = z.string().trim().min(1).max(100);
const Conditions = z.array(WorkflowConditionSchema).max(20);
const Actions = z.array(ActionSchema).min(1, 'must have at least one action').max(10);

export const WorkflowCreateSchema = z
  .strictObject({
    name: NameSchema,
    description: z.string().max(500).optional(),
    enabled: z.boolean().default(true),
    trigger: TriggerSchema,
    conditions: Conditions.default([]),
    actions: Actions,
    /** Also fire once, now, for contacts that already meet the trigger (and the conditions). */
    applyToExisting: z.boolean().optional(),
  })
  .refine((w) => !(w.applyToExisting && !w.enabled), {
    path: ['applyToExisting'],
    message: 'needs enabled: true (a workflow that is off applies to nobody)',
  })
  .meta({ id: 'WorkflowCreate' });

export const WorkflowPatchSchema = z
  .strictObject({
    name: NameSchema.optional(),
    description: z.string().max(500).optional(),
    enabled: z.boolean().optional(),
    trigger: TriggerSchema.optional(),
    conditions: Conditions.optional(),
    actions: Actions.optional(),
  })
  .meta({ id: 'WorkflowPatch' });

export const WorkflowSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    enabled: z.boolean(),
    trigger: TriggerSchema,
    conditions: z.array(WorkflowConditionSchema),
    /** Webhook secrets are shown to admins and API keys; members see them masked. */
    actions: z.array(ActionSchema),
    createdAt: InstantSchema,
    updatedAt: InstantSchema,
    /** Only in the answer to a create with applyToExisting: the job doing it (GET /jobs/{id} follows it). */
    applyingToExisting: JobSchema.optional(),
  })
  .meta({ id: 'Workflow' });

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;

const ScoreAndTier = z.object({ score: z.number().nullable(), tier: z.string().nullable() });

export const AttemptSchema = z
  .object({
    attempt: z.number().int(),
    at: InstantSchema,
    durationMs: z.number().int(),
    statusCode: z.number().int().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'WorkflowAttempt' });

export const RunSchema = z
  .object({
    id: z.string(),
    /** The decision this run carries out; a webhook's body `id`, the same on every retry. */
    decisionId: z.string(),
    workflowId: z.string(),
    contactId: z.string(),
    profileId: z.string(),
    trigger: z.enum(['score.changed', 'score.crossed', 'tier.changed']),
    previous: ScoreAndTier,
    current: ScoreAndTier,
    /** What caused the score change (the history reason), or "existing" for applyToExisting. */
    cause: z.string(),
    action: ActionSchema,
    status: z.enum(RUN_STATUSES),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    lastDurationMs: z.number().int().nullable(),
    nextAttemptAt: InstantSchema.nullable(),
    createdAt: InstantSchema,
    finishedAt: InstantSchema.nullable(),
    /** The latest attempts, newest first (at most 20). */
    attemptLog: z.array(AttemptSchema),
  })
  .meta({ id: 'WorkflowRun' });

export const WorkflowParams = z.strictObject({ id: IdSchema });
export const RunParams = z.strictObject({ id: IdSchema, runId: IdSchema });

export const WorkflowListQuery = z.strictObject({
  limit: LimitParam,
  cursor: z.string().max(500).optional(),
});

export const RunListQuery = z.strictObject({
  status: z.enum(RUN_STATUSES).optional(),
  limit: LimitParam,
  cursor: z.string().max(500).optional(),
});

export type Trigger = z.infer<typeof TriggerSchema>;
export type Action = z.infer<typeof ActionSchema>;
export type WorkflowCreate = z.infer<typeof WorkflowCreateSchema>;
export type WorkflowPatch = z.infer<typeof WorkflowPatchSchema>;
