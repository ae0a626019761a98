import { describe, expect, it } from 'vitest';
import { describeRuleSentence, orList, ruleSentence, signedPoints } from './rule-sentences.ts';

describe('rule sentences', () => {
  it('uses a real minus sign', () => {
    expect(signedPoints(10)).toBe('+10');
    expect(signedPoints(-5)).toBe('\u22125');
  });

  it('joins lists naturally', () => {
    expect(orList(['a'])).toBe('a');
    expect(orList(['a', 'b'])).toBe('a or b');
    expect(orList(['a', 'b', 'c'])).toBe('a, b or c');
  });

  it('describes an event rule with conditions, a cap and an expiry', () => {
    expect(
      describeRuleSentence({
        kind: 'event',
        eventType: 'link.clicked',
        where: [{ property: 'linkId', op: 'eq', value: 'Spring promo' }],
        maxTimes: 3,
        expiresAfterDays: 90,
        points: 10,
      }),
    ).toBe('+10 when Trigger link clicked · link is Spring promo · at most 3 times · expires after 90 days');
  });

  it('reads every condition operator', () => {
    const sentence = (op: string, value: unknown, property = 'amount') =>
      ruleSentence({
        kind: 'event',
        eventType: 'payment.succeeded',
        where: [{ property, op, value }],
        points: 5,
      } as never).text;
    expect(sentence('gt', 100)).toBe('when Payment succeeded · amount is over 100');
    expect(sentence('gte', 100)).toBe('when Payment succeeded · amount is at least 100');
    expect(sentence('lt', 100)).toBe('when Payment succeeded · amount is under 100');
    expect(sentence('lte', 100)).toBe('when Payment succeeded · amount is at most 100');
    expect(sentence('in', ['EUR', 'USD'], 'currency')).toBe(
      'when Payment succeeded · currency is EUR or USD',
    );
    expect(sentence('neq', 'EUR', 'currency')).toBe('when Payment succeeded · currency is not EUR');
    expect(sentence('contains', 'spring', 'url')).toBe('when Payment succeeded · URL contains “spring”');
    expect(sentence('exists', true, 'productId')).toBe('when Payment succeeded · product is set');
    expect(sentence('exists', false, 'productId')).toBe('when Payment succeeded · product is not set');
  });

  it('says "once" and singular days', () => {
    expect(
      describeRuleSentence({
        kind: 'event',
        eventType: 'webinar.attended',
        maxTimes: 1,
        expiresAfterDays: 1,
        points: 3,
      }),
    ).toBe('+3 when webinar.attended · at most once · expires after 1 day');
  });

  it('tells a one-off silence from a repeating one', () => {
    expect(describeRuleSentence({ kind: 'inactivity', days: 30, points: -5 })).toBe(
      '\u22125 once a contact goes 30 days without interaction',
    );
    expect(describeRuleSentence({ kind: 'inactivity', days: 30, repeat: true, points: -5 })).toBe(
      '\u22125 for every 30 days without interaction',
    );
    expect(describeRuleSentence({ kind: 'inactivity', days: 1, repeat: true, points: -1 })).toBe(
      '\u22121 for every day without interaction',
    );
  });

  it('describes contact states', () => {
    const state = (field: string, op: string, value: unknown) =>
      ruleSentence({ kind: 'state', when: { field, op, value }, points: -20 } as never, {
        userName: (id) => (id === 'u_1' ? 'Ann Lee' : undefined),
      }).text;
    expect(state('dnd.all', 'eq', true)).toBe('while all DND channels are on');
    expect(state('dnd.all', 'eq', false)).toBe('while not all DND channels are on');
    expect(state('dnd.sms', 'eq', true)).toBe('while DND is on for SMS');
    expect(state('dnd.whatsapp', 'neq', true)).toBe('while DND is off for WhatsApp');
    expect(state('tags', 'contains', 'vip')).toBe('while tagged vip');
    expect(state('tags', 'in', ['vip', 'hot'])).toBe('while tagged any of vip, hot');
    expect(state('tags', 'neq', 'spam')).toBe('while not tagged spam');
    expect(state('tags', 'exists', false)).toBe('while the contact has no tags');
    expect(state('email', 'exists', true)).toBe('while the contact has an email address');
    expect(state('phone', 'exists', false)).toBe('while the contact has no phone number');
    expect(state('email', 'contains', '@acme.com')).toBe('while email contains “@acme.com”');
    expect(state('assignedTo', 'eq', 'u_1')).toBe('while assigned to Ann Lee');
    expect(state('assignedTo', 'exists', false)).toBe('while the contact is unassigned');
    expect(state('fields.plan', 'eq', 'pro')).toBe('while field plan is pro');
    expect(state('fields.seats', 'gte', 10)).toBe('while field seats is at least 10');
  });

  it('splits the points from the text', () => {
    const s = ruleSentence({ kind: 'state', when: { field: 'dnd.all', op: 'eq', value: true }, points: -20 });
    expect(s).toEqual({
      points: '\u221220',
      text: 'while all DND channels are on',
      full: '\u221220 while all DND channels are on',
    });
  });
});
