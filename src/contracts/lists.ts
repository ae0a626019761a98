import { z } from 'zod';
import { CHANNELS } from '../scoring/index.ts';
import { LimitParam, intParam } from './common.ts';
import { ContactSchema, ConversationSchema } from './contacts.ts';

export { ConversationSchema };

/** Every sort a list takes; ties always break by contact id, ascending. */
export const SORTS = [
  'score:desc',
  'score:asc',
  'lastMessageAt:desc',
  'lastMessageAt:asc',
  'createdAt:desc',
  'name:asc',
] as const;
export type ListSort = (typeof SORTS)[number];

export const SCOPES = ['conversations', 'contacts'] as const;
export type ListScope = (typeof SCOPES)[number];

export const DEFAULT_SORT: Record<ListScope, ListSort> = {
  conversations: 'lastMessageAt:desc',
  contacts: 'createdAt:desc',
};

const SCORE_BOUND = 1e12;
/** A catalogue channel, or a custom one as message events name it (matched lowercased). */
const ChannelSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,49}$/, 'must be a channel name such as sms, email or whatsapp')
  .meta({ examples: [...CHANNELS] });
const AssignedToSchema = z
  .string()
  .min(1)
  .max(128)
  .meta({ description: 'a user id, `me` (the signed-in user) or `unassigned`' });

/** Filters as a view stores them: the list parameters' names, with typed values. */
export const ListFiltersSchema = z
  .strictObject({
    profileId: z.string().min(1).max(64).optional(),
    scoreMin: z.number().int().min(-SCORE_BOUND).max(SCORE_BOUND).optional(),
    scoreMax: z.number().int().min(-SCORE_BOUND).max(SCORE_BOUND).optional(),
    tier: z.array(z.string().min(1).max(50)).max(20).optional(),
    channel: z.array(ChannelSchema).max(20).optional(),
    assignedTo: AssignedToSchema.optional(),
    unread: z.boolean().optional(),
    tag: z.array(z.string().min(1).max(100)).max(20).optional(),
    q: z.string().min(1).max(200).optional(),
  })
  .refine((f) => f.scoreMin === undefined || f.scoreMax === undefined || f.scoreMin <= f.scoreMax, {
    message: 'must not be above scoreMax',
    path: ['scoreMin'],
  })
  .meta({ id: 'ListFilters' });
export type ListFilters = z.infer<typeof ListFiltersSchema>;

/** A query parameter that may repeat (`?tier=High&tier=Medium`). */
const repeatable = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(item).max(max).optional());

const BooleanParam = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The query string of GET /conversations and GET /contacts (and export.csv, without limit/cursor). */
export const ListFilterParams = z.strictObject({
  profileId: z.string().min(1).max(64).optional(),
  scoreMin: intParam(-SCORE_BOUND, SCORE_BOUND).optional(),
  scoreMax: intParam(-SCORE_BOUND, SCORE_BOUND).optional(),
  tier: repeatable(z.string().min(1).max(50), 20),
  channel: repeatable(ChannelSchema, 20),
  assignedTo: AssignedToSchema.optional(),
  unread: BooleanParam.optional(),
  tag: repeatable(z.string().min(1).max(100), 20),
  q: z.string().min(1).max(200).optional(),
});

export function listQuery(scope: ListScope) {
  return ListFilterParams.extend({
    sort: z.enum(SORTS).default(DEFAULT_SORT[scope]),
    limit: LimitParam,
    cursor: z.string().min(1, 'must not be empty (leave it out for the first page)').max(1000).optional(),
  });
}
export type ListQuery = z.infer<ReturnType<typeof listQuery>>;

export const ExportQuery = ListFilterParams.extend({
  sort: z.enum(SORTS).default('createdAt:desc'),
});

export const ListItemSchema = z
  .object({
    contact: ContactSchema.omit({ scores: true, conversation: true }),
    conversation: ConversationSchema.nullable(),
    score: z.object({ score: z.number(), tier: z.string(), version: z.number() }).nullable(),
  })
  .meta({ id: 'ListItem' });
