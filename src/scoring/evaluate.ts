import type { CompiledVersion } from './compile.ts';
import { describeRule } from './describe.ts';
import { type RuleCount, type RuleSlot, handlerFor } from './rule-kinds.ts';
import type { ScoreState } from './state.ts';
import { clamp, tierIndexFor } from './tiers.ts';
import { earliest } from './time.ts';
import type { Adjustment, ContactAttributes, Evaluation, ScoringEvent } from './types.ts';

/** Turns per-rule counts into the score, tier, breakdown and next change instant. */
function assemble(version: CompiledVersion, counts: readonly RuleCount[], manual: number): Evaluation {
  const { rules, minScore, maxScore, tiers } = version.definition;
  let raw = manual;
  let nextChangeAt: number | null = null;
  const breakdown: Evaluation['breakdown'] = [];
  rules.forEach((rule, i) => {
    const { count, nextChangeAt: ruleNext } = counts[i]!;
    nextChangeAt = earliest(nextChangeAt, ruleNext);
    if (count === 0) return;
    const points = rule.points * count;
    raw += points;
    breakdown.push({ ruleId: rule.id, description: rule.description ?? describeRule(rule), count, points });
  });
  const score = clamp(raw, minScore, maxScore);
  return { raw, score, tierIndex: tierIndexFor(score, tiers), breakdown, manual, nextChangeAt };
}

export interface HistoryInput {
  contact: ContactAttributes;
  events: readonly ScoringEvent[];
  adjustments: readonly Adjustment[];
}

/**
 * The reference evaluation: the score at `now` from the contact's full history, exactly as scoring.md
 * defines it. Facts after `now` (events, adjustments) are ignored; attributes are the current ones.
 */
export function evaluateHistory(version: CompiledVersion, input: HistoryInput, now: number): Evaluation {
  const events = input.events.filter((e) => e.occurredAt <= now);
  const anchor = events.reduce((a, e) => Math.min(a, e.occurredAt), input.contact.createdAt);
  const facts = { version, contact: input.contact, anchor, events };
  const counts = version.definition.rules.map((rule) => handlerFor(rule).countFromHistory(rule, facts, now));
  const manual = input.adjustments.filter((a) => a.at <= now).reduce((sum, a) => sum + a.delta, 0);
  return assemble(version, counts, manual);
}

/** The same evaluation from the compact state kept beside each stored score. */
export function evaluateState(
  version: CompiledVersion,
  state: ScoreState,
  contact: ContactAttributes,
  now: number,
): Evaluation {
  const anchor =
    state.earliestEventAt === null ? contact.createdAt : Math.min(contact.createdAt, state.earliestEventAt);
  const facts = { contact, anchor, interactions: state.interactions };
  const counts = version.definition.rules.map((rule, i) =>
    handlerFor(rule).countFromState(rule, state.slots[i] as RuleSlot, facts, now),
  );
  return assemble(version, counts, state.manual);
}
