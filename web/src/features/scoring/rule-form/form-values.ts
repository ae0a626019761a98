// The rule form's values, how a rule becomes them and back, and the checks that mirror the
// contract (src/contracts/profiles.ts) with messages for people. Pure: no React.
import type { RuleInput } from '../../../api/types.ts';
import {
  CUSTOM_EVENT_TYPE_PATTERN,
  MAX_EVENT_TYPE_LENGTH,
  NUMERIC_PROPERTIES,
  isBuiltInEventType,
} from '../catalogue.ts';

export type Kind = RuleInput['kind'];
export type Op = 'eq' | 'neq' | 'in' | 'gt' | 'gte' | 'lt' | 'lte' | 'contains' | 'exists';
export type ValueType = 'text' | 'number' | 'boolean';
type Scalar = string | number | boolean;

/** One condition while it is edited: the value is kept as text and typed on the way out. */
export interface ConditionValues {
  key: string;
  subject: string;
  op: Op;
  /** For eq / neq / in: whether the value is compared as text, a number or true/false. */
  valueType: ValueType;
  text: string;
  list: string[];
  flag: 'true' | 'false';
}

export interface RuleFormValues {
  kind: Kind;
  direction: 'add' | 'subtract';
  points: number | string;
  description: string;
  // event
  eventType: string | null;
  customType: string;
  conditions: ConditionValues[];
  maxTimes: number | string;
  expiresAfterDays: number | string;
  // inactivity
  days: number | string;
  repeat: boolean;
  // state: field is "dnd.all", "dnd.sms", "tags", "email", "phone", "assignedTo" or "fields"
  field: string | null;
  fieldKey: string;
  when: ConditionValues;
}

export const CUSTOM = '__custom__';

let keys = 0;
const nextKey = () => {
  keys += 1;
  return `c${keys}`;
};

export function emptyCondition(subject = ''): ConditionValues {
  return {
    key: nextKey(),
    subject,
    op: 'eq',
    valueType: NUMERIC_PROPERTIES.has(subject) ? 'number' : 'text',
    text: '',
    list: [],
    flag: 'true',
  };
}

export function emptyValues(kind: Kind = 'event'): RuleFormValues {
  return {
    kind,
    direction: kind === 'event' ? 'add' : 'subtract',
    points: 10,
    description: '',
    eventType: null,
    customType: '',
    conditions: [],
    maxTimes: '',
    expiresAfterDays: '',
    days: 30,
    repeat: false,
    field: 'dnd.all',
    fieldKey: '',
    when: { ...emptyCondition(), valueType: 'boolean' },
  };
}

function conditionValues(subject: string, op: Op, value: Scalar | Scalar[]): ConditionValues {
  const first = Array.isArray(value) ? value[0] : value;
  const valueType: ValueType =
    typeof first === 'number' ? 'number' : typeof first === 'boolean' ? 'boolean' : 'text';
  return {
    key: nextKey(),
    subject,
    op,
    valueType: op === 'exists' ? 'text' : valueType,
    text: Array.isArray(value) ? '' : typeof value === 'boolean' ? '' : String(value),
    list: Array.isArray(value) ? value.map(String) : [],
    flag: op === 'exists' || typeof value === 'boolean' ? (value === false ? 'false' : 'true') : 'true',
  };
}

export function valuesOf(rule: RuleInput): RuleFormValues {
  const base = {
    ...emptyValues(rule.kind),
    direction: rule.points < 0 ? ('subtract' as const) : ('add' as const),
    points: Math.abs(rule.points),
    description: rule.description ?? '',
  };
  switch (rule.kind) {
    case 'event': {
      const builtIn = isBuiltInEventType(rule.eventType);
      return {
        ...base,
        eventType: builtIn ? rule.eventType : CUSTOM,
        customType: builtIn ? '' : rule.eventType,
        conditions: (rule.where ?? []).map((c) => conditionValues(c.property, c.op, c.value)),
        maxTimes: rule.maxTimes ?? '',
        expiresAfterDays: rule.expiresAfterDays ?? '',
      };
    }
    case 'inactivity':
      return { ...base, days: rule.days, repeat: rule.repeat ?? false };
    case 'state': {
      const { field, op, value } = rule.when;
      const isCustom = field.startsWith('fields.');
      return {
        ...base,
        field: isCustom ? 'fields' : field,
        fieldKey: isCustom ? field.slice(7) : '',
        when: conditionValues(field, op, value),
      };
    }
  }
}

const isBlank = (v: number | string) => v === '' || v === null || v === undefined;
const isInt = (v: number | string): v is number => typeof v === 'number' && Number.isInteger(v);

function intError(v: number | string, min: number, max: number, what = 'a whole number'): string | null {
  if (!isInt(v)) return `Enter ${what}`;
  if (v < min || v > max) return `Enter ${what} from ${min.toLocaleString()} to ${max.toLocaleString()}`;
  return null;
}

/** The condition's value as the contract types it, or an error message. */
function typedValue(c: ConditionValues): { value: Scalar | Scalar[] } | { error: string } {
  switch (c.op) {
    case 'exists':
      return { value: c.flag === 'true' };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const n = Number(c.text);
      if (c.text.trim() === '' || !Number.isFinite(n)) return { error: 'Enter a number' };
      return { value: n };
    }
    case 'contains':
      if (!c.text) return { error: 'Enter the text to look for' };
      if (c.text.length > 500) return { error: 'Use at most 500 characters' };
      return { value: c.text };
    case 'in': {
      if (c.list.length === 0) return { error: 'Add at least one value' };
      if (c.list.length > 100) return { error: 'Use at most 100 values' };
      const items: Scalar[] = [];
      for (const item of c.list) {
        const one = scalarOf(c.valueType === 'boolean' ? 'text' : c.valueType, item, c.flag);
        if ('error' in one) return { error: `“${item}”: ${one.error.toLowerCase()}` };
        items.push(one.value);
      }
      return { value: items };
    }
    default:
      return scalarOf(c.valueType, c.text, c.flag);
  }
}

function scalarOf(
  type: ValueType,
  text: string,
  flag: 'true' | 'false',
): { value: Scalar } | { error: string } {
  if (type === 'boolean') return { value: flag === 'true' };
  if (type === 'number') {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) return { error: 'Enter a number' };
    return { value: n };
  }
  if (text.length > 500) return { error: 'Use at most 500 characters' };
  return { value: text };
}

export type FormErrors = Record<string, string>;

/** The rule these values make, or the errors to show (keys match the contract's paths). */
export function ruleOf(v: RuleFormValues): { rule: RuleInput } | { errors: FormErrors } {
  const errors: FormErrors = {};
  const magnitude = intError(v.points, 1, 10000, 'points');
  if (magnitude) errors.points = magnitude;
  const points = isInt(v.points) ? (v.direction === 'subtract' ? -v.points : v.points) : 0;
  if (v.description.length > 500) errors.description = 'Use at most 500 characters';
  const description = v.description.trim() ? { description: v.description.trim() } : {};

  if (v.kind === 'event') {
    let eventType = v.eventType ?? '';
    if (!v.eventType) errors.eventType = 'Choose an event type';
    else if (v.eventType === CUSTOM) {
      eventType = v.customType.trim();
      if (!eventType) errors.eventType = 'Enter a custom event type, like webinar.attended';
      else if (eventType.length > MAX_EVENT_TYPE_LENGTH)
        errors.eventType = `Use at most ${MAX_EVENT_TYPE_LENGTH} characters`;
      else if (!isBuiltInEventType(eventType) && !CUSTOM_EVENT_TYPE_PATTERN.test(eventType))
        errors.eventType =
          'Use lowercase words joined by dots, like webinar.attended (letters, digits and _ only)';
    }
    if (v.conditions.length > 10) errors.where = 'A rule has at most 10 conditions';
    const where = v.conditions.map((c, i) => {
      const property = c.subject.trim();
      if (!property) errors[`where.${i}.property`] = 'Enter a property';
      else if (property.length > 200) errors[`where.${i}.property`] = 'Use at most 200 characters';
      const typed = typedValue(c);
      if ('error' in typed) errors[`where.${i}.value`] = typed.error;
      return { property, op: c.op, value: 'value' in typed ? typed.value : '' };
    });
    if (!isBlank(v.maxTimes)) {
      const e = intError(v.maxTimes, 1, 1_000_000);
      if (e) errors.maxTimes = e;
    }
    if (!isBlank(v.expiresAfterDays)) {
      const e = intError(v.expiresAfterDays, 1, 3650, 'a number of days');
      if (e) errors.expiresAfterDays = e;
    }
    if (Object.keys(errors).length) return { errors };
    return {
      rule: {
        kind: 'event',
        eventType,
        ...(where.length ? { where } : {}),
        points,
        ...(!isBlank(v.maxTimes) && { maxTimes: v.maxTimes as number }),
        ...(!isBlank(v.expiresAfterDays) && { expiresAfterDays: v.expiresAfterDays as number }),
        ...description,
      },
    };
  }

  if (v.kind === 'inactivity') {
    const e = intError(v.days, 1, 3650, 'a number of days');
    if (e) errors.days = e;
    if (Object.keys(errors).length) return { errors };
    return {
      rule: {
        kind: 'inactivity',
        days: v.days as number,
        ...(v.repeat && { repeat: true }),
        points,
        ...description,
      },
    };
  }

  let field = v.field ?? '';
  if (!v.field) errors['when.field'] = 'Choose a field';
  else if (v.field === 'fields') {
    const key = v.fieldKey.trim();
    if (!/^[A-Za-z0-9_.-]{1,100}$/.test(key))
      errors['when.field'] = 'Enter the field’s key: letters, digits, _ . or - (up to 100)';
    field = `fields.${key}`;
  }
  const typed = typedValue(v.when);
  if ('error' in typed) errors['when.value'] = typed.error;
  if (Object.keys(errors).length) return { errors };
  return {
    rule: {
      kind: 'state',
      when: { field, op: v.when.op, value: (typed as { value: Scalar | Scalar[] }).value },
      points,
      ...description,
    },
  };
}
