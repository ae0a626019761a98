// The workflow editor's values, how a workflow becomes them and back, and the checks that mirror the
// contract (src/contracts/workflows.ts) with messages for people. Errors are keyed by the contract's
// paths ("trigger.threshold", "actions.0.url"), so the server's details land on the same fields.
// Pure: no React.
import type {
  Profile,
  Tier,
  Workflow,
  WorkflowAction,
  WorkflowCondition,
  WorkflowCreate,
  WorkflowTrigger,
} from '../../../api/types.ts';
import { type ConditionValues, emptyValues, ruleOf, valuesOf } from '../../scoring/rule-form/form-values.ts';

export type TriggerType = Workflow['trigger']['type'];
export type ActionType = WorkflowAction['type'];
export type ScoreOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte';
export type Errors = Record<string, string>;

export interface ConditionDraft {
  key: string;
  /** "score": the new score; otherwise a contact attribute as the scoring rule form edits it. */
  field: string | null;
  scoreOp: ScoreOp;
  scoreValue: number | string;
  fieldKey: string;
  when: ConditionValues;
}

export interface ActionDraft {
  key: string;
  type: ActionType;
  url: string;
  secret: string;
  tag: string;
  userId: string | null;
  profileId: string | null;
  mode: 'add' | 'subtract' | 'set';
  amount: number | string;
  note: string;
}

export interface WorkflowDraft {
  name: string;
  description: string;
  enabled: boolean;
  triggerType: TriggerType;
  profileId: string | null;
  threshold: number | string;
  direction: 'up' | 'down';
  fromTier: string | null;
  toTier: string | null;
  conditions: ConditionDraft[];
  actions: ActionDraft[];
  applyToExisting: boolean;
}

export const SCORE_FIELD = 'score';
export const MAX_CONDITIONS = 20;
export const MAX_ACTIONS = 10;
const SCORE_LIMIT = 1e9;

let counter = 0;
const nextKey = () => {
  counter += 1;
  return `w${counter}`;
};

/** A state rule's form values, which the scoring feature's field pickers edit and check. */
const stateValues = (c: ConditionDraft) => ({
  ...emptyValues('state'),
  points: 1,
  field: c.field,
  fieldKey: c.fieldKey,
  when: c.when,
});

export function emptyCondition(field: string | null = SCORE_FIELD): ConditionDraft {
  const base = stateValues({ field: 'tags' } as ConditionDraft);
  return {
    key: nextKey(),
    field,
    scoreOp: 'gte',
    scoreValue: '',
    fieldKey: '',
    when: { ...base.when, op: 'contains', valueType: 'text' },
  };
}

export function emptyAction(type: ActionType, profileId: string | null = null): ActionDraft {
  return {
    key: nextKey(),
    type,
    url: '',
    secret: '',
    tag: '',
    userId: null,
    profileId,
    mode: 'add',
    amount: '',
    note: '',
  };
}

export function emptyDraft(profileId: string | null = null): WorkflowDraft {
  return {
    name: '',
    description: '',
    enabled: true,
    triggerType: 'score.crossed',
    profileId,
    threshold: 50,
    direction: 'up',
    fromTier: null,
    toTier: null,
    conditions: [],
    actions: [emptyAction('webhook', profileId)],
    applyToExisting: false,
  };
}

function conditionDraft(condition: WorkflowCondition): ConditionDraft {
  if (condition.field === SCORE_FIELD)
    return { ...emptyCondition(), scoreOp: condition.op as ScoreOp, scoreValue: condition.value as number };
  const values = valuesOf({ kind: 'state', when: condition, points: 1 } as never);
  return { ...emptyCondition(values.field), fieldKey: values.fieldKey, when: values.when };
}

function actionDraft(action: WorkflowAction): ActionDraft {
  const draft = emptyAction(action.type);
  switch (action.type) {
    case 'webhook':
      return { ...draft, url: action.url, secret: action.secret ?? '' };
    case 'tag.add':
    case 'tag.remove':
      return { ...draft, tag: action.tag };
    case 'assign':
      return { ...draft, userId: action.userId };
    case 'score.adjust': {
      const delta = action.delta ?? 0;
      return {
        ...draft,
        profileId: action.profileId,
        mode: action.set !== undefined ? 'set' : delta < 0 ? 'subtract' : 'add',
        amount: action.set ?? Math.abs(delta),
        note: action.note ?? '',
      };
    }
  }
}

export function draftOf(workflow: Workflow): WorkflowDraft {
  const t = workflow.trigger;
  return {
    ...emptyDraft(t.profileId),
    name: workflow.name,
    description: workflow.description,
    enabled: workflow.enabled,
    triggerType: t.type,
    threshold: t.type === 'score.crossed' ? t.threshold : 50,
    direction: t.type === 'score.crossed' ? t.direction : 'up',
    fromTier: t.type === 'tier.changed' ? (t.fromTier ?? null) : null,
    toTier: t.type === 'tier.changed' ? (t.toTier ?? null) : null,
    conditions: workflow.conditions.map(conditionDraft),
    actions: workflow.actions.map(actionDraft),
  };
}

const isInt = (v: number | string): v is number => typeof v === 'number' && Number.isInteger(v);

function intError(v: number | string, min = -SCORE_LIMIT, max = SCORE_LIMIT): string | null {
  if (!isInt(v)) return 'Enter a whole number';
  if (v < min || v > max)
    return `Enter a whole number from ${min.toLocaleString()} to ${max.toLocaleString()}`;
  return null;
}

/** An http(s) URL with a host, as the contract takes; whether it is private is the server's call. */
export function webhookUrlError(url: string): string | null {
  const text = url.trim();
  if (!text) return 'Enter the URL to send to';
  if (text.length > 2000) return 'Use at most 2,000 characters';
  try {
    const parsed = new URL(text);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'Use an http:// or https:// URL';
    if (!parsed.hostname) return 'Enter a URL with a host name';
  } catch {
    return 'Enter a full URL, like https://hooks.example.com/tally';
  }
  return null;
}

function conditionOf(c: ConditionDraft, i: number, errors: Errors): WorkflowCondition | null {
  const path = `conditions.${i}`;
  if (c.field === SCORE_FIELD) {
    const e = intError(c.scoreValue);
    if (e) {
      errors[`${path}.value`] = e;
      return null;
    }
    return { field: 'score', op: c.scoreOp, value: c.scoreValue as number };
  }
  const result = ruleOf(stateValues(c));
  if ('errors' in result) {
    for (const [key, message] of Object.entries(result.errors))
      errors[`${path}.${key.replace(/^when\./, '')}`] = message;
    return null;
  }
  return result.rule.kind === 'state' ? (result.rule.when as WorkflowCondition) : null;
}

function actionOf(a: ActionDraft, i: number, errors: Errors): WorkflowAction | null {
  const path = `actions.${i}`;
  const fail = (field: string, message: string) => {
    errors[`${path}.${field}`] = message;
    return null;
  };
  switch (a.type) {
    case 'webhook': {
      const urlError = webhookUrlError(a.url);
      if (urlError) fail('url', urlError);
      if (a.secret && a.secret.length < 16) fail('secret', 'Use at least 16 characters, or leave it empty');
      if (a.secret.length > 200) fail('secret', 'Use at most 200 characters');
      if (errors[`${path}.url`] || errors[`${path}.secret`]) return null;
      return { type: 'webhook', url: a.url.trim(), ...(a.secret ? { secret: a.secret } : {}) };
    }
    case 'tag.add':
    case 'tag.remove': {
      const tag = a.tag.trim();
      if (!tag) return fail('tag', 'Enter a tag');
      if (tag.length > 100) return fail('tag', 'Use at most 100 characters');
      return { type: a.type, tag };
    }
    case 'assign':
      if (!a.userId) return fail('userId', 'Choose a user');
      return { type: 'assign', userId: a.userId };
    case 'score.adjust': {
      if (!a.profileId) fail('profileId', 'Choose a profile');
      const e = a.mode === 'set' ? intError(a.amount) : intError(a.amount, 1);
      if (e) fail('delta', a.mode === 'set' ? e : 'Enter a whole number of points, 1 or more');
      if (a.note.length > 1000) fail('note', 'Use at most 1,000 characters');
      if (Object.keys(errors).some((k) => k.startsWith(`${path}.`))) return null;
      const amount = a.amount as number;
      return {
        type: 'score.adjust',
        profileId: a.profileId!,
        ...(a.mode === 'set' ? { set: amount } : { delta: a.mode === 'subtract' ? -amount : amount }),
        ...(a.note.trim() ? { note: a.note.trim() } : {}),
      };
    }
  }
}

/** The trigger these values make, or null while its profile or threshold is missing. */
export function triggerOf(d: WorkflowDraft): WorkflowTrigger | null {
  const profileId = d.profileId;
  if (!profileId) return null;
  switch (d.triggerType) {
    case 'score.changed':
      return { type: 'score.changed', profileId };
    case 'score.crossed':
      return intError(d.threshold)
        ? null
        : { type: 'score.crossed', profileId, threshold: d.threshold as number, direction: d.direction };
    case 'tier.changed':
      return {
        type: 'tier.changed',
        profileId,
        ...(d.fromTier ? { fromTier: d.fromTier } : {}),
        ...(d.toTier ? { toTier: d.toTier } : {}),
      };
  }
}

/** The tiers a trigger can name: the published definition's, else the draft's. */
export function profileTiers(profile: Profile | undefined): readonly Tier[] {
  return profile ? (profile.published?.definition ?? profile.draft).tiers : [];
}

/** The body these values make (create and patch share it), or the errors to show. */
export function workflowOf(d: WorkflowDraft): { body: WorkflowCreate } | { errors: Errors } {
  const errors: Errors = {};
  const name = d.name.trim();
  if (!name) errors.name = 'Enter a name';
  else if (name.length > 100) errors.name = 'Use at most 100 characters';
  if (d.description.length > 500) errors.description = 'Use at most 500 characters';
  if (!d.profileId) errors['trigger.profileId'] = 'Choose a score profile';
  if (d.triggerType === 'score.crossed') {
    const e = intError(d.threshold);
    if (e) errors['trigger.threshold'] = e;
  }
  const conditions = d.conditions.map((c, i) => conditionOf(c, i, errors));
  if (d.actions.length === 0) errors.actions = 'Add at least one action';
  const actions = d.actions.map((a, i) => actionOf(a, i, errors));
  if (Object.keys(errors).length) return { errors };
  const trigger = triggerOf(d)!;
  return {
    body: {
      name,
      description: d.description,
      enabled: d.enabled,
      trigger,
      conditions: conditions as WorkflowCondition[],
      actions: actions as WorkflowAction[],
    },
  };
}

/** Whether two drafts hold the same workflow (the local keys of rows aside). */
export function sameDraft(a: WorkflowDraft, b: WorkflowDraft): boolean {
  const plain = (d: WorkflowDraft) => JSON.stringify(d, (k, v) => (k === 'key' ? undefined : v));
  return plain(a) === plain(b);
}

/** The server's error details as field errors, with messages starting in capitals. */
export function serverErrorsOf(details: readonly { path: string; message: string }[]): Errors {
  return Object.fromEntries(
    details.map((d) => [d.path || 'form', d.message.charAt(0).toUpperCase() + d.message.slice(1)]),
  );
}
