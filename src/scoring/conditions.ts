import { CHANNELS } from './catalogue.ts';
import type { Condition, ContactAttributes, ContactCondition, Scalar } from './types.ts';

/** Reads a property by exact key first, then as a dot path into nested objects. */
export function readProperty(properties: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(properties, path)) return properties[path];
  if (!path.includes('.')) return undefined;
  let current: unknown = properties;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const isMissing = (value: unknown): boolean => value === undefined || value === null;

/**
 * Applies one operator. A missing value fails every op except `neq` and `exists: false`.
 * Lists (contact tags) match `contains` when they hold the value (exact, case-insensitive).
 */
export function applyOp(op: Condition['op'], actual: unknown, expected: Scalar | Scalar[]): boolean {
  if (Array.isArray(actual)) return applyListOp(op, actual, expected);
  if (op === 'exists') return expected === !isMissing(actual);
  if (isMissing(actual)) return op === 'neq';
  switch (op) {
    case 'eq':
      return actual === expected;
    case 'neq':
      return actual !== expected;
    case 'in':
      return Array.isArray(expected) && expected.some((candidate) => candidate === actual);
    case 'gt':
      return typeof actual === 'number' && typeof expected === 'number' && actual > expected;
    case 'gte':
      return typeof actual === 'number' && typeof expected === 'number' && actual >= expected;
    case 'lt':
      return typeof actual === 'number' && typeof expected === 'number' && actual < expected;
    case 'lte':
      return typeof actual === 'number' && typeof expected === 'number' && actual <= expected;
    case 'contains':
      return (
        typeof actual === 'string' &&
        typeof expected === 'string' &&
        actual.toLowerCase().includes(expected.toLowerCase())
      );
  }
}

function applyListOp(op: Condition['op'], list: unknown[], expected: Scalar | Scalar[]): boolean {
  const wanted = (Array.isArray(expected) ? expected : [expected]).map((v) => String(v).toLowerCase());
  const holds = list.some((item) => typeof item === 'string' && wanted.includes(item.toLowerCase()));
  switch (op) {
    case 'exists':
      return expected === list.length > 0;
    case 'contains':
    case 'in':
    case 'eq':
      return holds;
    case 'neq':
      return !holds;
    default:
      return false;
  }
}

export function matchesEventConditions(
  conditions: readonly Condition[] | undefined,
  properties: Record<string, unknown>,
): boolean {
  if (!conditions) return true;
  return conditions.every((c) => applyOp(c.op, readProperty(properties, c.property), c.value));
}

/** `dnd.all` holds when the flag is set or every channel has DND on. */
export function isDndAll(dnd: Record<string, boolean>): boolean {
  return dnd.all === true || CHANNELS.every((channel) => dnd[channel] === true);
}

export function readContactField(contact: ContactAttributes, field: string): unknown {
  if (field === 'dnd.all') return isDndAll(contact.dnd);
  if (field.startsWith('dnd.')) return contact.dnd[field.slice(4)] === true;
  if (field.startsWith('fields.')) return readProperty(contact.fields, field.slice(7));
  switch (field) {
    case 'tags':
      return contact.tags;
    case 'email':
      return contact.email;
    case 'phone':
      return contact.phone;
    case 'assignedTo':
      return contact.assignedTo;
    default:
      return undefined;
  }
}

export function matchesContactCondition(condition: ContactCondition, contact: ContactAttributes): boolean {
  return applyOp(condition.op, readContactField(contact, condition.field), condition.value);
}
