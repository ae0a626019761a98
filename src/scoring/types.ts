/** Domain types of the scoring engine. Times are integer milliseconds since the Unix epoch. */

export type Scalar = string | number | boolean;

export type ConditionOp = 'eq' | 'neq' | 'in' | 'gt' | 'gte' | 'lt' | 'lte' | 'contains' | 'exists';

/** A test on one event property (`property` may be a dot path into nested objects). */
export interface Condition {
  property: string;
  op: ConditionOp;
  value: Scalar | Scalar[];
}

/** A test on one contact attribute: `dnd.all`, `dnd.<channel>`, `tags`, `email`, `phone`, `assignedTo`, `fields.<key>`. */
export interface ContactCondition {
  field: string;
  op: ConditionOp;
  value: Scalar | Scalar[];
}

interface RuleBase {
  id: string;
  points: number;
  description?: string;
}

export interface EventRule extends RuleBase {
  kind: 'event';
  eventType: string;
  where?: Condition[];
  maxTimes?: number;
  expiresAfterDays?: number;
}

export interface InactivityRule extends RuleBase {
  kind: 'inactivity';
  days: number;
  repeat?: boolean;
}

export interface StateRule extends RuleBase {
  kind: 'state';
  when: ContactCondition;
}

export type Rule = EventRule | InactivityRule | StateRule;
export type RuleKind = Rule['kind'];

export interface Tier {
  name: string;
  minScore: number | null;
  action?: string;
}

/** What a profile's draft holds and a published version freezes. */
export interface Definition {
  rules: Rule[];
  minScore: number | null;
  maxScore: number | null;
  tiers: Tier[];
  interactionTypes?: string[];
}

export interface ContactAttributes {
  createdAt: number;
  email: string | null;
  phone: string | null;
  tags: string[];
  assignedTo: string | null;
  dnd: Record<string, boolean>;
  fields: Record<string, unknown>;
}

export interface ScoringEvent {
  type: string;
  occurredAt: number;
  properties: Record<string, unknown>;
}

export interface Adjustment {
  at: number;
  delta: number;
}

export interface BreakdownLine {
  ruleId: string;
  description: string;
  count: number;
  points: number;
}

/** A score with its explanation at one instant. */
export interface Evaluation {
  raw: number;
  score: number;
  tierIndex: number;
  breakdown: BreakdownLine[];
  manual: number;
  /** The next instant at which the score may change with no new fact, or null if never. */
  nextChangeAt: number | null;
}
