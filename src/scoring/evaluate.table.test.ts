/**
 * Table tests for the score as scoring.md defines it. Each row's expected number is worked out by hand
 * from the spec (the arithmetic is written next to the row). Every row is evaluated twice — by the
 * reference evaluateHistory and by the incremental path (applyEvent as the events arrive in real time,
 * applyAdjustment, evaluateState) — and both must agree with the hand-computed value.
 */
import { describe, expect, it } from 'vitest';
import {
  type Adjustment,
  CHANNELS,
  type ContactAttributes,
  DAY_MS,
  DEFAULT_TIERS,
  type Definition,
  type Evaluation,
  type EventRule,
  type InactivityRule,
  type Rule,
  type ScoringEvent,
  type StateRule,
  type Tier,
  applyAdjustment,
  applyEvent,
  clamp,
  compileDefinition,
  emptyState,
  evaluateHistory,
  evaluateState,
  tierIndexFor,
  tierScoreRange,
} from './index.ts';
import { at, contact, definition } from './test-factories.ts';

// ---------------------------------------------------------------------------------------------------------
// Factories

const event = (type: string, occurredAt: number, properties: Record<string, unknown> = {}): ScoringEvent => ({
  type,
  occurredAt,
  properties,
});

const eventRule = (overrides: Partial<EventRule> = {}): EventRule => ({
  id: 'ev',
  kind: 'event',
  eventType: 'link.clicked',
  points: 10,
  ...overrides,
});

const inactivityRule = (overrides: Partial<InactivityRule> = {}): InactivityRule => ({
  id: 'idle',
  kind: 'inactivity',
  days: 30,
  points: -5,
  ...overrides,
});

const stateRule = (overrides: Partial<StateRule> = {}): StateRule => ({
  id: 'st',
  kind: 'state',
  when: { field: 'dnd.all', op: 'eq', value: true },
  points: -20,
  ...overrides,
});

interface Scenario {
  definition?: Partial<Definition>;
  contact?: Partial<ContactAttributes>;
  events?: ScoringEvent[];
  adjustments?: Adjustment[];
  now: number;
}

/**
 * Evaluates a scenario by the reference path and by the incremental path (events applied in occurredAt
 * order, each at the instant it happened, then adjustments made up to `now`), asserts both agree, and
 * returns the evaluation.
 */
function evaluate(scenario: Scenario): Evaluation {
  const version = compileDefinition(definition(scenario.definition));
  const c = contact(scenario.contact);
  const events = scenario.events ?? [];
  const adjustments = scenario.adjustments ?? [];
  const full = evaluateHistory(version, { contact: c, events, adjustments }, scenario.now);

  let state = emptyState(version);
  const chronological = [...events].sort((a, b) => a.occurredAt - b.occurredAt);
  for (const e of chronological)
    if (e.occurredAt <= scenario.now) state = applyEvent(version, state, e, e.occurredAt);
  for (const a of adjustments) if (a.at <= scenario.now) state = applyAdjustment(state, a.delta);
  const incremental = evaluateState(version, state, c, scenario.now);

  expect(incremental).toEqual(full);
  expect(full.breakdown.reduce((sum, line) => sum + line.points, 0) + full.manual).toBe(full.raw);
  return full;
}

/** The count the breakdown gives a rule (0 when the rule has no line). */
const countOf = (evaluation: Evaluation, ruleId: string): number =>
  evaluation.breakdown.find((line) => line.ruleId === ruleId)?.count ?? 0;

/** points × count, as an integer (never −0, which toBe would tell apart from 0). */
const product = (points: number, count: number): number => (count === 0 ? 0 : points * count);

// ---------------------------------------------------------------------------------------------------------

describe('event rules: points × number of matching events', () => {
  // [label, rule, events, expected raw]; now = day 30; minScore null so raw = score.
  const NOW = at(30);
  it.each<[string, Partial<EventRule>, ScoringEvent[], number]>([
    ['one matching event: 1 × 10', {}, [event('link.clicked', at(1))], 10],
    [
      'three matching events: 3 × 10',
      {},
      [event('link.clicked', at(1)), event('link.clicked', at(2)), event('link.clicked', at(3))],
      30,
    ],
    ['another type does not match: 0', {}, [event('email.clicked', at(1))], 0],
    ['no events: 0', {}, [], 0],
    [
      'where url contains "spring" (case-insensitive): spring-sale, SPRING match, autumn not → 2 × 10',
      { where: [{ property: 'url', op: 'contains', value: 'spring' }] },
      [
        event('link.clicked', at(1), { url: 'https://s.test/spring-sale' }),
        event('link.clicked', at(2), { url: 'https://s.test/SPRING' }),
        event('link.clicked', at(3), { url: 'https://s.test/autumn' }),
        event('link.clicked', at(4), {}),
      ],
      20,
    ],
    [
      'where amount gte 100: amounts 50, 100, 250, missing → 2 × 25',
      { eventType: 'payment.succeeded', points: 25, where: [{ property: 'amount', op: 'gte', value: 100 }] },
      [
        event('payment.succeeded', at(1), { amount: 50 }),
        event('payment.succeeded', at(2), { amount: 100 }),
        event('payment.succeeded', at(3), { amount: 250 }),
        event('payment.succeeded', at(4), {}),
      ],
      50,
    ],
    [
      'where amount gt 100: 100 no, 101 yes → 1 × 25',
      { eventType: 'payment.succeeded', points: 25, where: [{ property: 'amount', op: 'gt', value: 100 }] },
      [
        event('payment.succeeded', at(1), { amount: 100 }),
        event('payment.succeeded', at(2), { amount: 101 }),
      ],
      25,
    ],
    [
      'where channel in [sms, whatsapp]: sms, email, whatsapp, missing → 2 × 3',
      {
        eventType: 'message.received',
        points: 3,
        where: [{ property: 'channel', op: 'in', value: ['sms', 'whatsapp'] }],
      },
      [
        event('message.received', at(1), { channel: 'sms' }),
        event('message.received', at(2), { channel: 'email' }),
        event('message.received', at(3), { channel: 'whatsapp' }),
        event('message.received', at(4), {}),
      ],
      6,
    ],
    [
      'where channel neq email: sms yes, email no, missing yes → 2 × 3',
      {
        eventType: 'message.received',
        points: 3,
        where: [{ property: 'channel', op: 'neq', value: 'email' }],
      },
      [
        event('message.received', at(1), { channel: 'sms' }),
        event('message.received', at(2), { channel: 'email' }),
        event('message.received', at(3), {}),
      ],
      6,
    ],
    [
      'where eq rating 5: 5 yes, 4 no, missing no → 1 × 15',
      { eventType: 'review.submitted', points: 15, where: [{ property: 'rating', op: 'eq', value: 5 }] },
      [
        event('review.submitted', at(1), { rating: 5 }),
        event('review.submitted', at(2), { rating: 4 }),
        event('review.submitted', at(3)),
      ],
      15,
    ],
    [
      'where campaignId exists true: present yes, missing no → 1 × 2',
      {
        eventType: 'email.opened',
        points: 2,
        where: [{ property: 'campaignId', op: 'exists', value: true }],
      },
      [event('email.opened', at(1), { campaignId: 'c1' }), event('email.opened', at(2))],
      2,
    ],
    [
      'where campaignId exists false: present no, missing yes → 1 × 2',
      {
        eventType: 'email.opened',
        points: 2,
        where: [{ property: 'campaignId', op: 'exists', value: false }],
      },
      [event('email.opened', at(1), { campaignId: 'c1' }), event('email.opened', at(2))],
      2,
    ],
    [
      'where durationSeconds gt 60 and lt 600: 60, 61, 599, 600, missing → 2 × 4',
      {
        eventType: 'call.completed',
        points: 4,
        where: [
          { property: 'durationSeconds', op: 'gt', value: 60 },
          { property: 'durationSeconds', op: 'lt', value: 600 },
        ],
      },
      [60, 61, 599, 600, undefined].map((d, i) =>
        event('call.completed', at(i + 1), d === undefined ? {} : { durationSeconds: d }),
      ),
      8,
    ],
    [
      'where durationSeconds lte 30: 30 yes, 31 no, 0 yes → 2 × −1',
      {
        eventType: 'call.completed',
        points: -1,
        where: [{ property: 'durationSeconds', op: 'lte', value: 30 }],
      },
      [30, 31, 0].map((d, i) => event('call.completed', at(i + 1), { durationSeconds: d })),
      -2,
    ],
    [
      'where direction eq inbound and durationSeconds gte 120: only the event meeting both → 1 × 7',
      {
        eventType: 'call.completed',
        points: 7,
        where: [
          { property: 'direction', op: 'eq', value: 'inbound' },
          { property: 'durationSeconds', op: 'gte', value: 120 },
        ],
      },
      [
        event('call.completed', at(1), { direction: 'inbound', durationSeconds: 120 }),
        event('call.completed', at(2), { direction: 'outbound', durationSeconds: 300 }),
        event('call.completed', at(3), { direction: 'inbound', durationSeconds: 119 }),
      ],
      7,
    ],
    [
      'negative points: 2 × −10',
      { eventType: 'payment.failed', points: -10 },
      [event('payment.failed', at(1)), event('payment.failed', at(2))],
      -20,
    ],
    [
      'custom event type: 2 × 10',
      { eventType: 'webinar.attended' },
      [event('webinar.attended', at(1)), event('webinar.attended', at(9))],
      20,
    ],
    [
      'same instant twice counts twice: 2 × 10',
      {},
      [event('link.clicked', at(5)), event('link.clicked', at(5))],
      20,
    ],
  ])('%s', (_label, rule, events, expected) => {
    const result = evaluate({ definition: { rules: [eventRule(rule)], minScore: null }, events, now: NOW });
    expect(result.raw).toBe(expected);
    expect(result.score).toBe(expected);
    expect(product(rule.points ?? 10, countOf(result, 'ev'))).toBe(expected);
  });
});

describe('event rules: maxTimes caps the count', () => {
  const clicks = (n: number): ScoringEvent[] =>
    Array.from({ length: n }, (_, i) => event('link.clicked', at(i + 1)));
  // [label, maxTimes, events, expected count]; points 10, now day 30.
  it.each<[string, number, ScoringEvent[], number]>([
    ['5 events, maxTimes 3 → min(5, 3) = 3', 3, clicks(5), 3],
    ['3 events, maxTimes 3 → 3', 3, clicks(3), 3],
    ['2 events, maxTimes 3 → 2', 3, clicks(2), 2],
    ['0 events, maxTimes 1 → 0', 1, [], 0],
    ['10 events, maxTimes 1 → 1', 1, clicks(10), 1],
  ])('%s', (_label, maxTimes, events, count) => {
    const result = evaluate({ definition: { rules: [eventRule({ maxTimes })] }, events, now: at(30) });
    expect(countOf(result, 'ev')).toBe(count);
    expect(result.raw).toBe(product(10, count));
  });

  it('maxTimes counts only matching events: 4 events, 2 match the where, maxTimes 3 → 2 × 10', () => {
    const result = evaluate({
      definition: {
        rules: [eventRule({ maxTimes: 3, where: [{ property: 'url', op: 'contains', value: 'promo' }] })],
      },
      events: [
        event('link.clicked', at(1), { url: '/promo/a' }),
        event('link.clicked', at(2), { url: '/home' }),
        event('link.clicked', at(3), { url: '/PROMO/b' }),
        event('email.clicked', at(4), { url: '/promo/c' }),
      ],
      now: at(30),
    });
    expect(result.raw).toBe(20);
  });
});

describe('event rules: expiresAfterDays (counts while now − occurredAt < days × 24 h)', () => {
  const NOW = at(30);
  const week = 7 * DAY_MS;
  // [label, rule, occurredAt list, expected count]; points 10.
  it.each<[string, Partial<EventRule>, number[], number]>([
    ['age 7 d − 1 ms still counts', { expiresAfterDays: 7 }, [NOW - week + 1], 1],
    ['age exactly 7 d no longer counts', { expiresAfterDays: 7 }, [NOW - week], 0],
    ['age 7 d + 1 ms no longer counts', { expiresAfterDays: 7 }, [NOW - week - 1], 0],
    ['age 0 (occurred at now) counts', { expiresAfterDays: 7 }, [NOW], 1],
    [
      'ages 1 d, 6 d, 8 d, 20 d → 2 live',
      { expiresAfterDays: 7 },
      [NOW - DAY_MS, NOW - 6 * DAY_MS, NOW - 8 * DAY_MS, NOW - 20 * DAY_MS],
      2,
    ],
    ['expiresAfterDays 1: age 23 h 59 m 59.999 s counts', { expiresAfterDays: 1 }, [NOW - DAY_MS + 1], 1],
    ['expiresAfterDays 1: age 24 h does not', { expiresAfterDays: 1 }, [NOW - DAY_MS], 0],
    [
      'with maxTimes 2: ages 1, 2, 3, 10 d → 3 live → min(3, 2) = 2',
      { expiresAfterDays: 7, maxTimes: 2 },
      [1, 2, 3, 10].map((d) => NOW - d * DAY_MS),
      2,
    ],
    [
      'with maxTimes 2: ages 1, 10, 12 d → 1 live → 1',
      { expiresAfterDays: 7, maxTimes: 2 },
      [1, 10, 12].map((d) => NOW - d * DAY_MS),
      1,
    ],
    [
      'with maxTimes 2: all expired → 0',
      { expiresAfterDays: 7, maxTimes: 2 },
      [7, 8].map((d) => NOW - d * DAY_MS),
      0,
    ],
  ])('%s', (_label, rule, times, count) => {
    const result = evaluate({
      definition: { rules: [eventRule(rule)] },
      events: times.map((t) => event('link.clicked', t)),
      now: NOW,
    });
    expect(countOf(result, 'ev')).toBe(count);
    expect(result.raw).toBe(product(10, count));
  });
});

describe('only events with occurredAt ≤ now count', () => {
  const NOW = at(30);
  it.each<[string, number[], number]>([
    ['occurred 1 ms after now: ignored', [NOW + 1], 0],
    ['occurred exactly at now: counts', [NOW], 1],
    ['one before, one after now', [NOW - 1, NOW + DAY_MS], 1],
  ])('%s', (_label, times, count) => {
    const result = evaluate({
      definition: { rules: [eventRule()] },
      events: times.map((t) => event('link.clicked', t)),
      now: NOW,
    });
    expect(countOf(result, 'ev')).toBe(count);
  });

  it('an expiring event that has not happened yet at now does not count and sets no expiry', () => {
    const result = evaluate({
      definition: { rules: [eventRule({ expiresAfterDays: 7 })] },
      events: [event('link.clicked', NOW + 1)],
      now: NOW,
    });
    expect(result.raw).toBe(0);
    expect(result.nextChangeAt).toBeNull();
  });
});

describe('inactivity rules (days 30, −5)', () => {
  // [label, contact createdAt, events, now, count without repeat, count with repeat]
  it.each<[string, number, ScoringEvent[], number, number, number]>([
    ['29 days of silence: no full period → 0 / 0', at(0), [], at(29), 0, 0],
    ['30 days − 1 ms: 0 / 0', at(0), [], at(30, -1), 0, 0],
    ['exactly 30 days: g ≥ P → 1 / floor(30/30) = 1', at(0), [], at(30), 1, 1],
    ['65-day silence (spec example): once → 1; repeat floor(65/30) = 2', at(0), [], at(65), 1, 2],
    ['90 days: 1 / 3', at(0), [], at(90), 1, 3],
    [
      'contact comes back on day 65, now 66: gaps 65, 1 → 1 / 2 (points stay lost)',
      at(0),
      [event('email.opened', at(65))],
      at(66),
      1,
      2,
    ],
    [
      'comes back day 65, silent again to day 100: gaps 65, 35 → 2 / 2 + 1 = 3',
      at(0),
      [event('form.submitted', at(65))],
      at(100),
      2,
      3,
    ],
    [
      'interaction every 20 days: gaps 20, 20, 20, 15 → 0 / 0',
      at(0),
      [event('email.opened', at(20)), event('page.viewed', at(40)), event('link.clicked', at(60))],
      at(75),
      0,
      0,
    ],
    [
      'a non-interaction event (email.bounced) does not break the silence: gap 65 → 1 / 2',
      at(0),
      [event('email.bounced', at(20))],
      at(65),
      1,
      2,
    ],
    [
      'message.sent (the business wrote) does not break the silence: gap 65 → 1 / 2',
      at(0),
      [event('message.sent', at(20)), event('payment.failed', at(21)), event('appointment.no_show', at(22))],
      at(65),
      1,
      2,
    ],
    [
      'a custom event type is an interaction: gaps 40, 30 → 2 / 2',
      at(0),
      [event('webinar.attended', at(40))],
      at(70),
      2,
      2,
    ],
    [
      'a₀ is the earliest event when before createdAt: a₀ = day 0, gap 65 → 1 / 2 (createdAt day 50 would give 15 → 0)',
      at(50),
      [event('email.bounced', at(0))],
      at(65),
      1,
      2,
    ],
    [
      'a₀ is createdAt when events are later: gaps 40, 5 → 1 / 1',
      at(0),
      [event('email.opened', at(40))],
      at(45),
      1,
      1,
    ],
    ['an interaction exactly at a₀: gaps 0, 30 → 1 / 1', at(0), [event('email.opened', at(0))], at(30), 1, 1],
    [
      'two interactions at the same instant: gaps 40, 0, 5 → 1 / 1',
      at(0),
      [event('email.opened', at(40)), event('email.clicked', at(40))],
      at(45),
      1,
      1,
    ],
    [
      'interaction after now is ignored: gap 59 → 1 / 1 (counting it would give floor(61/30) = 2 with repeat)',
      at(0),
      [event('email.opened', at(61))],
      at(59),
      1,
      1,
    ],
    ['now before a₀ (createdAt day 100, now day 10): last gap is 0 → 0 / 0', at(100), [], at(10), 0, 0],
    [
      'now before a₀, the only event is after now: 0 / 0',
      at(100),
      [event('email.opened', at(50))],
      at(10),
      0,
      0,
    ],
  ])('%s', (_label, createdAt, events, now, once, repeated) => {
    const plain = evaluate({
      definition: { rules: [inactivityRule()], minScore: null },
      contact: { createdAt },
      events,
      now,
    });
    expect(countOf(plain, 'idle')).toBe(once);
    expect(plain.raw).toBe(product(-5, once));

    const repeating = evaluate({
      definition: { rules: [inactivityRule({ repeat: true })], minScore: null },
      contact: { createdAt },
      events,
      now,
    });
    expect(countOf(repeating, 'idle')).toBe(repeated);
    expect(repeating.raw).toBe(product(-5, repeated));
  });

  it('repeat: false is the default (same as omitted)', () => {
    const scenario = { contact: { createdAt: at(0) }, now: at(65) };
    const omitted = evaluate({ ...scenario, definition: { rules: [inactivityRule()], minScore: null } });
    const explicit = evaluate({
      ...scenario,
      definition: { rules: [inactivityRule({ repeat: false })], minScore: null },
    });
    expect(omitted.raw).toBe(-5);
    expect(explicit.raw).toBe(-5);
  });

  it('days 1 with repeat: 3.5 days of silence → floor(3.5) = 3 × −2', () => {
    const result = evaluate({
      definition: { rules: [inactivityRule({ days: 1, points: -2, repeat: true })], minScore: null },
      now: at(3, 12 * 3_600_000),
    });
    expect(result.raw).toBe(-6);
  });

  it('positive inactivity points are allowed (+3 per 10-day silence, repeat, 25 days → 2 × 3)', () => {
    const result = evaluate({
      definition: { rules: [inactivityRule({ days: 10, points: 3, repeat: true })] },
      now: at(25),
    });
    expect(result.raw).toBe(6);
  });
});

describe('interactionTypes overrides what counts as an interaction', () => {
  // [label, interactionTypes, events, expected count]; createdAt day 0, now day 70, days 30, no repeat.
  it.each<[string, string[] | undefined, ScoringEvent[], number]>([
    [
      'default: email.bounced is not an interaction → gap 70 → 1',
      undefined,
      [event('email.bounced', at(40))],
      1,
    ],
    [
      'override [email.bounced]: it is → gaps 40, 30 → 2',
      ['email.bounced'],
      [event('email.bounced', at(40))],
      2,
    ],
    [
      'default: email.opened is an interaction → gaps 40, 30 → 2',
      undefined,
      [event('email.opened', at(40))],
      2,
    ],
    [
      'override [form.submitted]: email.opened is not → gap 70 → 1',
      ['form.submitted'],
      [event('email.opened', at(40))],
      1,
    ],
    [
      'override [form.submitted]: form.submitted is → 2',
      ['form.submitted'],
      [event('form.submitted', at(40))],
      2,
    ],
    ['override []: nothing is an interaction → 1', [], [event('email.opened', at(40))], 1],
    [
      'override without the custom type: webinar.attended is not → 1',
      ['email.opened'],
      [event('webinar.attended', at(40))],
      1,
    ],
  ])('%s', (_label, interactionTypes, events, count) => {
    const result = evaluate({
      definition: {
        rules: [inactivityRule()],
        minScore: null,
        ...(interactionTypes ? { interactionTypes } : {}),
      },
      events,
      now: at(70),
    });
    expect(countOf(result, 'idle')).toBe(count);
  });

  it('the override does not change which events an event rule counts', () => {
    const result = evaluate({
      definition: { rules: [eventRule({ eventType: 'email.opened' })], interactionTypes: ['form.submitted'] },
      events: [event('email.opened', at(1))],
      now: at(2),
    });
    expect(result.raw).toBe(10);
  });
});

describe('state rules: points while the contact attribute holds now', () => {
  const everyChannel = Object.fromEntries(CHANNELS.map((c) => [c, true]));
  // [label, rule, contact attributes, expected raw]
  it.each<[string, Partial<StateRule>, Partial<ContactAttributes>, number]>([
    ['spec example: dnd.all via the all flag → −20', {}, { dnd: { all: true } }, -20],
    ['spec example: dnd.all via every channel on → −20', {}, { dnd: everyChannel }, -20],
    ['dnd.all: every channel but gmb → 0', {}, { dnd: { ...everyChannel, gmb: false } }, 0],
    ['dnd.all: no DND → 0', {}, {}, 0],
    [
      'dnd.sms on → −7',
      { when: { field: 'dnd.sms', op: 'eq', value: true }, points: -7 },
      { dnd: { sms: true } },
      -7,
    ],
    [
      'dnd.sms off, email on → 0',
      { when: { field: 'dnd.sms', op: 'eq', value: true }, points: -7 },
      { dnd: { email: true } },
      0,
    ],
    [
      'tags contains VIP, tagged vip → +15',
      { when: { field: 'tags', op: 'contains', value: 'VIP' }, points: 15 },
      { tags: ['lead', 'vip'] },
      15,
    ],
    [
      'tags contains vip, tagged vip-gold → 0 (exact)',
      { when: { field: 'tags', op: 'contains', value: 'vip' }, points: 15 },
      { tags: ['vip-gold'] },
      0,
    ],
    [
      'fields.industry eq saas → +5',
      { when: { field: 'fields.industry', op: 'eq', value: 'saas' }, points: 5 },
      { fields: { industry: 'saas' } },
      5,
    ],
    [
      'fields.seats gte 10, seats 9 → 0',
      { when: { field: 'fields.seats', op: 'gte', value: 10 }, points: 5 },
      { fields: { seats: 9 } },
      0,
    ],
    [
      'fields.seats neq 10, no seats field → +5',
      { when: { field: 'fields.seats', op: 'neq', value: 10 }, points: 5 },
      {},
      5,
    ],
    [
      'email exists → +4',
      { when: { field: 'email', op: 'exists', value: true }, points: 4 },
      { email: 'a@b.test' },
      4,
    ],
    ['email exists, no email → 0', { when: { field: 'email', op: 'exists', value: true }, points: 4 }, {}, 0],
    [
      'phone exists false, no phone → −3',
      { when: { field: 'phone', op: 'exists', value: false }, points: -3 },
      {},
      -3,
    ],
    [
      'assignedTo eq user_1 → +8',
      { when: { field: 'assignedTo', op: 'eq', value: 'user_1' }, points: 8 },
      { assignedTo: 'user_1' },
      8,
    ],
    [
      'assignedTo eq user_1, unassigned → 0',
      { when: { field: 'assignedTo', op: 'eq', value: 'user_1' }, points: 8 },
      {},
      0,
    ],
  ])('%s', (_label, rule, attributes, expected) => {
    const result = evaluate({
      definition: { rules: [stateRule(rule)], minScore: null },
      contact: attributes,
      now: at(1),
    });
    expect(result.raw).toBe(expected);
    expect(countOf(result, 'st')).toBe(expected === 0 ? 0 : 1);
  });

  it('a state rule counts once however many events the contact has', () => {
    const result = evaluate({
      definition: {
        rules: [stateRule({ when: { field: 'tags', op: 'contains', value: 'vip' }, points: 15 })],
      },
      contact: { tags: ['vip'] },
      events: [event('email.opened', at(1)), event('email.opened', at(2))],
      now: at(3),
    });
    expect(result.raw).toBe(15);
  });

  it('a past instant is evaluated with the current attributes', () => {
    const result = evaluate({
      definition: { rules: [stateRule()], minScore: null },
      contact: { createdAt: at(10), dnd: { all: true } },
      now: at(0),
    });
    expect(result.raw).toBe(-20);
  });
});

describe('manual adjustments', () => {
  // [label, rules, adjustments, now, expected raw, expected manual]
  it.each<[string, Rule[], Adjustment[], number, number, number]>([
    ['one delta +15', [], [{ at: at(5), delta: 15 }], at(10), 15, 15],
    [
      'deltas add up: +15 − 4 = 11',
      [],
      [
        { at: at(5), delta: 15 },
        { at: at(6), delta: -4 },
      ],
      at(10),
      11,
      11,
    ],
    [
      'an adjustment after now is ignored: +15 (the +100 on day 11 is later)',
      [],
      [
        { at: at(5), delta: 15 },
        { at: at(11), delta: 100 },
      ],
      at(10),
      15,
      15,
    ],
    ['an adjustment 1 ms after now is ignored', [], [{ at: at(10, 1), delta: 9 }], at(10), 0, 0],
    ['an adjustment made exactly at now counts', [], [{ at: at(10), delta: 7 }], at(10), 7, 7],
    ['adjustments add to the rules: 10 + (−3) = 7', [eventRule()], [{ at: at(5), delta: -3 }], at(10), 7, -3],
    [
      'an adjustment can undo another: +20 − 20 = 0',
      [],
      [
        { at: at(1), delta: 20 },
        { at: at(2), delta: -20 },
      ],
      at(10),
      0,
      0,
    ],
  ])('%s', (_label, rules, adjustments, now, raw, manual) => {
    const result = evaluate({
      definition: { rules, minScore: null },
      events: [event('link.clicked', at(1))],
      adjustments,
      now,
    });
    expect(result.raw).toBe(raw);
    expect(result.manual).toBe(manual);
  });

  it('{ set: X } recorded as delta = X − raw(now) makes the score read X right after', () => {
    const def = definition({ rules: [eventRule(), inactivityRule({ repeat: true })], minScore: null });
    const version = compileDefinition(def);
    const c = contact();
    const events = [event('link.clicked', at(1)), event('link.clicked', at(2))];
    const now = at(70);
    // By hand: 2 × 10 + floor(68 / 30) × −5 = 20 − 10 = 10.
    const before = evaluateHistory(version, { contact: c, events, adjustments: [] }, now);
    expect(before.raw).toBe(10);
    const adjustments = [{ at: now, delta: 42 - before.raw }];
    const after = evaluateHistory(version, { contact: c, events, adjustments }, now);
    expect(after.score).toBe(42);
    expect(after.manual).toBe(32);
  });
});

describe('clamp to [minScore, maxScore]', () => {
  // raw comes from a manual delta; [label, minScore, maxScore, raw, expected score]
  it.each<[string, number | null, number | null, number, number]>([
    ['minScore 0 (the default) floors −30 at 0', 0, null, -30, 0],
    ['minScore 0 keeps 0', 0, null, 0, 0],
    ['minScore 0 keeps 12', 0, null, 12, 12],
    ['minScore null: no floor, −30 stays', null, null, -30, -30],
    ['minScore −10 floors −30 at −10', -10, null, -30, -10],
    ['minScore −10 keeps −10', -10, null, -10, -10],
    ['maxScore null: no ceiling, 1500 stays', 0, null, 1500, 1500],
    ['maxScore 100 caps 150 at 100', 0, 100, 150, 100],
    ['maxScore 100 keeps 100', 0, 100, 100, 100],
    ['maxScore 100 keeps 99', 0, 100, 99, 99],
    ['both bounds null', null, null, -5000, -5000],
  ])('%s', (_label, minScore, maxScore, raw, expected) => {
    const result = evaluate({
      definition: { minScore, maxScore },
      adjustments: [{ at: at(0), delta: raw }],
      now: at(1),
    });
    expect(result.raw).toBe(raw);
    expect(result.score).toBe(expected);
    expect(clamp(raw, minScore, maxScore)).toBe(expected);
  });

  it('rules and adjustments are summed before clamping: 3 × −10 + 25 = −5 → 0', () => {
    const result = evaluate({
      definition: { rules: [eventRule({ points: -10 })] },
      events: [1, 2, 3].map((d) => event('link.clicked', at(d))),
      adjustments: [{ at: at(4), delta: 25 }],
      now: at(5),
    });
    expect(result.raw).toBe(-5);
    expect(result.score).toBe(0);
  });
});

describe('tiers', () => {
  it('the default tiers are the ones in scoring.md', () => {
    expect(DEFAULT_TIERS).toEqual([
      { name: 'High', minScore: 50, action: 'Prioritize for immediate sales outreach' },
      { name: 'Medium', minScore: 20, action: 'Continue nurturing with relevant content' },
      { name: 'Low', minScore: 1, action: 'Enroll in re-engagement workflows' },
      { name: 'Very low', minScore: null, action: 'Review contact quality; consider list cleaning' },
    ]);
  });

  // Default tiers: High ≥ 50 (0), Medium ≥ 20 (1), Low ≥ 1 (2), Very low (3). minScore null.
  it.each<[number, number]>([
    [1000, 0],
    [50, 0],
    [49, 1],
    [20, 1],
    [19, 2],
    [1, 2],
    [0, 3],
    [-5, 3],
  ])('default tiers: score %i → tier %i', (score, tier) => {
    const result = evaluate({
      definition: { minScore: null },
      adjustments: [{ at: at(0), delta: score }],
      now: at(1),
    });
    expect(result.tierIndex).toBe(tier);
    expect(tierIndexFor(score, DEFAULT_TIERS)).toBe(tier);
  });

  const custom: Tier[] = [
    { name: 'Hot', minScore: 10 },
    { name: 'Warm', minScore: -10 },
    { name: 'Cold', minScore: null },
  ];
  it.each<[number, number]>([
    [10, 0],
    [9, 1],
    [-10, 1],
    [-11, 2],
  ])('custom tiers: score %i → tier %i', (score, tier) => {
    const result = evaluate({
      definition: { minScore: null, tiers: custom },
      adjustments: [{ at: at(0), delta: score }],
      now: at(1),
    });
    expect(result.tierIndex).toBe(tier);
  });

  it.each<[string, number | null, number | null, number, number]>([
    ['raw 150 capped at 40 → Medium', 0, 40, 150, 1],
    ['raw −5 floored at 0 → Very low', 0, null, -5, 3],
    ['raw 10 floored at 60 → High', 60, null, 10, 0],
  ])('the tier follows the clamped score: %s', (_label, minScore, maxScore, raw, tier) => {
    const result = evaluate({
      definition: { minScore, maxScore },
      adjustments: [{ at: at(0), delta: raw }],
      now: at(1),
    });
    expect(result.tierIndex).toBe(tier);
  });

  // The score range each default tier covers (for filtering lists by tier): integers, inclusive.
  it.each<[number, number | null, number | null]>([
    [0, 50, null],
    [1, 20, 49],
    [2, 1, 19],
    [3, null, 0],
  ])('default tier %i covers scores %s … %s', (index, min, max) => {
    expect(tierScoreRange(index, DEFAULT_TIERS)).toEqual({ min, max });
  });

  it('every score from −100 to 100 falls in the range of exactly the tier it is given', () => {
    for (const tiers of [DEFAULT_TIERS, custom]) {
      for (let score = -100; score <= 100; score++) {
        const holding = tiers
          .map((_t, i) => tierScoreRange(i, tiers))
          .flatMap(({ min, max }, i) =>
            (min === null || min <= score) && (max === null || score <= max) ? [i] : [],
          );
        expect(holding).toEqual([tierIndexFor(score, tiers)]);
      }
    }
  });

  it('a contact with no events and no rules still has a score: 0, Very low, empty breakdown', () => {
    const result = evaluate({ now: at(1) });
    expect(result).toMatchObject({
      raw: 0,
      score: 0,
      manual: 0,
      tierIndex: 3,
      breakdown: [],
      nextChangeAt: null,
    });
  });
});

describe('breakdown', () => {
  it('one line per contributing rule (rule, count, points) plus the manual total; lines sum to raw', () => {
    const rules: Rule[] = [
      eventRule({ id: 'clicks', maxTimes: 2 }),
      eventRule({ id: 'forms', eventType: 'form.submitted', points: 5 }),
      inactivityRule({ id: 'idle', repeat: true }),
      stateRule({ id: 'vip', when: { field: 'tags', op: 'contains', value: 'vip' }, points: 15 }),
      stateRule({ id: 'dnd', points: -20 }),
    ];
    const result = evaluate({
      definition: { rules },
      contact: { tags: ['VIP'] },
      events: [1, 2, 3].map((d) => event('link.clicked', at(d))),
      adjustments: [
        { at: at(4), delta: 3 },
        { at: at(5), delta: -1 },
      ],
      now: at(70),
    });
    // clicks: min(3, 2) × 10 = 20; forms: none; idle: gaps 1, 1, 1, 67 → floor(67/30) = 2 × −5 = −10;
    // vip: +15; dnd: does not hold; manual 3 − 1 = 2. raw = 20 − 10 + 15 + 2 = 27 → Medium.
    const lines = result.breakdown.map(({ ruleId, count, points }) => ({ ruleId, count, points }));
    expect(lines.sort((a, b) => a.ruleId.localeCompare(b.ruleId))).toEqual([
      { ruleId: 'clicks', count: 2, points: 20 },
      { ruleId: 'idle', count: 2, points: -10 },
      { ruleId: 'vip', count: 1, points: 15 },
    ]);
    expect(result.manual).toBe(2);
    expect(result.raw).toBe(27);
    expect(result.score).toBe(27);
    expect(result.tierIndex).toBe(1);
    for (const line of result.breakdown) expect(typeof line.description).toBe('string');
  });

  it('lines sum to raw, not to the clamped score', () => {
    const result = evaluate({
      definition: { rules: [eventRule({ points: -10 })] },
      events: [event('link.clicked', at(1)), event('link.clicked', at(2))],
      adjustments: [{ at: at(2), delta: 5 }],
      now: at(3),
    });
    // −20 + 5 = −15, clamped to 0.
    expect(result.breakdown.map((l) => l.points)).toEqual([-20]);
    expect(result.raw).toBe(-15);
    expect(result.score).toBe(0);
  });

  it('a rule given a description is explained with it', () => {
    const result = evaluate({
      definition: { rules: [eventRule({ description: 'Clicked a trigger link' })] },
      events: [event('link.clicked', at(1))],
      now: at(2),
    });
    expect(result.breakdown[0]?.description).toBe('Clicked a trigger link');
  });
});

describe('nextChangeAt: the next instant the score changes with no new fact', () => {
  // [label, rules, createdAt, events, now, expected]
  it.each<[string, Rule[], number, ScoringEvent[], number, number | null]>([
    ['no rules → null', [], at(0), [event('link.clicked', at(1))], at(5), null],
    [
      'non-expiring event rules (even with maxTimes) → null',
      [eventRule({ maxTimes: 2 })],
      at(0),
      [event('link.clicked', at(1))],
      at(5),
      null,
    ],
    ['state rules → null', [stateRule()], at(0), [], at(5), null],
    [
      'expiring events at days 1, 3 (7 days), now day 5 → the oldest expires at day 8',
      [eventRule({ expiresAfterDays: 7 })],
      at(0),
      [event('link.clicked', at(1)), event('link.clicked', at(3))],
      at(5),
      at(8),
    ],
    [
      'already expired events do not count: days 0, 4 (3 days), now day 5 → day 4 + 3 = day 7',
      [eventRule({ expiresAfterDays: 3 })],
      at(0),
      [event('link.clicked', at(0)), event('link.clicked', at(4))],
      at(5),
      at(7),
    ],
    [
      'all expired → null',
      [eventRule({ expiresAfterDays: 3 })],
      at(0),
      [event('link.clicked', at(0)), event('link.clicked', at(1))],
      at(5),
      null,
    ],
    [
      'maxTimes 2, 10 days, live at days 1, 2, 3, 4: (4 − 2 + 1) = 3rd oldest → day 3 + 10 = day 13',
      [eventRule({ expiresAfterDays: 10, maxTimes: 2 })],
      at(0),
      [1, 2, 3, 4].map((d) => event('link.clicked', at(d))),
      at(5),
      at(13),
    ],
    [
      'maxTimes 1, 10 days, live at days 1, 2, 3: 3rd oldest → day 13',
      [eventRule({ expiresAfterDays: 10, maxTimes: 1 })],
      at(0),
      [1, 2, 3].map((d) => event('link.clicked', at(d))),
      at(5),
      at(13),
    ],
    [
      'maxTimes 3, 10 days, 2 live at days 1, 2: the oldest → day 11',
      [eventRule({ expiresAfterDays: 10, maxTimes: 3 })],
      at(0),
      [1, 2].map((d) => event('link.clicked', at(d))),
      at(5),
      at(11),
    ],
    ['inactivity, silence since day 0, now day 10 → day 30', [inactivityRule()], at(0), [], at(10), at(30)],
    [
      'inactivity without repeat, current silence already counted (day 35) → null',
      [inactivityRule()],
      at(0),
      [],
      at(35),
      null,
    ],
    [
      'inactivity without repeat, back on day 40, now day 50 → day 70',
      [inactivityRule()],
      at(0),
      [event('email.opened', at(40))],
      at(50),
      at(70),
    ],
    [
      'inactivity with repeat, now day 65 → day 90',
      [inactivityRule({ repeat: true })],
      at(0),
      [],
      at(65),
      at(90),
    ],
    [
      'inactivity with repeat, now exactly day 60 → day 90',
      [inactivityRule({ repeat: true })],
      at(0),
      [],
      at(60),
      at(90),
    ],
    [
      'inactivity with repeat, now day 10 → day 30',
      [inactivityRule({ repeat: true })],
      at(0),
      [],
      at(10),
      at(30),
    ],
    [
      'now before a₀ (createdAt day 100, now day 10) → a₀ + P = day 130',
      [inactivityRule()],
      at(100),
      [],
      at(10),
      at(130),
    ],
    [
      'a₀ = earliest event (day 0) before createdAt (day 50), now day 10 → day 30',
      [inactivityRule()],
      at(50),
      [event('email.bounced', at(0))],
      at(10),
      at(30),
    ],
    [
      'a non-interaction event does not restart the silence: created day 0, bounce day 20, now 25 → day 30',
      [inactivityRule()],
      at(0),
      [event('email.bounced', at(20))],
      at(25),
      at(30),
    ],
    [
      'an interaction after now is not known yet: created day 0, interaction day 20, now day 10 → day 30',
      [inactivityRule()],
      at(0),
      [event('email.opened', at(20))],
      at(10),
      at(30),
    ],
    [
      'the earliest over all rules: expiry at day 8, inactivity at day 30 → day 8',
      [inactivityRule(), eventRule({ id: 'exp', eventType: 'email.bounced', expiresAfterDays: 7 })],
      at(0),
      [event('email.bounced', at(1))],
      at(5),
      at(8),
    ],
    [
      'the earliest over all rules: expiry at day 31, inactivity at day 30 → day 30',
      [inactivityRule(), eventRule({ id: 'exp', eventType: 'email.bounced', expiresAfterDays: 30 })],
      at(0),
      [event('email.bounced', at(1))],
      at(5),
      at(30),
    ],
  ])('%s', (_label, rules, createdAt, events, now, expected) => {
    const scenario = { definition: { rules, minScore: null }, contact: { createdAt }, events, now };
    const result = evaluate(scenario);
    expect(result.nextChangeAt).toBe(expected);
    // With no new fact (events after `now` stay unknown) the counts hold until nextChangeAt and change at it.
    const known = events.filter((e) => e.occurredAt <= now);
    const countsAt = (t: number) => evaluate({ ...scenario, events: known, now: t }).breakdown;
    if (expected === null) {
      expect(countsAt(now + 3650 * DAY_MS)).toEqual(result.breakdown);
    } else {
      expect(countsAt(expected - 1)).toEqual(result.breakdown);
      expect(countsAt(expected)).not.toEqual(result.breakdown);
    }
  });
});
