import { BUILT_IN_EVENT_TYPES } from './catalogue.ts';
import type { Condition, ContactCondition, Rule } from './types.ts';

const OP_WORDS: Record<Condition['op'], string> = {
  eq: 'is',
  neq: 'is not',
  in: 'is one of',
  gt: 'is over',
  gte: 'is at least',
  lt: 'is under',
  lte: 'is at most',
  contains: 'contains',
  exists: 'exists',
};

function describeCondition(subject: string, op: Condition['op'], value: Condition['value']): string {
  if (op === 'exists') return `${subject} ${value ? 'is set' : 'is not set'}`;
  const shown = Array.isArray(value) ? value.join(', ') : String(value);
  return `${subject} ${OP_WORDS[op]} ${shown}`;
}

function describeContactCondition(c: ContactCondition): string {
  if (c.field === 'dnd.all' && c.op === 'eq')
    return c.value ? 'all DND channels are on' : 'not all DND channels are on';
  if (c.field === 'tags' && c.op === 'contains') return `tagged ${String(c.value)}`;
  return describeCondition(c.field, c.op, c.value);
}

const signed = (points: number): string => (points > 0 ? `+${points}` : `−${Math.abs(points)}`);

/** A rule as a readable sentence, e.g. "+10 when Trigger link clicked · url contains spring · at most 3 times". */
export function describeRule(rule: Rule): string {
  switch (rule.kind) {
    case 'event': {
      const parts = [
        `${signed(rule.points)} when ${BUILT_IN_EVENT_TYPES[rule.eventType]?.label ?? rule.eventType}`,
      ];
      for (const c of rule.where ?? []) parts.push(describeCondition(c.property, c.op, c.value));
      if (rule.maxTimes !== undefined)
        parts.push(`at most ${rule.maxTimes} time${rule.maxTimes === 1 ? '' : 's'}`);
      if (rule.expiresAfterDays !== undefined) parts.push(`expires after ${rule.expiresAfterDays} days`);
      return parts.join(' · ');
    }
    case 'inactivity':
      return rule.repeat
        ? `${signed(rule.points)} for every ${rule.days} days without interaction`
        : `${signed(rule.points)} when ${rule.days} days pass without interaction`;
    case 'state':
      return `${signed(rule.points)} while ${describeContactCondition(rule.when)}`;
  }
}
