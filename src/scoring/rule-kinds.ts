import type { CompiledVersion } from './compile.ts';
import { matchesContactCondition, matchesEventConditions } from './conditions.ts';
import { DAY_MS, earliest, insertSorted, nextSilenceChange, silenceCount, upperBound } from './time.ts';
import type {
  ContactAttributes,
  EventRule,
  InactivityRule,
  Rule,
  RuleKind,
  ScoringEvent,
  StateRule,
} from './types.ts';

/** How many times a rule applies at an instant, and when that may next change by itself. */
export interface RuleCount {
  count: number;
  nextChangeAt: number | null;
}

/** Everything the reference evaluation knows: the full history, filtered to `occurredAt ≤ now`. */
export interface HistoryFacts {
  version: CompiledVersion;
  contact: ContactAttributes;
  /** a₀: createdAt, or the earliest event if earlier. */
  anchor: number;
  events: readonly ScoringEvent[];
}

/**
 * A rule's slot in the compact per-contact state: event rules keep a count, or the sorted
 * occurrence times when they expire; inactivity rules keep the silence count between consecutive
 * interactions (so evaluation does not walk them all); state rules keep nothing.
 */
export type RuleSlot = number | number[] | null;

export interface StateFacts {
  contact: ContactAttributes;
  anchor: number;
  /** Ascending occurredAt of the contact's interaction events. */
  interactions: readonly number[];
}

/** What a rule sees of the state when one event is folded in. */
export interface AddContext {
  isInteraction: boolean;
  /** Ascending interaction times before this event is added. */
  interactions: readonly number[];
}

interface RuleKindHandler<R extends Rule> {
  /** Reference semantics, computed straight from the event history as scoring.md words it. */
  countFromHistory(rule: R, facts: HistoryFacts, now: number): RuleCount;
  emptySlot(rule: R): RuleSlot;
  /** Folds one new (not yet seen) event into the slot; `now` lets expired occurrences be dropped. */
  addEvent(rule: R, slot: RuleSlot, event: ScoringEvent, now: number, context: AddContext): RuleSlot;
  /** The same count as countFromHistory, from the compact state. */
  countFromState(rule: R, slot: RuleSlot, facts: StateFacts, now: number): RuleCount;
}

const expiryMs = (rule: EventRule): number | null =>
  rule.expiresAfterDays === undefined ? null : rule.expiresAfterDays * DAY_MS;

/**
 * Count and next change for an expiring rule, given the ascending times still live at `now`.
 * The contribution is min(n, maxTimes); it next changes when the (n − maxTimes + 1)-th oldest expires.
 */
function expiringCount(rule: EventRule, live: readonly number[], ttl: number): RuleCount {
  const n = live.length;
  const cap = rule.maxTimes ?? Number.POSITIVE_INFINITY;
  if (n === 0) return { count: 0, nextChangeAt: null };
  const firstThatMatters = n <= cap ? 0 : n - cap;
  return { count: Math.min(n, cap), nextChangeAt: live[firstThatMatters]! + ttl };
}

const eventRule: RuleKindHandler<EventRule> = {
  countFromHistory(rule, facts, now) {
    const ttl = expiryMs(rule);
    const matched = facts.events
      .filter((e) => e.type === rule.eventType && matchesEventConditions(rule.where, e.properties))
      .filter((e) => ttl === null || now - e.occurredAt < ttl)
      .map((e) => e.occurredAt)
      .sort((a, b) => a - b);
    if (ttl !== null) return expiringCount(rule, matched, ttl);
    return { count: Math.min(matched.length, rule.maxTimes ?? Number.POSITIVE_INFINITY), nextChangeAt: null };
  },
  emptySlot(rule) {
    return expiryMs(rule) === null ? 0 : [];
  },
  addEvent(rule, slot, event, now) {
    if (event.type !== rule.eventType || !matchesEventConditions(rule.where, event.properties)) return slot;
    const ttl = expiryMs(rule);
    if (ttl === null) return (slot as number) + 1;
    const times = (slot as number[]).slice(upperBound(slot as number[], now - ttl));
    if (now - event.occurredAt < ttl) insertSorted(times, event.occurredAt);
    return times;
  },
  countFromState(rule, slot, _facts, now) {
    const ttl = expiryMs(rule);
    if (ttl === null)
      return {
        count: Math.min(slot as number, rule.maxTimes ?? Number.POSITIVE_INFINITY),
        nextChangeAt: null,
      };
    const times = slot as number[];
    // Live at `now`: now − t < ttl ⇔ t > now − ttl; and t ≤ now.
    return expiringCount(rule, times.slice(upperBound(times, now - ttl), upperBound(times, now)), ttl);
  },
};

/** Sums silence counts over the consecutive pairs of [a₀, t₁ … tₖ, now]. */
function silenceCounts(
  rule: InactivityRule,
  anchor: number,
  interactions: readonly number[],
  now: number,
): RuleCount {
  const period = rule.days * DAY_MS;
  const repeat = rule.repeat ?? false;
  let count = 0;
  let previous = anchor;
  for (const t of interactions) {
    if (t > now) break;
    count += silenceCount(t - previous, period, repeat);
    previous = t;
  }
  count += silenceCount(now - previous, period, repeat);
  return { count, nextChangeAt: nextSilenceChange(previous, now, period, repeat) };
}

const inactivityRule: RuleKindHandler<InactivityRule> = {
  countFromHistory(rule, facts, now) {
    const times = facts.events
      .filter((e) => facts.version.isInteraction(e.type))
      .map((e) => e.occurredAt)
      .sort((a, b) => a - b);
    return silenceCounts(rule, facts.anchor, times, now);
  },
  emptySlot: () => 0,
  addEvent(rule, slot, event, _now, { isInteraction, interactions }) {
    if (!isInteraction) return slot;
    // A new interaction splits the silence between its neighbours (or extends the run at either end).
    const period = rule.days * DAY_MS;
    const repeat = rule.repeat ?? false;
    const gap = (from: number, to: number) => silenceCount(to - from, period, repeat);
    const t = event.occurredAt;
    const at = upperBound(interactions, t);
    const previous = interactions[at - 1];
    const next = interactions[at];
    let inner = slot as number;
    if (previous !== undefined) inner += gap(previous, t);
    if (next !== undefined) inner += gap(t, next);
    if (previous !== undefined && next !== undefined) inner -= gap(previous, next);
    return inner;
  },
  countFromState(rule, slot, { anchor, interactions }, now) {
    const last = interactions[interactions.length - 1];
    // The kept inner count covers every interaction; an instant before the last one needs the walk.
    if (last === undefined || last > now) return silenceCounts(rule, anchor, interactions, now);
    const period = rule.days * DAY_MS;
    const repeat = rule.repeat ?? false;
    const count =
      silenceCount(interactions[0]! - anchor, period, repeat) +
      (slot as number) +
      silenceCount(now - last, period, repeat);
    return { count, nextChangeAt: nextSilenceChange(last, now, period, repeat) };
  },
};

const stateRule: RuleKindHandler<StateRule> = {
  countFromHistory(rule, facts) {
    return { count: matchesContactCondition(rule.when, facts.contact) ? 1 : 0, nextChangeAt: null };
  },
  emptySlot: () => null,
  addEvent: (_rule, slot) => slot,
  countFromState(rule, _slot, facts) {
    return { count: matchesContactCondition(rule.when, facts.contact) ? 1 : 0, nextChangeAt: null };
  },
};

/** Every rule kind and its handler; the compiler flags a kind without one. */
export const RULE_KINDS: { [K in RuleKind]: RuleKindHandler<Extract<Rule, { kind: K }>> } = {
  event: eventRule,
  inactivity: inactivityRule,
  state: stateRule,
};

export function handlerFor<R extends Rule>(rule: R): RuleKindHandler<R> {
  return RULE_KINDS[rule.kind] as unknown as RuleKindHandler<R>;
}

export { earliest };
