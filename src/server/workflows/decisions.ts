import type { Action, Trigger, WorkflowCondition } from '../../contracts/workflows.ts';
import { type ContactAttributes, applyOp, matchesContactCondition } from '../../scoring/index.ts';

/** A workflow as decisions need it. */
export interface WorkflowRule {
  id: string;
  trigger: Trigger;
  conditions: readonly WorkflowCondition[];
  actions: readonly Action[];
}

/** A score change as triggers see it: previous (null for a first score) and new score and tier. */
export interface Movement {
  from: number | null;
  fromTier: string | null;
  to: number;
  toTier: string;
}

const sameTier = (a: string | null, b: string | undefined) =>
  b === undefined || (a !== null && a.toLowerCase() === b.toLowerCase());

/**
 * Whether a score change fires the trigger. Upward crossing: previous < threshold ≤ new; downward:
 * previous ≥ threshold > new. A first score (no previous) is a change, a tier change, and an upward
 * crossing of every threshold it is at or above.
 */
export function triggerFires(trigger: Trigger, move: Movement): boolean {
  switch (trigger.type) {
    case 'score.changed':
      return move.from !== move.to;
    case 'score.crossed':
      return trigger.direction === 'up'
        ? (move.from === null || move.from < trigger.threshold) && move.to >= trigger.threshold
        : move.from !== null && move.from >= trigger.threshold && move.to < trigger.threshold;
    case 'tier.changed':
      return (
        (move.fromTier === null || move.fromTier !== move.toTier) &&
        sameTier(move.toTier, trigger.toTier) &&
        sameTier(move.fromTier, trigger.fromTier)
      );
  }
}

/**
 * Whether a contact that already has this score and tier meets the trigger (for `applyToExisting`):
 * it has a score; it is at or above (up) or below (down) the threshold; it is in the trigger's `toTier`
 * and not in its `fromTier`.
 */
export function alreadyMeets(trigger: Trigger, score: number, tier: string): boolean {
  switch (trigger.type) {
    case 'score.changed':
      return true;
    case 'score.crossed':
      return trigger.direction === 'up' ? score >= trigger.threshold : score < trigger.threshold;
    case 'tier.changed':
      return (
        sameTier(tier, trigger.toTier) &&
        (trigger.fromTier === undefined || tier.toLowerCase() !== trigger.fromTier.toLowerCase())
      );
  }
}

/** Every condition holds: score conditions on the new score, the others on the contact's attributes. */
export function conditionsHold(
  conditions: readonly WorkflowCondition[],
  contact: ContactAttributes,
  score: number,
): boolean {
  return conditions.every((condition) =>
    condition.field === 'score'
      ? applyOp(condition.op, score, condition.value)
      : matchesContactCondition(condition as Exclude<WorkflowCondition, { field: 'score' }>, contact),
  );
}

/** Whether a change made by these workflows' actions may fire `workflowId` (never one of its own). */
export function mayFire(workflowId: string, chain: readonly string[] | undefined): boolean {
  return !chain?.includes(workflowId);
}
