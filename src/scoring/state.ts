import type { CompiledVersion } from './compile.ts';
import { type RuleSlot, handlerFor } from './rule-kinds.ts';
import { insertSorted } from './time.ts';
import type { ScoringEvent } from './types.ts';

/**
 * The compact per-contact, per-version state a stored score keeps so that one new event, adjustment
 * or tick of the clock updates it without reading the contact's history again.
 */
export interface ScoreState {
  earliestEventAt: number | null;
  /** Ascending occurredAt of interaction events; kept only when the version has inactivity rules. */
  interactions: number[];
  /** One slot per rule, in rule order. */
  slots: RuleSlot[];
  /** Sum of manual adjustment deltas on the profile. */
  manual: number;
}

export function emptyState(version: CompiledVersion): ScoreState {
  return {
    earliestEventAt: null,
    interactions: [],
    slots: version.definition.rules.map((rule) => handlerFor(rule).emptySlot(rule)),
    manual: 0,
  };
}

/**
 * Folds one new event into `state` in place and returns it: for folds that own their state (a state
 * just decoded or built), where copying a long interaction list per event would cost O(n) each time.
 * The caller guarantees the event was not seen before and that `event.occurredAt ≤ now`.
 */
export function foldEvent(
  version: CompiledVersion,
  state: ScoreState,
  event: ScoringEvent,
  now: number,
): ScoreState {
  const isInteraction = version.needsInteractions && version.isInteraction(event.type);
  // Rules see the interactions as they were before this event.
  const context = { isInteraction, interactions: state.interactions };
  state.slots = version.definition.rules.map((rule, i) =>
    handlerFor(rule).addEvent(rule, state.slots[i]!, event, now, context),
  );
  if (isInteraction) insertSorted(state.interactions, event.occurredAt);
  state.earliestEventAt =
    state.earliestEventAt === null ? event.occurredAt : Math.min(state.earliestEventAt, event.occurredAt);
  return state;
}

/** A copy that shares nothing mutable with the original. */
export function copyState(state: ScoreState): ScoreState {
  return {
    earliestEventAt: state.earliestEventAt,
    interactions: [...state.interactions],
    slots: state.slots.map((slot) => (Array.isArray(slot) ? [...slot] : slot)),
    manual: state.manual,
  };
}

/** Folds one new event into a copy of the state; the input is not modified. */
export function applyEvent(
  version: CompiledVersion,
  state: ScoreState,
  event: ScoringEvent,
  now: number,
): ScoreState {
  return foldEvent(version, copyState(state), event, now);
}

export function applyAdjustment(state: ScoreState, delta: number): ScoreState {
  return { ...state, manual: state.manual + delta };
}

/** Builds the state from a whole history (publish, repair): the fold of applyEvent. */
export function buildState(
  version: CompiledVersion,
  events: Iterable<ScoringEvent>,
  manual: number,
  now: number,
): ScoreState {
  const state = emptyState(version);
  for (const event of events) if (event.occurredAt <= now) foldEvent(version, state, event, now);
  state.manual = manual;
  return state;
}

/** Binary form for storage: a Float64Array of [earliest, manual, nInteractions, …interactions, …slots]. */
export function encodeState(version: CompiledVersion, state: ScoreState): Uint8Array {
  const values: number[] = [
    state.earliestEventAt ?? Number.NaN,
    state.manual,
    state.interactions.length,
    ...state.interactions,
  ];
  version.definition.rules.forEach((_rule, i) => {
    const slot = state.slots[i]!;
    if (slot === null) return;
    if (typeof slot === 'number') values.push(slot);
    else values.push(slot.length, ...slot);
  });
  return new Uint8Array(Float64Array.from(values).buffer);
}

export function decodeState(version: CompiledVersion, bytes: Uint8Array): ScoreState {
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const values = new Float64Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 8);
  let at = 0;
  const next = (): number => values[at++]!;
  const earliestRaw = next();
  const manual = next();
  const interactions = Array.from(values.subarray(at + 1, at + 1 + values[at]!));
  at += 1 + interactions.length;
  const slots = version.definition.rules.map((rule): RuleSlot => {
    const empty = handlerFor(rule).emptySlot(rule);
    if (empty === null) return null;
    if (typeof empty === 'number') return next();
    const n = next();
    const times = Array.from(values.subarray(at, at + n));
    at += n;
    return times;
  });
  return { earliestEventAt: Number.isNaN(earliestRaw) ? null : earliestRaw, interactions, slots, manual };
}
