import { z } from 'zod';
import { CHANNELS, MAX_EVENT_TYPE_LENGTH, isKnownEventType } from '../scoring/index.ts';
import { InstantSchema, intParam } from './common.ts';

const ScalarSchema = z.union([z.string().max(500), z.number(), z.boolean()]);
const OpSchema = z.enum(['eq', 'neq', 'in', 'gt', 'gte', 'lt', 'lte', 'contains', 'exists']);

/** Checks that a condition's value has the shape its operator needs. */
function checkOpValue(op: z.infer<typeof OpSchema>, value: unknown, ctx: z.core.$RefinementCtx): void {
  const fail = (message: string) => ctx.addIssue({ code: 'custom', path: ['value'], message });
  switch (op) {
    case 'in':
      if (!Array.isArray(value) || value.length === 0 || value.length > 100)
        fail('must be a list of 1–100 values for op "in"');
      break;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (typeof value !== 'number') fail(`must be a number for op "${op}"`);
      break;
    case 'contains':
      if (typeof value !== 'string' || value.length === 0)
        fail('must be a non-empty string for op "contains"');
      break;
    case 'exists':
      if (typeof value !== 'boolean') fail('must be true or false for op "exists"');
      break;
    default:
      if (Array.isArray(value)) fail(`must be a single value for op "${op}"`);
  }
}

const ValueSchema = z.union([ScalarSchema, z.array(ScalarSchema).max(100)]);

export const ConditionSchema = z
  .strictObject({ property: z.string().min(1).max(200), op: OpSchema, value: ValueSchema })
  .superRefine((c, ctx) => checkOpValue(c.op, c.value, ctx))
  .meta({ id: 'Condition' });

const CONTACT_FIELD = new RegExp(
  `^(dnd\\.(all|${CHANNELS.join('|')})|tags|email|phone|assignedTo|fields\\.[A-Za-z0-9_.-]{1,100})$`,
);

export const ContactConditionSchema = z
  .strictObject({
    field: z
      .string()
      .regex(CONTACT_FIELD, 'must be dnd.all, dnd.<channel>, tags, email, phone, assignedTo or fields.<key>'),
    op: OpSchema,
    value: ValueSchema,
  })
  .superRefine((c, ctx) => {
    checkOpValue(c.op, c.value, ctx);
    if (c.field === 'tags' && !['contains', 'in', 'neq', 'exists', 'eq'].includes(c.op))
      ctx.addIssue({
        code: 'custom',
        path: ['op'],
        message: 'tags supports contains, eq, in, neq and exists',
      });
  })
  .meta({ id: 'ContactCondition' });

const EventTypeSchema = z
  .string()
  .max(MAX_EVENT_TYPE_LENGTH)
  .refine(isKnownEventType, 'must be a catalogue event type or a custom type like "webinar.attended"');

const Points = z
  .number()
  .int('must be an integer')
  .min(-10000)
  .max(10000)
  .refine((p) => p !== 0, 'must not be zero');
const RuleId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 characters of A-Z a-z 0-9 _ -');
const Description = z.string().max(500);

export const EventRuleSchema = z.strictObject({
  id: RuleId.optional(),
  kind: z.literal('event'),
  eventType: EventTypeSchema,
  where: z.array(ConditionSchema).max(10).optional(),
  points: Points,
  maxTimes: z.number().int().min(1).max(1_000_000).optional(),
  expiresAfterDays: z.number().int().min(1).max(3650).optional(),
  description: Description.optional(),
});

export const InactivityRuleSchema = z.strictObject({
  id: RuleId.optional(),
  kind: z.literal('inactivity'),
  days: z.number().int().min(1).max(3650),
  repeat: z.boolean().optional(),
  points: Points,
  description: Description.optional(),
});

export const StateRuleSchema = z.strictObject({
  id: RuleId.optional(),
  kind: z.literal('state'),
  when: ContactConditionSchema,
  points: Points,
  description: Description.optional(),
});

export const RuleInputSchema = z
  .discriminatedUnion('kind', [EventRuleSchema, InactivityRuleSchema, StateRuleSchema])
  .meta({ id: 'Rule' });

/** A partial rule for PATCH …/rules/{ruleId}: fields given replace the stored ones; the kind cannot change. */
export const RulePatchSchema = z.record(z.string(), z.unknown());

export const TierSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(50),
    minScore: z.number().int().min(-1e9).max(1e9).nullable(),
    action: z.string().max(200).optional(),
  })
  .meta({ id: 'Tier' });

const Bound = z.number().int().min(-1e9).max(1e9).nullable();

export const TiersSchema = z
  .array(TierSchema)
  .min(1)
  .max(10)
  .superRefine((tiers, ctx) => {
    const names = new Set<string>();
    tiers.forEach((tier, i) => {
      const key = tier.name.toLowerCase();
      if (names.has(key))
        ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'tier names must be unique' });
      names.add(key);
      const last = i === tiers.length - 1;
      if (last && tier.minScore !== null)
        ctx.addIssue({
          code: 'custom',
          path: [i, 'minScore'],
          message: 'the last tier must have minScore null (catch-all)',
        });
      if (!last && tier.minScore === null)
        ctx.addIssue({
          code: 'custom',
          path: [i, 'minScore'],
          message: 'only the last tier may have minScore null',
        });
      const previous = tiers[i - 1]?.minScore;
      if (
        i > 0 &&
        tier.minScore !== null &&
        previous !== null &&
        previous !== undefined &&
        tier.minScore >= previous
      )
        ctx.addIssue({
          code: 'custom',
          path: [i, 'minScore'],
          message: 'tiers must be in descending order of minScore',
        });
    });
  });

const definitionFields = {
  rules: z.array(RuleInputSchema).max(100),
  minScore: Bound,
  maxScore: Bound,
  tiers: TiersSchema,
  interactionTypes: z.array(EventTypeSchema).max(100),
};

export const ProfileCreateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).optional(),
    rules: definitionFields.rules.optional(),
    minScore: definitionFields.minScore.optional(),
    maxScore: definitionFields.maxScore.optional(),
    tiers: definitionFields.tiers.optional(),
    interactionTypes: definitionFields.interactionTypes.optional(),
  })
  .meta({ id: 'ProfileCreate' });

export const ProfilePatchSchema = ProfileCreateSchema.partial()
  .extend({ interactionTypes: definitionFields.interactionTypes.nullable().optional() })
  .meta({ id: 'ProfilePatch' });

export const RuleSchema = z.union([
  EventRuleSchema.required({ id: true }),
  InactivityRuleSchema.required({ id: true }),
  StateRuleSchema.required({ id: true }),
]);

export const DefinitionSchema = z
  .object({
    rules: z.array(RuleSchema),
    minScore: Bound,
    maxScore: Bound,
    tiers: z.array(TierSchema),
    interactionTypes: z.array(z.string()).optional(),
  })
  .meta({ id: 'Definition' });

export const JobSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed']),
    progress: z.object({ done: z.number(), total: z.number() }),
    createdAt: InstantSchema,
    startedAt: InstantSchema.optional(),
    finishedAt: InstantSchema.optional(),
    error: z.string().optional(),
  })
  .meta({ id: 'Job' });

export const ProfileSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    status: z.enum(['draft', 'published']),
    draft: DefinitionSchema,
    published: z
      .object({ version: z.number(), definition: DefinitionSchema, publishedAt: InstantSchema })
      .nullable(),
    hasUnpublishedChanges: z.boolean(),
    publishing: JobSchema.nullable(),
    createdAt: InstantSchema,
    updatedAt: InstantSchema,
  })
  .meta({ id: 'Profile' });

export const PreviewSchema = z.object({
  contacts: z.number(),
  histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number(), current: z.number() })),
  tiers: z.array(z.object({ name: z.string(), current: z.number(), proposed: z.number() })),
  tierChanges: z.number(),
});

export const DistributionSchema = z.object({
  version: z.number(),
  contacts: z.number(),
  histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number() })),
  tiers: z.array(
    z.object({
      name: z.string(),
      minScore: z.number().nullable(),
      action: z.string().nullable(),
      count: z.number(),
    }),
  ),
});

export const MoversQuery = z.strictObject({
  days: intParam(1, 90).default(7),
  limit: intParam(1, 50).default(10),
});

const MoverSchema = z.object({
  contactId: z.string(),
  name: z.string().nullable(),
  /** The score at the start of the window, or the first score the contact got within it. */
  from: z.number(),
  to: z.number(),
  change: z.number(),
  tier: z.string(),
});

/** The contacts whose score rose and fell most over the last `days` days, on the published version. */
export const MoversSchema = z
  .object({
    version: z.number(),
    since: InstantSchema,
    up: z.array(MoverSchema),
    down: z.array(MoverSchema),
  })
  .meta({ id: 'Movers' });
