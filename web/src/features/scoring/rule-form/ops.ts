import type { Op } from './form-values.ts';

export const OP_LABELS: Record<Op, string> = {
  eq: 'is',
  neq: 'is not',
  in: 'is one of',
  gt: 'is greater than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  contains: 'contains',
  exists: 'is set / not set',
};

export const ALL_OPS: Op[] = ['eq', 'neq', 'in', 'gt', 'gte', 'lt', 'lte', 'contains', 'exists'];

/** The operators a state rule offers for a field, with wording for that field. */
export function stateOps(field: string): { value: Op; label: string }[] {
  switch (field) {
    case 'tags':
      return [
        { value: 'contains', label: 'has the tag' },
        { value: 'in', label: 'has any of the tags' },
        { value: 'neq', label: 'does not have the tag' },
        { value: 'exists', label: 'has tags / has none' },
      ];
    case 'email':
    case 'phone':
      return [
        { value: 'exists', label: 'is set / not set' },
        { value: 'eq', label: 'is' },
        { value: 'neq', label: 'is not' },
        { value: 'contains', label: 'contains' },
      ];
    case 'assignedTo':
      return [
        { value: 'eq', label: 'is assigned to' },
        { value: 'in', label: 'is assigned to one of' },
        { value: 'neq', label: 'is not assigned to' },
        { value: 'exists', label: 'is assigned / unassigned' },
      ];
    default:
      return ALL_OPS.map((value) => ({ value, label: OP_LABELS[value] }));
  }
}

export const isNumericOp = (op: Op) => op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte';
/** Operators whose value can be text, a number or true/false. */
export const isTypedOp = (op: Op) => op === 'eq' || op === 'neq' || op === 'in';
