/**
 * Property tests of the scoring engine over random definitions, contacts, event histories and adjustments.
 *
 *  a. incremental = full: the server's fold (late / out-of-order arrivals, duplicate deliveries skipped by
 *     event id, adjustments, a storage round trip after every step) evaluated with evaluateState agrees with
 *     evaluateHistory — after every step and at a final `now` past every arrival.
 *  b. breakdown lines + manual = raw, for both evaluations.
 *  c. evaluating at `at` ignores later facts.
 *  d. encodeState / decodeState round-trips (also checked after every fold step in a).
 *  e. evaluateHistory does not depend on the order of events or adjustments.
 *  f. evaluateHistory agrees with a small, independent transcription of scoring.md (the oracle below).
 *  g. nextChangeAt is when the counts next change with no new fact (null: they never change).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Adjustment,
  type Condition,
  type ConditionOp,
  type ContactAttributes,
  type ContactCondition,
  DAY_MS,
  type Definition,
  type Evaluation,
  type Rule,
  type Scalar,
  type ScoringEvent,
  type Tier,
  applyAdjustment,
  applyEvent,
  compileDefinition,
  decodeState,
  emptyState,
  encodeState,
  evaluateHistory,
  evaluateState,
  matchesContactCondition,
  matchesEventConditions,
} from './index.ts';

const T0 = Date.UTC(2025, 0, 1);
const HOUR = 3_600_000;
const RUNS = 1000;

// ---------------------------------------------------------------------------------------------------------
// Arbitraries

/** A few built-in types (interactions and not) and two custom types. */
const TYPES = [
  'email.opened',
  'link.clicked',
  'form.submitted',
  'email.bounced',
  'message.sent',
  'webinar.attended',
  'trial.started',
] as const;
/** Event types, the first three far more often, so that rules and events meet. */
const typeArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('email.opened', 'link.clicked', 'webinar.attended') },
  { weight: 1, arbitrary: fc.constantFrom(...TYPES) },
);
const PROPERTY_KEYS = ['url', 'amount', 'channel', 'flag'] as const;
const OPS: ConditionOp[] = ['eq', 'neq', 'in', 'gt', 'gte', 'lt', 'lte', 'contains', 'exists'];
const CHANNEL_NAMES = ['email', 'sms', 'whatsapp', 'call', 'facebook', 'instagram', 'live_chat', 'gmb'];
const TAGS = ['vip', 'VIP', 'Lead', 'cold', 'vip-gold'];

const pointsArb = fc.integer({ min: -50, max: 50 }).filter((p) => p !== 0);

/**
 * Instants on a day grid or an hour grid (so boundaries like "exactly 7 days old" or "exactly 30 days of
 * silence" are hit often), or anywhere to the millisecond.
 */
const instantArb = fc.oneof(
  fc.integer({ min: -10, max: 60 }).map((d) => T0 + d * DAY_MS),
  fc.integer({ min: -10 * 24, max: 60 * 24 }).map((h) => T0 + h * HOUR),
  fc.integer({ min: -10 * DAY_MS, max: 60 * DAY_MS }).map((ms) => T0 + ms),
);
/** A non-negative duration, mostly short: 0, whole hours, whole days, or any number of milliseconds. */
const delayArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 72 }).map((h) => h * HOUR) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 }).map((d) => d * DAY_MS) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 * DAY_MS }) },
);

const scalarArb: fc.Arbitrary<Scalar> = fc.oneof(
  fc.constantFrom('spring', 'Spring Sale', 'sms', 'SMS', 'x', ''),
  fc.integer({ min: -2, max: 5 }),
  fc.boolean(),
);
const stringNeedleArb = fc.constantFrom('spring', 'SALE', 's', 'x', 'sms', '');

/** The values each event property usually takes, so that conditions often match (and often do not). */
const PROPERTY_DOMAINS: Record<(typeof PROPERTY_KEYS)[number], fc.Arbitrary<Scalar>> = {
  url: fc.constantFrom('https://x.test/Spring-Sale', '/home', 'spring'),
  amount: fc.integer({ min: 0, max: 5 }),
  channel: fc.constantFrom('sms', 'SMS', 'email'),
  flag: fc.boolean(),
};
const domainOf = (property: string): fc.Arbitrary<Scalar> =>
  property in PROPERTY_DOMAINS
    ? fc.oneof(
        { weight: 4, arbitrary: PROPERTY_DOMAINS[property as keyof typeof PROPERTY_DOMAINS] },
        { weight: 1, arbitrary: scalarArb },
      )
    : scalarArb;

function valueFor(op: ConditionOp, property: string): fc.Arbitrary<Scalar | Scalar[]> {
  switch (op) {
    case 'exists':
      return fc.boolean();
    case 'in':
      return fc.array(domainOf(property), { maxLength: 3 });
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return fc.integer({ min: -1, max: 6 });
    case 'contains':
      return stringNeedleArb;
    default:
      return domainOf(property);
  }
}

const conditionArb: fc.Arbitrary<Condition> = fc
  .tuple(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom<string>(...PROPERTY_KEYS) },
      { weight: 1, arbitrary: fc.constant('missing') },
    ),
    fc.constantFrom(...OPS),
  )
  .chain(([property, op]) => valueFor(op, property).map((value) => ({ property, op, value })));

/** Mostly no condition or one, sometimes up to three. */
const whereArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant<Condition[]>([]) },
  { weight: 3, arbitrary: fc.array(conditionArb, { minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.array(conditionArb, { minLength: 2, maxLength: 3 }) },
);

const contactConditionArb: fc.Arbitrary<ContactCondition> = fc.oneof(
  // DND flags are booleans.
  fc.record({
    field: fc.constantFrom('dnd.all', 'dnd.sms', 'dnd.email'),
    op: fc.constantFrom<ConditionOp>('eq', 'neq'),
    value: fc.boolean(),
  }),
  // Tags: the ops the API accepts for tags.
  fc
    .constantFrom<ConditionOp>('contains', 'eq', 'neq', 'in', 'exists')
    .chain((op) =>
      (op === 'exists'
        ? fc.boolean()
        : op === 'in'
          ? fc.subarray(['vip', 'LEAD', 'warm'])
          : fc.constantFrom('vip', 'VIP', 'lead', 'vip-g')
      ).map((value): ContactCondition => ({ field: 'tags', op, value })),
    ),
  // Scalar attributes, any op.
  fc
    .tuple(
      fc.constantFrom('email', 'phone', 'assignedTo', 'fields.plan', 'fields.seats'),
      fc.constantFrom(...OPS),
    )
    .chain(([field, op]) => valueFor(op, field).map((value) => ({ field, op, value }))),
);

const ruleArb: fc.Arbitrary<Rule> = fc.oneof(
  fc
    .record({
      id: fc.constant(''),
      kind: fc.constant('event' as const),
      eventType: typeArb,
      where: fc.option(whereArb, { nil: undefined, freq: 4 }),
      points: pointsArb,
      maxTimes: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined, freq: 2 }),
      expiresAfterDays: fc.option(
        fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 30 })),
        {
          nil: undefined,
          freq: 2,
        },
      ),
    })
    // Optional fields left out rather than present as undefined, as in a stored definition.
    .map(
      (rule) =>
        Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined)) as unknown as Rule,
    ),
  fc.record(
    {
      id: fc.constant(''),
      kind: fc.constant('inactivity' as const),
      days: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 40 })),
      points: pointsArb,
      repeat: fc.boolean(),
    },
    { requiredKeys: ['id', 'kind', 'days', 'points'] },
  ),
  fc.record({
    id: fc.constant(''),
    kind: fc.constant('state' as const),
    when: contactConditionArb,
    points: pointsArb,
  }),
);

const tiersArb: fc.Arbitrary<Tier[]> = fc
  .uniqueArray(fc.integer({ min: -60, max: 120 }), { maxLength: 4 })
  .map((mins) => [
    ...[...mins].sort((a, b) => b - a).map((minScore, i) => ({ name: `t${i}`, minScore })),
    { name: 'rest', minScore: null },
  ]);

const definitionArb: fc.Arbitrary<Definition> = fc
  .record(
    {
      rules: fc.array(ruleArb, { maxLength: 8 }),
      minScore: fc.option(fc.integer({ min: -80, max: 30 })),
      maxScore: fc.option(fc.integer({ min: -20, max: 200 })),
      tiers: tiersArb,
      interactionTypes: fc.subarray<string>([...TYPES, 'page.viewed']),
    },
    { requiredKeys: ['rules', 'minScore', 'maxScore', 'tiers'] },
  )
  .map((d) => {
    const rules = d.rules.map((rule, i) => ({ ...rule, id: `r${i}` }));
    const swap = d.minScore !== null && d.maxScore !== null && d.maxScore < d.minScore;
    return {
      ...d,
      rules,
      minScore: swap ? d.maxScore : d.minScore,
      maxScore: swap ? d.minScore : d.maxScore,
    };
  });

const contactArb: fc.Arbitrary<ContactAttributes> = fc.record({
  createdAt: instantArb,
  email: fc.option(fc.constantFrom('ann@acme.test', 'BOB@Spring.test', 'x')),
  phone: fc.option(fc.constantFrom('+15550100', 'sms')),
  tags: fc.subarray(TAGS),
  assignedTo: fc.option(fc.constantFrom('u1', 'x')),
  dnd: fc.oneof(
    fc.dictionary(fc.constantFrom('all', ...CHANNEL_NAMES), fc.boolean()),
    fc.constant(Object.fromEntries(CHANNEL_NAMES.map((c) => [c, true]))),
  ),
  fields: fc.dictionary(fc.constantFrom('plan', 'seats'), fc.oneof(scalarArb, fc.constant(null))),
});

const propertiesArb: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    url: fc.oneof({ weight: 5, arbitrary: domainOf('url') }, { weight: 1, arbitrary: fc.constant(null) }),
    amount: fc.oneof(
      { weight: 5, arbitrary: domainOf('amount') },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    channel: fc.oneof(
      { weight: 5, arbitrary: domainOf('channel') },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    flag: domainOf('flag'),
  },
  { requiredKeys: [] },
);

interface Delivery {
  delay: number;
  tie: number;
}
interface GeneratedEvent extends ScoringEvent {
  id: string;
  /** Each delivery of the event: it arrives `delay` after it occurred; `tie` orders equal arrival times. */
  deliveries: Delivery[];
}

const deliveryArb: fc.Arbitrary<Delivery> = fc.record({ delay: delayArb, tie: fc.integer() });

const eventsArb: fc.Arbitrary<GeneratedEvent[]> = fc
  .array(
    fc.record({
      type: typeArb,
      occurredAt: instantArb,
      properties: propertiesArb,
      deliveries: fc.array(deliveryArb, { minLength: 1, maxLength: 3 }),
    }),
    { maxLength: 16, size: 'medium' },
  )
  .map((events) => events.map((e, i) => ({ ...e, id: `e${i}` })));

const adjustmentsArb: fc.Arbitrary<(Adjustment & { tie: number })[]> = fc.array(
  fc.record({ at: instantArb, delta: fc.integer({ min: -40, max: 40 }), tie: fc.integer() }),
  { maxLength: 4 },
);

interface World {
  definition: Definition;
  contact: ContactAttributes;
  events: GeneratedEvent[];
  adjustments: (Adjustment & { tie: number })[];
  /** A final instant at or after every arrival and adjustment. */
  now: number;
  /** Some instant, anywhere, to evaluate the past at. */
  at: number;
  /** Random sort keys, to permute events and adjustments. */
  shuffle: number[];
}

const worldArb: fc.Arbitrary<World> = fc
  .record({
    definition: definitionArb,
    contact: contactArb,
    events: eventsArb,
    adjustments: adjustmentsArb,
    base: instantArb,
    extra: delayArb,
    at: fc.oneof(
      { weight: 1, arbitrary: instantArb.map((t) => ({ t })) },
      // Whole days (or ±1 ms) after one of the events or the contact's creation: expiry and silence boundaries.
      {
        weight: 2,
        arbitrary: fc.record({
          i: fc.nat(),
          days: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 45 })),
          ms: fc.constantFrom(-1, 0, 0, 1),
        }),
      },
    ),
    shuffle: fc.array(fc.integer(), { minLength: 20, maxLength: 20 }),
  })
  .map(({ base, extra, at, ...w }) => {
    const arrivals = w.events.flatMap((e) => e.deliveries.map((d) => e.occurredAt + d.delay));
    const latest = Math.max(base, ...arrivals, ...w.adjustments.map((a) => a.at));
    const anchors = [w.contact.createdAt, ...w.events.map((e) => e.occurredAt)];
    const instant = 't' in at ? at.t : anchors[at.i % anchors.length]! + at.days * DAY_MS + at.ms;
    return { ...w, now: latest + extra, at: instant };
  });

const plainEvent = ({ type, occurredAt, properties }: ScoringEvent): ScoringEvent => ({
  type,
  occurredAt,
  properties,
});
const plainAdjustment = ({ at, delta }: Adjustment): Adjustment => ({ at, delta });

// ---------------------------------------------------------------------------------------------------------
// The oracle: scoring.md transcribed naively, sharing no code with the engine.

const SPEC_INTERACTION: Record<string, boolean> = {
  'email.opened': true,
  'email.clicked': true,
  'email.bounced': false,
  'link.clicked': true,
  'form.submitted': true,
  'survey.submitted': true,
  'appointment.booked': true,
  'appointment.cancelled': false,
  'appointment.no_show': false,
  'payment.succeeded': true,
  'payment.failed': false,
  'payment.refunded': false,
  'message.received': true,
  'message.sent': false,
  'call.completed': true,
  'page.viewed': true,
  'contact.unsubscribed': false,
  'opportunity.won': true,
  'opportunity.lost': false,
  'review.submitted': true,
};
const SPEC_CUSTOM_TYPE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

function oracleIsInteraction(definition: Definition, type: string): boolean {
  if (definition.interactionTypes) return definition.interactionTypes.includes(type);
  if (type in SPEC_INTERACTION) return SPEC_INTERACTION[type]!;
  return SPEC_CUSTOM_TYPE.test(type);
}

/** A property that is absent (or JSON null) is missing. */
const isAbsent = (v: unknown): boolean => v === undefined || v === null;

function oracleOp(op: ConditionOp, actual: unknown, value: Scalar | Scalar[]): boolean {
  if (op === 'exists') return value === !isAbsent(actual);
  if (isAbsent(actual)) return op === 'neq';
  const num = (x: unknown): x is number => typeof x === 'number';
  switch (op) {
    case 'eq':
      return actual === value;
    case 'neq':
      return actual !== value;
    case 'in':
      return (value as Scalar[]).includes(actual as Scalar);
    case 'gt':
      return num(actual) && num(value) && actual > value;
    case 'gte':
      return num(actual) && num(value) && actual >= value;
    case 'lt':
      return num(actual) && num(value) && actual < value;
    case 'lte':
      return num(actual) && num(value) && actual <= value;
    case 'contains':
      return (
        typeof actual === 'string' &&
        typeof value === 'string' &&
        actual.toLowerCase().includes(value.toLowerCase())
      );
  }
}

/** tags: "contains" = the list holds the value, exact and case-insensitive; eq/in/neq/exists likewise on the list. */
function oracleTags(op: ConditionOp, tags: string[], value: Scalar | Scalar[]): boolean {
  const has = (v: Scalar) => tags.some((t) => t.toLowerCase() === String(v).toLowerCase());
  switch (op) {
    case 'contains':
    case 'eq':
      return has(value as Scalar);
    case 'in':
      return (value as Scalar[]).some(has);
    case 'neq':
      return !has(value as Scalar);
    case 'exists':
      return value === tags.length > 0;
    default:
      return false;
  }
}

function oracleContact(condition: ContactCondition, c: ContactAttributes): boolean {
  const { field, op, value } = condition;
  if (field === 'tags') return oracleTags(op, c.tags, value);
  let actual: unknown;
  if (field === 'dnd.all') actual = c.dnd.all === true || CHANNEL_NAMES.every((ch) => c.dnd[ch] === true);
  else if (field.startsWith('dnd.')) actual = c.dnd[field.slice('dnd.'.length)] === true;
  else if (field.startsWith('fields.')) actual = c.fields[field.slice('fields.'.length)];
  else if (field === 'email') actual = c.email;
  else if (field === 'phone') actual = c.phone;
  else if (field === 'assignedTo') actual = c.assignedTo;
  return oracleOp(op, actual, value);
}

interface OracleResult {
  counts: number[];
  lines: { ruleId: string; count: number; points: number }[];
  manual: number;
  raw: number;
  score: number;
  tierIndex: number;
}

function oracle(
  definition: Definition,
  c: ContactAttributes,
  allEvents: readonly ScoringEvent[],
  adjustments: readonly Adjustment[],
  now: number,
): OracleResult {
  const events = allEvents.filter((e) => e.occurredAt <= now);
  let a0 = c.createdAt;
  for (const e of events) if (e.occurredAt < a0) a0 = e.occurredAt;
  const counts = definition.rules.map((rule): number => {
    if (rule.kind === 'event') {
      let m = 0;
      for (const e of events) {
        if (e.type !== rule.eventType) continue;
        if (!(rule.where ?? []).every((w) => oracleOp(w.op, e.properties[w.property], w.value))) continue;
        if (rule.expiresAfterDays !== undefined && !(now - e.occurredAt < rule.expiresAfterDays * 24 * HOUR))
          continue;
        m++;
      }
      return rule.maxTimes === undefined ? m : Math.min(m, rule.maxTimes);
    }
    if (rule.kind === 'inactivity') {
      const period = rule.days * 24 * HOUR;
      const ts = events
        .filter((e) => oracleIsInteraction(definition, e.type))
        .map((e) => e.occurredAt)
        .sort((x, y) => x - y);
      const points = [a0, ...ts, now];
      let n = 0;
      for (let i = 0; i + 1 < points.length; i++) {
        let gap = points[i + 1]! - points[i]!;
        if (i + 2 === points.length && now < a0) gap = 0;
        n += rule.repeat ? Math.floor(gap / period) : gap >= period ? 1 : 0;
      }
      return n;
    }
    return oracleContact(rule.when, c) ? 1 : 0;
  });
  const lines = definition.rules
    .map((rule, i) => ({ ruleId: rule.id, count: counts[i]!, points: rule.points * counts[i]! }))
    .filter((line) => line.count !== 0);
  const manual = adjustments.filter((a) => a.at <= now).reduce((s, a) => s + a.delta, 0);
  const raw = lines.reduce((s, l) => s + l.points, 0) + manual;
  let score = raw;
  if (definition.minScore !== null && score < definition.minScore) score = definition.minScore;
  if (definition.maxScore !== null && score > definition.maxScore) score = definition.maxScore;
  const tierIndex = definition.tiers.findIndex((t) => t.minScore === null || t.minScore <= score);
  return { counts, lines, manual, raw, score, tierIndex };
}

const linesOf = (e: Evaluation) =>
  e.breakdown
    .map(({ ruleId, count, points }) => ({ ruleId, count, points }))
    .sort((a, b) => a.ruleId.localeCompare(b.ruleId));

const sumsToRaw = (e: Evaluation): boolean =>
  e.breakdown.reduce((s, l) => s + l.points, 0) + e.manual === e.raw;

// ---------------------------------------------------------------------------------------------------------

describe('scoring engine properties', () => {
  it('a + b + d: the incremental fold (late, out of order, duplicated arrivals) equals the full evaluation', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const version = compileDefinition(w.definition);
        type Step =
          | { t: number; tie: number; kind: 'event'; event: GeneratedEvent }
          | { t: number; tie: number; kind: 'adjustment'; adjustment: Adjustment };
        const steps: Step[] = [
          ...w.events.flatMap((event) =>
            event.deliveries.map(
              (d): Step => ({ t: event.occurredAt + d.delay, tie: d.tie, kind: 'event', event }),
            ),
          ),
          ...w.adjustments.map(
            (a): Step => ({ t: a.at, tie: a.tie, kind: 'adjustment', adjustment: plainAdjustment(a) }),
          ),
        ].sort((x, y) => x.t - y.t || x.tie - y.tie);

        const seen = new Set<string>();
        const knownEvents: ScoringEvent[] = [];
        const knownAdjustments: Adjustment[] = [];
        let state = emptyState(version);
        for (const step of steps) {
          if (step.kind === 'event') {
            if (seen.has(step.event.id)) continue; // a duplicate delivery changes nothing
            seen.add(step.event.id);
            const e = plainEvent(step.event);
            state = applyEvent(version, state, e, step.t);
            knownEvents.push(e);
          } else {
            state = applyAdjustment(state, step.adjustment.delta);
            knownAdjustments.push(step.adjustment);
          }
          // Stored between steps: the storage form round-trips.
          const stored = decodeState(version, encodeState(version, state));
          expect(stored).toEqual(state);
          state = stored;
          // What the server knows so far, evaluated at the arrival instant.
          const partial = evaluateState(version, state, w.contact, step.t);
          const partialFull = evaluateHistory(
            version,
            { contact: w.contact, events: knownEvents, adjustments: knownAdjustments },
            step.t,
          );
          expect(partial).toEqual(partialFull);
        }

        const incremental = evaluateState(version, state, w.contact, w.now);
        const full = evaluateHistory(
          version,
          {
            contact: w.contact,
            events: w.events.map(plainEvent),
            adjustments: w.adjustments.map(plainAdjustment),
          },
          w.now,
        );
        expect(incremental).toEqual(full);
        expect(sumsToRaw(incremental)).toBe(true);
        expect(sumsToRaw(full)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('a: the state also agrees at later instants and at each due instant in turn (time passing, no new fact)', () => {
    fc.assert(
      fc.property(worldArb, fc.array(delayArb, { minLength: 1, maxLength: 4 }), (w, laters) => {
        const version = compileDefinition(w.definition);
        const arrivals = w.events
          .map((e) => ({ e, t: e.occurredAt + Math.min(...e.deliveries.map((d) => d.delay)) }))
          .sort((x, y) => x.t - y.t);
        let state = emptyState(version);
        for (const { e, t } of arrivals) state = applyEvent(version, state, plainEvent(e), t);
        for (const a of w.adjustments) state = applyAdjustment(state, a.delta);
        const input = {
          contact: w.contact,
          events: w.events.map(plainEvent),
          adjustments: w.adjustments.map(plainAdjustment),
        };
        let t = w.now;
        for (const later of laters) {
          t += later;
          expect(evaluateState(version, state, w.contact, t)).toEqual(evaluateHistory(version, input, t));
        }
        // As the server's sweep does: step through the due instants one after another.
        let due = evaluateState(version, state, w.contact, w.now).nextChangeAt;
        for (let i = 0; i < 12 && due !== null; i++) {
          const fromState = evaluateState(version, state, w.contact, due);
          expect(fromState).toEqual(evaluateHistory(version, input, due));
          expect(fromState.nextChangeAt === null || fromState.nextChangeAt > due).toBe(true);
          due = fromState.nextChangeAt;
        }
      }),
      { numRuns: RUNS / 2 },
    );
  });

  it('b + f: evaluateHistory agrees with an independent transcription of scoring.md, and lines sum to raw', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const version = compileDefinition(w.definition);
        const events = w.events.map(plainEvent);
        const adjustments = w.adjustments.map(plainAdjustment);
        const instants = [w.now, w.at, ...events.slice(0, 4).map((e) => e.occurredAt + (w.at - w.now))];
        for (const now of instants) {
          const got = evaluateHistory(version, { contact: w.contact, events, adjustments }, now);
          const want = oracle(w.definition, w.contact, events, adjustments, now);
          expect(linesOf(got)).toEqual(want.lines);
          expect({ raw: got.raw, score: got.score, manual: got.manual, tierIndex: got.tierIndex }).toEqual({
            raw: want.raw,
            score: want.score,
            manual: want.manual,
            tierIndex: want.tierIndex,
          });
          expect(sumsToRaw(got)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('f: event conditions agree with the transcription of scoring.md', () => {
    fc.assert(
      fc.property(whereArb, propertiesArb, (where, properties) => {
        const want = where.every((c) => oracleOp(c.op, properties[c.property], c.value));
        expect(matchesEventConditions(where, properties)).toBe(want);
      }),
      { numRuns: RUNS * 10 },
    );
  });

  it('f: contact conditions agree with the transcription of scoring.md', () => {
    fc.assert(
      fc.property(contactConditionArb, contactArb, (condition, c) => {
        expect(matchesContactCondition(condition, c)).toBe(oracleContact(condition, c));
      }),
      { numRuns: RUNS * 10 },
    );
  });

  it('c: evaluation at `at` ignores events and adjustments after `at`', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const version = compileDefinition(w.definition);
        const events = w.events.map(plainEvent);
        const adjustments = w.adjustments.map(plainAdjustment);
        const everything = evaluateHistory(version, { contact: w.contact, events, adjustments }, w.at);
        const onlyEarlier = evaluateHistory(
          version,
          {
            contact: w.contact,
            events: events.filter((e) => e.occurredAt <= w.at),
            adjustments: adjustments.filter((a) => a.at <= w.at),
          },
          w.at,
        );
        expect(everything).toEqual(onlyEarlier);
      }),
      { numRuns: RUNS },
    );
  });

  it('e: evaluateHistory does not depend on the order of events or adjustments', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const version = compileDefinition(w.definition);
        const key = (i: number) => w.shuffle[i % w.shuffle.length]! + i / 1000;
        const permute = <T>(xs: T[]): T[] =>
          xs
            .map((x, i) => ({ x, k: key(i) }))
            .sort((p, q) => p.k - q.k)
            .map((p) => p.x);
        const events = w.events.map(plainEvent);
        const adjustments = w.adjustments.map(plainAdjustment);
        for (const now of [w.now, w.at]) {
          const inOrder = evaluateHistory(version, { contact: w.contact, events, adjustments }, now);
          const shuffled = evaluateHistory(
            version,
            { contact: w.contact, events: permute(events), adjustments: permute(adjustments) },
            now,
          );
          const reversed = evaluateHistory(
            version,
            { contact: w.contact, events: [...events].reverse(), adjustments: [...adjustments].reverse() },
            now,
          );
          expect(shuffled).toEqual(inOrder);
          expect(reversed).toEqual(inOrder);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('g: nextChangeAt is the first later instant at which a rule count changes (null: never)', () => {
    fc.assert(
      fc.property(worldArb, fc.double({ min: 0, max: 1, noNaN: true }), (w, fraction) => {
        const version = compileDefinition(w.definition);
        const now = w.at;
        // No new fact: only what is known at `now`.
        const events = w.events.map(plainEvent).filter((e) => e.occurredAt <= now);
        const adjustments = w.adjustments.map(plainAdjustment).filter((a) => a.at <= now);
        const { nextChangeAt } = evaluateHistory(version, { contact: w.contact, events, adjustments }, now);
        const countsAt = (t: number) => oracle(w.definition, w.contact, events, adjustments, t).counts;
        const current = countsAt(now);
        if (nextChangeAt === null) {
          expect(countsAt(now + 1)).toEqual(current);
          expect(countsAt(now + Math.floor(fraction * 400 * DAY_MS))).toEqual(current);
          expect(countsAt(now + 20 * 365 * DAY_MS)).toEqual(current);
        } else {
          expect(nextChangeAt).toBeGreaterThan(now);
          expect(countsAt(nextChangeAt - 1)).toEqual(current);
          expect(countsAt(now + Math.floor(fraction * (nextChangeAt - 1 - now)))).toEqual(current);
          expect(countsAt(nextChangeAt)).not.toEqual(current);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
