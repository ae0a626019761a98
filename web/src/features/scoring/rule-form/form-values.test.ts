import { describe, expect, it } from 'vitest';
import type { RuleInput } from '../../../api/types.ts';
import { CUSTOM, emptyCondition, emptyValues, ruleOf, valuesOf } from './form-values.ts';

const roundTrip = (rule: RuleInput) => ruleOf(valuesOf(rule));

describe('rule form values', () => {
  it('round-trips a rule of every kind', () => {
    const rules: RuleInput[] = [
      {
        kind: 'event',
        eventType: 'link.clicked',
        where: [
          { property: 'linkId', op: 'eq', value: 'spring' },
          { property: 'amount', op: 'gte', value: 100 },
          { property: 'currency', op: 'in', value: ['EUR', 'USD'] },
          { property: 'url', op: 'exists', value: false },
          { property: 'vip', op: 'neq', value: true },
        ],
        points: 10,
        maxTimes: 3,
        expiresAfterDays: 90,
        description: 'Spring campaign',
      },
      { kind: 'event', eventType: 'webinar.attended', points: -2 },
      { kind: 'inactivity', days: 30, repeat: true, points: -5 },
      { kind: 'inactivity', days: 14, points: -1 },
      { kind: 'state', when: { field: 'dnd.all', op: 'eq', value: true }, points: -20 },
      { kind: 'state', when: { field: 'tags', op: 'contains', value: 'vip' }, points: 15 },
      { kind: 'state', when: { field: 'fields.plan', op: 'eq', value: 'pro' }, points: 5 },
      { kind: 'state', when: { field: 'fields.seats', op: 'gt', value: 10 }, points: 5 },
    ];
    for (const rule of rules) expect(roundTrip(rule)).toEqual({ rule });
  });

  it('keeps a custom event type as custom', () => {
    const values = valuesOf({ kind: 'event', eventType: 'webinar.attended', points: 1 });
    expect(values.eventType).toBe(CUSTOM);
    expect(values.customType).toBe('webinar.attended');
  });

  it('turns Add / Subtract and a positive number into signed points', () => {
    const values = { ...emptyValues('inactivity'), direction: 'subtract' as const, points: 7, days: 10 };
    expect(ruleOf(values)).toEqual({ rule: { kind: 'inactivity', days: 10, points: -7 } });
  });

  it('reports what the contract would reject, on the contract paths', () => {
    const values = {
      ...emptyValues('event'),
      points: 0,
      eventType: CUSTOM,
      customType: 'Bad Type',
      maxTimes: 0,
      conditions: [
        { ...emptyCondition('amount'), op: 'gt' as const, text: 'lots' },
        { ...emptyCondition(''), op: 'in' as const },
      ],
    };
    const result = ruleOf(values);
    expect('errors' in result && Object.keys(result.errors).sort()).toEqual([
      'eventType',
      'maxTimes',
      'points',
      'where.0.value',
      'where.1.property',
      'where.1.value',
    ]);
  });

  it('needs a key for a custom contact field', () => {
    const values = { ...emptyValues('state'), field: 'fields', fieldKey: '' };
    const result = ruleOf(values);
    expect('errors' in result && result.errors['when.field']).toBeTruthy();
  });
});
