// Rules as sentences a person reads: "+10 when Trigger link clicked · link is Spring promo · at most
// 3 times · expires after 90 days", "−5 for every 30 days without interaction", "−20 while all DND
// channels are on". Pure: no React, so the sentences are unit-tested (rule-sentences.test.ts).
import type { RuleInput } from '../../api/types.ts';
import { signed as signedPoints } from '../../ui/format.ts';
import { channelLabel, eventTypeLabel, propertyLabel } from './catalogue.ts';

type Scalar = string | number | boolean;
type Op = 'eq' | 'neq' | 'in' | 'gt' | 'gte' | 'lt' | 'lte' | 'contains' | 'exists';
type Value = Scalar | Scalar[];

/** +10, −5 (a real minus sign). */
export { signedPoints };

export interface SentenceOptions {
  /** Shows a user id (assignedTo) as the user's name. */
  userName?: (id: string) => string | undefined;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function scalarText(value: Scalar): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return value < 0 ? `\u2212${Math.abs(value)}` : String(value);
  return value === '' ? '(empty)' : value;
}

/** "A", "A or B", "A, B or C". */
export function orList(values: readonly string[]): string {
  if (values.length <= 1) return values[0] ?? '';
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

function listOf(value: Value, show: (v: Scalar) => string = scalarText): string[] {
  return (Array.isArray(value) ? value : [value]).map(show);
}

/** "<subject> is over 100", "<subject> is Spring promo", "<subject> is set". */
export function conditionText(
  subject: string,
  op: Op,
  value: Value,
  show: (v: Scalar) => string = scalarText,
): string {
  const one = Array.isArray(value) ? orList(listOf(value, show)) : show(value);
  switch (op) {
    case 'eq':
      return `${subject} is ${one}`;
    case 'neq':
      return `${subject} is not ${one}`;
    case 'in':
      return `${subject} is ${one}`;
    case 'gt':
      return `${subject} is over ${one}`;
    case 'gte':
      return `${subject} is at least ${one}`;
    case 'lt':
      return `${subject} is under ${one}`;
    case 'lte':
      return `${subject} is at most ${one}`;
    case 'contains':
      return `${subject} contains “${one}”`;
    case 'exists':
      return value === false ? `${subject} is not set` : `${subject} is set`;
  }
}

function isOn(op: Op, value: Value): boolean | null {
  if (typeof value !== 'boolean') return null;
  if (op === 'eq') return value;
  if (op === 'neq') return !value;
  return null;
}

/** The part after "while": "all DND channels are on", "tagged vip", "assigned to Ann Lee". */
export function contactConditionText(
  when: { field: string; op: Op; value: Value },
  options: SentenceOptions = {},
): string {
  const { field, op, value } = when;
  if (field.startsWith('dnd.')) {
    const on = isOn(op, value);
    const channel = field.slice(4);
    if (channel === 'all') {
      if (on === true) return 'all DND channels are on';
      if (on === false) return 'not all DND channels are on';
      return conditionText('all DND channels', op, value);
    }
    if (on !== null) return `DND is ${on ? 'on' : 'off'} for ${channelLabel(channel)}`;
    return conditionText(`DND for ${channelLabel(channel)}`, op, value);
  }
  if (field === 'tags') {
    const tags = orList(listOf(value));
    switch (op) {
      case 'contains':
      case 'eq':
        return `tagged ${tags}`;
      case 'in':
        return listOf(value).length > 1 ? `tagged any of ${listOf(value).join(', ')}` : `tagged ${tags}`;
      case 'neq':
        return `not tagged ${tags}`;
      case 'exists':
        return value === false ? 'the contact has no tags' : 'the contact has tags';
      default:
        return conditionText('tags', op, value);
    }
  }
  if (field === 'email' || field === 'phone') {
    const noun = field === 'email' ? 'an email address' : 'a phone number';
    const bare = field === 'email' ? 'email address' : 'phone number';
    if (op === 'exists') return value === false ? `the contact has no ${bare}` : `the contact has ${noun}`;
    return conditionText(field === 'email' ? 'email' : 'phone', op, value);
  }
  if (field === 'assignedTo') {
    const name = (v: Scalar) => (typeof v === 'string' ? (options.userName?.(v) ?? v) : scalarText(v));
    if (op === 'exists') return value === false ? 'the contact is unassigned' : 'the contact is assigned';
    if (op === 'eq' || op === 'in') return `assigned to ${orList(listOf(value, name))}`;
    if (op === 'neq') return `not assigned to ${orList(listOf(value, name))}`;
    return conditionText('assigned user', op, value, name);
  }
  if (field.startsWith('fields.')) return conditionText(`field ${field.slice(7)}`, op, value);
  return conditionText(field, op, value);
}

export interface RuleSentence {
  /** "+10", "−5" */
  points: string;
  /** Everything after the points: "when Trigger link clicked · at most 3 times". */
  text: string;
  /** points and text together. */
  full: string;
}

/** The sentence of any rule, split into its points and the rest. */
export function ruleSentence(rule: RuleInput, options: SentenceOptions = {}): RuleSentence {
  const points = signedPoints(rule.points);
  let text: string;
  switch (rule.kind) {
    case 'event': {
      const parts = [`when ${eventTypeLabel(rule.eventType)}`];
      for (const c of rule.where ?? [])
        parts.push(conditionText(propertyLabel(c.property), c.op, c.value as Value));
      if (rule.maxTimes !== undefined)
        parts.push(rule.maxTimes === 1 ? 'at most once' : `at most ${rule.maxTimes} times`);
      if (rule.expiresAfterDays !== undefined)
        parts.push(`expires after ${plural(rule.expiresAfterDays, 'day')}`);
      text = parts.join(' · ');
      break;
    }
    case 'inactivity':
      text = rule.repeat
        ? `for every ${rule.days === 1 ? 'day' : `${rule.days} days`} without interaction`
        : `once a contact goes ${plural(rule.days, 'day')} without interaction`;
      break;
    case 'state':
      text = `while ${contactConditionText(rule.when as { field: string; op: Op; value: Value }, options)}`;
      break;
  }
  return { points, text, full: `${points} ${text}` };
}

/** The whole sentence as one string. */
export function describeRuleSentence(rule: RuleInput, options?: SentenceOptions): string {
  return ruleSentence(rule, options).full;
}
