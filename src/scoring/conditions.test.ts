/**
 * Conditions and the event catalogue, straight from scoring.md ("Event types", "Rules" → Condition,
 * "state" → ContactCondition). Every expected value below is read off the spec, not the code.
 */
import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_EVENT_TYPES,
  CHANNELS,
  type Condition,
  type ContactAttributes,
  type ContactCondition,
  isDefaultInteraction,
  isDndAll,
  isKnownEventType,
  matchesContactCondition,
  matchesEventConditions,
} from './index.ts';
import { contact } from './test-factories.ts';

const allChannelsOn = (): Record<string, boolean> => Object.fromEntries(CHANNELS.map((c) => [c, true]));

describe('event conditions: one row per op', () => {
  // [label, condition, properties, expected]
  it.each<[string, Condition, Record<string, unknown>, boolean]>([
    [
      'eq string equal',
      { property: 'url', op: 'eq', value: 'https://a.test/x' },
      { url: 'https://a.test/x' },
      true,
    ],
    [
      'eq string different',
      { property: 'url', op: 'eq', value: 'https://a.test/x' },
      { url: 'https://a.test/y' },
      false,
    ],
    [
      'eq is not case-insensitive (only contains is)',
      { property: 'channel', op: 'eq', value: 'sms' },
      { channel: 'SMS' },
      false,
    ],
    ['eq number equal', { property: 'amount', op: 'eq', value: 100 }, { amount: 100 }, true],
    ['eq number different', { property: 'amount', op: 'eq', value: 100 }, { amount: 99 }, false],
    ['eq boolean', { property: 'first', op: 'eq', value: true }, { first: true }, true],
    ['eq boolean different', { property: 'first', op: 'eq', value: true }, { first: false }, false],
    ['eq missing property fails', { property: 'amount', op: 'eq', value: 100 }, {}, false],

    ['neq different', { property: 'channel', op: 'neq', value: 'sms' }, { channel: 'email' }, true],
    ['neq equal', { property: 'channel', op: 'neq', value: 'sms' }, { channel: 'sms' }, false],
    ['neq missing property holds', { property: 'channel', op: 'neq', value: 'sms' }, {}, true],

    [
      'in member',
      { property: 'channel', op: 'in', value: ['sms', 'whatsapp'] },
      { channel: 'whatsapp' },
      true,
    ],
    [
      'in non-member',
      { property: 'channel', op: 'in', value: ['sms', 'whatsapp'] },
      { channel: 'email' },
      false,
    ],
    ['in numbers', { property: 'rating', op: 'in', value: [4, 5] }, { rating: 5 }, true],
    ['in missing property fails', { property: 'channel', op: 'in', value: ['sms'] }, {}, false],

    ['gt above', { property: 'amount', op: 'gt', value: 100 }, { amount: 101 }, true],
    ['gt equal', { property: 'amount', op: 'gt', value: 100 }, { amount: 100 }, false],
    ['gt below', { property: 'amount', op: 'gt', value: 100 }, { amount: 99 }, false],
    ['gt missing fails', { property: 'amount', op: 'gt', value: 100 }, {}, false],
    ['gte above', { property: 'amount', op: 'gte', value: 100 }, { amount: 101 }, true],
    ['gte equal', { property: 'amount', op: 'gte', value: 100 }, { amount: 100 }, true],
    ['gte below', { property: 'amount', op: 'gte', value: 100 }, { amount: 99.5 }, false],
    ['gte missing fails', { property: 'amount', op: 'gte', value: 100 }, {}, false],
    ['lt below', { property: 'durationSeconds', op: 'lt', value: 60 }, { durationSeconds: 59 }, true],
    ['lt equal', { property: 'durationSeconds', op: 'lt', value: 60 }, { durationSeconds: 60 }, false],
    ['lt above', { property: 'durationSeconds', op: 'lt', value: 60 }, { durationSeconds: 61 }, false],
    ['lt missing fails', { property: 'durationSeconds', op: 'lt', value: 60 }, {}, false],
    ['lte below', { property: 'durationSeconds', op: 'lte', value: 60 }, { durationSeconds: 0 }, true],
    ['lte equal', { property: 'durationSeconds', op: 'lte', value: 60 }, { durationSeconds: 60 }, true],
    ['lte above', { property: 'durationSeconds', op: 'lte', value: 60 }, { durationSeconds: 61 }, false],
    ['lte missing fails', { property: 'durationSeconds', op: 'lte', value: 60 }, {}, false],
    ['gt negative numbers', { property: 'delta', op: 'gt', value: -5 }, { delta: -4 }, true],
    [
      'gt on a non-number fails (comparisons are on numbers)',
      { property: 'amount', op: 'gt', value: 5 },
      { amount: 'ten' },
      false,
    ],

    [
      'contains same case',
      { property: 'url', op: 'contains', value: 'spring' },
      { url: 'https://shop.test/spring-sale' },
      true,
    ],
    [
      'contains is case-insensitive (value upper)',
      { property: 'url', op: 'contains', value: 'SPRING' },
      { url: 'https://shop.test/spring-sale' },
      true,
    ],
    [
      'contains is case-insensitive (property mixed)',
      { property: 'url', op: 'contains', value: 'spring' },
      { url: 'https://shop.test/SpRiNg-Sale' },
      true,
    ],
    ['contains whole string', { property: 'text', op: 'contains', value: 'Hello' }, { text: 'hello' }, true],
    [
      'contains absent substring',
      { property: 'url', op: 'contains', value: 'autumn' },
      { url: 'https://shop.test/spring-sale' },
      false,
    ],
    ['contains missing fails', { property: 'url', op: 'contains', value: 'spring' }, {}, false],

    ['exists true, present', { property: 'formId', op: 'exists', value: true }, { formId: 'f1' }, true],
    [
      'exists true, present but falsy value',
      { property: 'amount', op: 'exists', value: true },
      { amount: 0 },
      true,
    ],
    ['exists true, missing', { property: 'formId', op: 'exists', value: true }, {}, false],
    ['exists false, missing', { property: 'formId', op: 'exists', value: false }, {}, true],
    ['exists false, present', { property: 'formId', op: 'exists', value: false }, { formId: 'f1' }, false],
  ])('%s', (_label, condition, properties, expected) => {
    expect(matchesEventConditions([condition], properties)).toBe(expected);
  });

  it('a property is looked up by its own name, not another one', () => {
    expect(matchesEventConditions([{ property: 'url', op: 'exists', value: true }], { uri: 'x' })).toBe(
      false,
    );
  });
});

describe('event conditions: all must hold', () => {
  const where: Condition[] = [
    { property: 'channel', op: 'eq', value: 'sms' },
    { property: 'amount', op: 'gte', value: 10 },
    { property: 'note', op: 'exists', value: false },
  ];
  it.each<[string, Record<string, unknown>, boolean]>([
    ['every condition holds', { channel: 'sms', amount: 10 }, true],
    ['first fails', { channel: 'email', amount: 10 }, false],
    ['second fails', { channel: 'sms', amount: 9 }, false],
    ['third fails', { channel: 'sms', amount: 10, note: 'x' }, false],
  ])('%s', (_label, properties, expected) => {
    expect(matchesEventConditions(where, properties)).toBe(expected);
  });

  it('no where (undefined) and an empty where match any properties', () => {
    expect(matchesEventConditions(undefined, {})).toBe(true);
    expect(matchesEventConditions([], { anything: 1 })).toBe(true);
  });
});

describe('contact conditions (state rules)', () => {
  const sevenOfEight = Object.fromEntries(CHANNELS.map((c, i) => [c, i !== 3]));
  it.each<[string, ContactCondition, Partial<ContactAttributes>, boolean]>([
    ['dnd.all via the all flag', { field: 'dnd.all', op: 'eq', value: true }, { dnd: { all: true } }, true],
    [
      'dnd.all via every channel on',
      { field: 'dnd.all', op: 'eq', value: true },
      { dnd: allChannelsOn() },
      true,
    ],
    [
      'dnd.all not when one channel is off',
      { field: 'dnd.all', op: 'eq', value: true },
      { dnd: sevenOfEight },
      false,
    ],
    ['dnd.all not with no DND at all', { field: 'dnd.all', op: 'eq', value: true }, { dnd: {} }, false],
    [
      'dnd.all eq false when not all on',
      { field: 'dnd.all', op: 'eq', value: false },
      { dnd: { sms: true } },
      true,
    ],
    [
      'dnd.all eq false when all channels on',
      { field: 'dnd.all', op: 'eq', value: false },
      { dnd: allChannelsOn() },
      false,
    ],
    [
      'dnd.all flag false but every channel on still holds',
      { field: 'dnd.all', op: 'eq', value: true },
      { dnd: { ...allChannelsOn(), all: false } },
      true,
    ],
    ['dnd.<channel> on', { field: 'dnd.sms', op: 'eq', value: true }, { dnd: { sms: true } }, true],
    [
      'dnd.<channel> off',
      { field: 'dnd.sms', op: 'eq', value: true },
      { dnd: { sms: false, email: true } },
      false,
    ],
    ['dnd.<channel> absent means off', { field: 'dnd.whatsapp', op: 'eq', value: false }, { dnd: {} }, true],
    [
      'dnd.<channel> another channel on does not count',
      { field: 'dnd.email', op: 'eq', value: true },
      { dnd: { sms: true } },
      false,
    ],

    [
      'tags contains, same case',
      { field: 'tags', op: 'contains', value: 'vip' },
      { tags: ['lead', 'vip'] },
      true,
    ],
    [
      'tags contains is case-insensitive',
      { field: 'tags', op: 'contains', value: 'VIP' },
      { tags: ['Vip'] },
      true,
    ],
    [
      'tags contains is exact (no substring)',
      { field: 'tags', op: 'contains', value: 'vip' },
      { tags: ['vip-gold'] },
      false,
    ],
    [
      'tags contains is exact (no superstring)',
      { field: 'tags', op: 'contains', value: 'vip-gold' },
      { tags: ['vip'] },
      false,
    ],
    ['tags contains on no tags', { field: 'tags', op: 'contains', value: 'vip' }, { tags: [] }, false],

    [
      'fields.<key> eq',
      { field: 'fields.industry', op: 'eq', value: 'saas' },
      { fields: { industry: 'saas' } },
      true,
    ],
    [
      'fields.<key> eq different',
      { field: 'fields.industry', op: 'eq', value: 'saas' },
      { fields: { industry: 'retail' } },
      false,
    ],
    [
      'fields.<key> gte',
      { field: 'fields.employees', op: 'gte', value: 50 },
      { fields: { employees: 50 } },
      true,
    ],
    [
      'fields.<key> lt',
      { field: 'fields.employees', op: 'lt', value: 50 },
      { fields: { employees: 50 } },
      false,
    ],
    [
      'fields.<key> contains',
      { field: 'fields.title', op: 'contains', value: 'chief' },
      { fields: { title: 'Chief Executive' } },
      true,
    ],
    [
      'fields.<key> in',
      { field: 'fields.plan', op: 'in', value: ['pro', 'team'] },
      { fields: { plan: 'team' } },
      true,
    ],
    [
      'fields.<key> missing: eq fails',
      { field: 'fields.industry', op: 'eq', value: 'saas' },
      { fields: {} },
      false,
    ],
    [
      'fields.<key> missing: neq holds',
      { field: 'fields.industry', op: 'neq', value: 'saas' },
      { fields: {} },
      true,
    ],
    [
      'fields.<key> missing: exists false holds',
      { field: 'fields.industry', op: 'exists', value: false },
      { fields: {} },
      true,
    ],
    [
      'fields.<key> present: exists true holds',
      { field: 'fields.industry', op: 'exists', value: true },
      { fields: { industry: 'x' } },
      true,
    ],

    ['email exists', { field: 'email', op: 'exists', value: true }, { email: 'ann@acme.test' }, true],
    [
      'email null is missing: exists true fails',
      { field: 'email', op: 'exists', value: true },
      { email: null },
      false,
    ],
    [
      'email null is missing: exists false holds',
      { field: 'email', op: 'exists', value: false },
      { email: null },
      true,
    ],
    [
      'email contains, case-insensitive',
      { field: 'email', op: 'contains', value: '@ACME.test' },
      { email: 'ann@acme.TEST' },
      true,
    ],
    [
      'email null: contains fails',
      { field: 'email', op: 'contains', value: '@acme' },
      { email: null },
      false,
    ],
    ['email null: neq holds', { field: 'email', op: 'neq', value: 'x@y.z' }, { email: null }, true],
    ['phone eq', { field: 'phone', op: 'eq', value: '+15550100' }, { phone: '+15550100' }, true],
    ['phone null: exists true fails', { field: 'phone', op: 'exists', value: true }, { phone: null }, false],
    [
      'phone set: exists true holds',
      { field: 'phone', op: 'exists', value: true },
      { phone: '+15550100' },
      true,
    ],
    ['assignedTo eq', { field: 'assignedTo', op: 'eq', value: 'user_1' }, { assignedTo: 'user_1' }, true],
    [
      'assignedTo eq other user',
      { field: 'assignedTo', op: 'eq', value: 'user_1' },
      { assignedTo: 'user_2' },
      false,
    ],
    [
      'assignedTo unassigned: exists false',
      { field: 'assignedTo', op: 'exists', value: false },
      { assignedTo: null },
      true,
    ],
    [
      'assignedTo unassigned: eq fails',
      { field: 'assignedTo', op: 'eq', value: 'user_1' },
      { assignedTo: null },
      false,
    ],
  ])('%s', (_label, condition, attributes, expected) => {
    expect(matchesContactCondition(condition, contact(attributes))).toBe(expected);
  });
});

describe('isDndAll', () => {
  it.each<[string, Record<string, boolean>, boolean]>([
    ['flag set', { all: true }, true],
    ['every channel on', allChannelsOn(), true],
    ['one channel missing', Object.fromEntries(CHANNELS.slice(1).map((c) => [c, true])), false],
    ['nothing', {}, false],
  ])('%s', (_label, dnd, expected) => {
    expect(isDndAll(dnd)).toBe(expected);
  });

  it('the channel list is the one in scoring.md', () => {
    expect([...CHANNELS].sort()).toEqual(
      ['email', 'sms', 'whatsapp', 'call', 'facebook', 'instagram', 'live_chat', 'gmb'].sort(),
    );
  });
});

describe('event catalogue and interactions', () => {
  // The table in scoring.md "Event types", copied by hand.
  const SPEC_TABLE: [string, boolean][] = [
    ['email.opened', true],
    ['email.clicked', true],
    ['email.bounced', false],
    ['link.clicked', true],
    ['form.submitted', true],
    ['survey.submitted', true],
    ['appointment.booked', true],
    ['appointment.cancelled', false],
    ['appointment.no_show', false],
    ['payment.succeeded', true],
    ['payment.failed', false],
    ['payment.refunded', false],
    ['message.received', true],
    ['message.sent', false],
    ['call.completed', true],
    ['page.viewed', true],
    ['contact.unsubscribed', false],
    ['opportunity.won', true],
    ['opportunity.lost', false],
    ['review.submitted', true],
  ];

  it('the built-in catalogue is exactly the spec table', () => {
    expect(Object.keys(BUILT_IN_EVENT_TYPES).sort()).toEqual(SPEC_TABLE.map(([t]) => t).sort());
  });

  it.each(SPEC_TABLE)('%s interaction = %s', (type, interaction) => {
    expect(isDefaultInteraction(type)).toBe(interaction);
    expect(isKnownEventType(type)).toBe(true);
  });

  it.each<[string, boolean]>([
    ['webinar.attended', true],
    ['trial.started', true],
    ['app.feature_used.v2', true],
    ['a1.b_2', true],
  ])('custom type %s counts as an interaction', (type, expected) => {
    expect(isKnownEventType(type)).toBe(true);
    expect(isDefaultInteraction(type)).toBe(expected);
  });

  it.each(['webinar', 'Webinar.attended', 'webinar.', '.attended', '1a.b', 'a.B', 'a..b', 'a-b.c'])(
    '%s is not a valid custom type and not an interaction',
    (type) => {
      expect(isKnownEventType(type)).toBe(false);
      expect(isDefaultInteraction(type)).toBe(false);
    },
  );
});
