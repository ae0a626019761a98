/**
 * The storage form of the per-contact state: encodeState / decodeState must round-trip exactly, whatever
 * the buffer the bytes come back in (databases hand back views at any offset), and a decoded state must
 * keep scoring exactly as the original.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  type Definition,
  type Rule,
  type ScoreState,
  type ScoringEvent,
  applyAdjustment,
  applyEvent,
  compileDefinition,
  decodeState,
  emptyState,
  encodeState,
  evaluateState,
} from './index.ts';
import { T0, at, definition as baseDefinition, contact } from './test-factories.ts';

const definition = (rules: Rule[], overrides: Partial<Definition> = {}): Definition =>
  baseDefinition({ rules, ...overrides });

const event = (type: string, occurredAt: number): ScoringEvent => ({ type, occurredAt, properties: {} });

/** Every kind of slot: a count, a list of live times, none (inactivity, state). */
const MIXED_RULES: Rule[] = [
  { id: 'clicks', kind: 'event', eventType: 'link.clicked', points: 10, maxTimes: 3 },
  { id: 'opens', kind: 'event', eventType: 'email.opened', points: 2, expiresAfterDays: 30 },
  { id: 'idle', kind: 'inactivity', days: 30, points: -5, repeat: true },
  { id: 'vip', kind: 'state', when: { field: 'tags', op: 'contains', value: 'vip' }, points: 15 },
  { id: 'forms', kind: 'event', eventType: 'form.submitted', points: 5, expiresAfterDays: 7, maxTimes: 1 },
];

/** Copies bytes into a bigger buffer at `offset`, as a view (what a driver may hand back). */
function atOffset(bytes: Uint8Array, offset: number): Uint8Array {
  const buffer = new ArrayBuffer(bytes.byteLength + offset + 5);
  const view = new Uint8Array(buffer, offset, bytes.byteLength);
  view.set(bytes);
  return view;
}

function roundTrips(rules: Rule[], state: ScoreState): void {
  const version = compileDefinition(definition(rules));
  const bytes = encodeState(version, state);
  expect(bytes.byteLength % 8).toBe(0);
  for (const offset of [0, 1, 3, 8, 13]) {
    const decoded = decodeState(version, atOffset(bytes, offset));
    expect(decoded).toEqual(state);
    expect(encodeState(version, decoded)).toEqual(bytes);
  }
  expect(decodeState(version, Buffer.from(bytes))).toEqual(state);
}

describe('encodeState / decodeState examples', () => {
  it('an empty state (no event yet: earliestEventAt null)', () => {
    const version = compileDefinition(definition(MIXED_RULES));
    const state = emptyState(version);
    expect(state.earliestEventAt).toBeNull();
    roundTrips(MIXED_RULES, state);
  });

  it('a definition with no rules, with and without a manual total', () => {
    const version = compileDefinition(definition([]));
    roundTrips([], emptyState(version));
    roundTrips([], applyAdjustment(emptyState(version), -17));
  });

  it('a state with counts, live times, interactions and a negative manual total', () => {
    const version = compileDefinition(definition(MIXED_RULES));
    let state = emptyState(version);
    const events = [
      event('email.opened', at(-3, 123)),
      event('link.clicked', at(1)),
      event('link.clicked', at(2)),
      event('form.submitted', at(4, 7)),
      event('email.bounced', at(-40)),
      event('email.opened', at(10)),
    ];
    for (const e of events) state = applyEvent(version, state, e, at(12));
    state = applyAdjustment(state, 25);
    state = applyAdjustment(state, -40);
    expect(state.earliestEventAt).toBe(at(-40));
    expect(state.manual).toBe(-15);
    roundTrips(MIXED_RULES, state);
  });

  it('only inactivity and state rules (no slots of their own)', () => {
    const rules: Rule[] = [MIXED_RULES[2]!, MIXED_RULES[3]!];
    const version = compileDefinition(definition(rules));
    let state = emptyState(version);
    state = applyEvent(version, state, event('email.opened', at(3)), at(3));
    state = applyEvent(version, state, event('page.viewed', at(1)), at(3));
    expect(state.interactions).toEqual([at(1), at(3)]);
    roundTrips(rules, state);
  });

  it('a decoded state scores exactly as the original', () => {
    const version = compileDefinition(definition(MIXED_RULES, { minScore: null }));
    let state = emptyState(version);
    for (const e of [
      event('link.clicked', at(1)),
      event('email.opened', at(20)),
      event('form.submitted', at(21)),
    ])
      state = applyEvent(version, state, e, at(22));
    const decoded = decodeState(version, atOffset(encodeState(version, state), 3));
    const c = contact({ tags: ['VIP'] });
    for (const now of [at(22), at(28), at(50), at(90)])
      expect(evaluateState(version, decoded, c, now)).toEqual(evaluateState(version, state, c, now));
  });
});

describe('encodeState / decodeState property', () => {
  const TYPES = ['link.clicked', 'email.opened', 'form.submitted', 'email.bounced', 'webinar.attended'];
  const pointsArb = fc.integer({ min: -100, max: 100 }).filter((p) => p !== 0);
  const ruleArb: fc.Arbitrary<Rule> = fc.oneof(
    fc
      .record({
        eventType: fc.constantFrom(...TYPES),
        points: pointsArb,
        maxTimes: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
        expiresAfterDays: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
      })
      .map(
        ({ maxTimes, expiresAfterDays, ...r }): Rule => ({
          id: '',
          kind: 'event',
          ...r,
          ...(maxTimes === undefined ? {} : { maxTimes }),
          ...(expiresAfterDays === undefined ? {} : { expiresAfterDays }),
        }),
      ),
    fc
      .record({ days: fc.integer({ min: 1, max: 60 }), points: pointsArb, repeat: fc.boolean() })
      .map((r): Rule => ({ id: '', kind: 'inactivity', ...r })),
    pointsArb.map(
      (points): Rule => ({
        id: '',
        kind: 'state',
        when: { field: 'dnd.all', op: 'eq', value: true },
        points,
      }),
    ),
  );
  const historyArb = fc.array(
    fc.record({
      type: fc.constantFrom(...TYPES),
      occurredAt: fc.integer({ min: -400 * DAY_MS, max: 400 * DAY_MS }).map((ms) => T0 + ms),
      delay: fc.integer({ min: 0, max: 90 * DAY_MS }),
    }),
    { maxLength: 25 },
  );

  it('decodeState(encodeState(s)) equals s at any byte offset, and re-encodes to the same bytes', () => {
    fc.assert(
      fc.property(
        fc.array(ruleArb, { maxLength: 8 }),
        historyArb,
        fc.array(fc.integer({ min: -10_000, max: 10_000 }), { maxLength: 4 }),
        fc.nat({ max: 15 }),
        (rawRules, history, deltas, offset) => {
          const rules = rawRules.map((r, i) => ({ ...r, id: `r${i}` }));
          const version = compileDefinition(definition(rules));
          let state = emptyState(version);
          const arrivals = history.map((h) => ({
            e: event(h.type, h.occurredAt),
            t: h.occurredAt + h.delay,
          }));
          arrivals.sort((x, y) => x.t - y.t);
          for (const { e, t } of arrivals) state = applyEvent(version, state, e, t);
          for (const d of deltas) state = applyAdjustment(state, d);
          const bytes = encodeState(version, state);
          const decoded = decodeState(version, atOffset(bytes, offset));
          expect(decoded).toEqual(state);
          expect(encodeState(version, decoded)).toEqual(bytes);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
