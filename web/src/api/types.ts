// The API's types, inferred from the same zod schemas that validate requests on the server and
// generate /api/v1/openapi.json: one source for the server, the OpenAPI document and this app.
import type { z } from 'zod';
import type { AccountSchema, ApiKeyCreatedSchema, ApiKeySchema } from '../../../src/contracts/accounts.ts';
import type { ContactSchema, ContactUpsertSchema } from '../../../src/contracts/contacts.ts';
import type { EventSchema } from '../../../src/contracts/events.ts';
import type { ListFilters, ListItemSchema, ListScope, ListSort } from '../../../src/contracts/lists.ts';
import type {
  ConditionSchema,
  ContactConditionSchema,
  DefinitionSchema,
  DistributionSchema,
  JobSchema,
  MoversSchema,
  PreviewSchema,
  ProfileCreateSchema,
  ProfilePatchSchema,
  ProfileSchema,
  RuleInputSchema,
  RuleSchema,
  TierSchema,
} from '../../../src/contracts/profiles.ts';
import type { AdjustmentSchema, HistoryItemSchema, ScoreSchema } from '../../../src/contracts/scores.ts';
import type {
  SessionCreateSchema,
  SessionSchema,
  SetupSchema,
  SetupStatusSchema,
  UserCreateSchema,
  UserSchema,
} from '../../../src/contracts/users.ts';
import type { ViewCreateSchema, ViewPatchSchema, ViewSchema } from '../../../src/contracts/views.ts';
import type {
  ActionSchema,
  RunSchema,
  ScoreConditionSchema,
  TriggerSchema,
  WorkflowCreateSchema,
  WorkflowPatchSchema,
  WorkflowSchema,
} from '../../../src/contracts/workflows.ts';

export type { ListFilters, ListScope, ListSort };
export type Account = z.output<typeof AccountSchema>;
export type ApiKey = z.output<typeof ApiKeySchema>;
export type ApiKeyCreated = z.output<typeof ApiKeyCreatedSchema>;
export type Contact = z.output<typeof ContactSchema>;
export type ContactUpsert = z.input<typeof ContactUpsertSchema>;
export type TimelineEvent = z.output<typeof EventSchema>;
export type ListItem = z.output<typeof ListItemSchema>;
export type Profile = z.output<typeof ProfileSchema>;
export type ProfileCreate = z.input<typeof ProfileCreateSchema>;
export type ProfilePatch = z.input<typeof ProfilePatchSchema>;
export type Definition = z.output<typeof DefinitionSchema>;
export type Rule = z.output<typeof RuleSchema>;
export type RuleInput = z.input<typeof RuleInputSchema>;
export type Condition = z.output<typeof ConditionSchema>;
export type ContactCondition = z.output<typeof ContactConditionSchema>;
export type Tier = z.output<typeof TierSchema>;
export type Job = z.output<typeof JobSchema>;
export type Movers = z.output<typeof MoversSchema>;
export type Preview = z.output<typeof PreviewSchema>;
export type Distribution = z.output<typeof DistributionSchema>;
export type Score = z.output<typeof ScoreSchema>;
export type HistoryItem = z.output<typeof HistoryItemSchema>;
export type Adjustment = z.input<typeof AdjustmentSchema>;
export type Session = z.output<typeof SessionSchema>;
export type SessionCreate = z.input<typeof SessionCreateSchema>;
export type Setup = z.input<typeof SetupSchema>;
export type SetupStatus = z.output<typeof SetupStatusSchema>;
export type User = z.output<typeof UserSchema>;
export type UserCreate = z.input<typeof UserCreateSchema>;
export type View = z.output<typeof ViewSchema>;
export type ViewCreate = z.input<typeof ViewCreateSchema>;
export type ViewPatch = z.input<typeof ViewPatchSchema>;
export type Workflow = z.output<typeof WorkflowSchema>;
export type WorkflowCreate = z.input<typeof WorkflowCreateSchema>;
export type WorkflowPatch = z.input<typeof WorkflowPatchSchema>;
export type WorkflowTrigger = z.output<typeof TriggerSchema>;
export type WorkflowAction = z.output<typeof ActionSchema>;
/** A workflow condition: a ScoreCondition on the new score, or a ContactCondition. */
export type WorkflowCondition = z.output<typeof ScoreConditionSchema> | ContactCondition;
export type WorkflowRun = z.output<typeof RunSchema>;
export type WorkflowRunStatus = WorkflowRun['status'];
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
