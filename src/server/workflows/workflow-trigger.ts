import type { Clock } from '../clock.ts';
import { type Contact, contactView } from '../contacts/contact-row.ts';
import type { WorkflowRunsTable } from '../db/schema.ts';
import type { Db } from '../db/transaction.ts';
import type { IdGenerator } from '../ids.ts';
import type { ScoreChange, ScoreChangeListener } from '../scores/score-changes.ts';
import { iso } from '../time-format.ts';
import { type Movement, conditionsHold, mayFire, triggerFires } from './decisions.ts';
import { GIVE_UP_AFTER_MS } from './retry-schedule.ts';
import { type Workflow, workflowFromRow } from './workflow-row.ts';
import type { WorkflowsRepository } from './workflows.repository.ts';

/** What one decision is about: a contact's score movement, and what caused it. */
export interface Decision extends Movement {
  /** Unique per workflow: `h<history seq>` for a recorded change, `e<contact id>` for applyToExisting. */
  key: string;
  profileId: string;
  contact: Contact;
  at: number;
  cause: Record<string, unknown>;
  /** Workflows whose actions led to this change. */
  chain: readonly string[];
}

/**
 * The runs that carry out a workflow's decision: one per action, all queued now. A webhook's body is
 * fixed here (its `id` is the decision's, the same on every retry), so what is signed never changes.
 */
export function runsForDecision(
  accountId: string,
  workflow: Workflow,
  decision: Decision,
  ids: IdGenerator,
  now: number,
): WorkflowRunsTable[] {
  const decisionId = ids('dec');
  let body: string | null = null;
  return workflow.actions.map((action, index) => {
    if (action.type === 'webhook')
      body ??= JSON.stringify({
        id: decisionId,
        type: workflow.trigger.type,
        occurredAt: iso(decision.at),
        accountId,
        workflowId: workflow.id,
        profileId: decision.profileId,
        contact: contactView(decision.contact),
        previous: { score: decision.from, tier: decision.fromTier },
        current: { score: decision.to, tier: decision.toTier },
        trigger: workflow.trigger,
      });
    return {
      account_id: accountId,
      id: ids('run'),
      workflow_id: workflow.id,
      decision_id: decisionId,
      decision_key: decision.key,
      action_index: index,
      action: JSON.stringify(action),
      contact_id: decision.contact.id,
      profile_id: decision.profileId,
      trigger_type: workflow.trigger.type,
      previous_score: decision.from,
      previous_tier: decision.fromTier,
      current_score: decision.to,
      current_tier: decision.toTier,
      cause: JSON.stringify(decision.cause),
      chain: JSON.stringify([...decision.chain, workflow.id]),
      body: action.type === 'webhook' ? body : null,
      status: 'queued',
      attempts: 0,
      retry_base: 0,
      next_attempt_at: now,
      give_up_at: now + GIVE_UP_AFTER_MS,
      lease_owner: null,
      lease_expires_at: null,
      last_status_code: null,
      last_error: null,
      last_duration_ms: null,
      created_at: now,
      finished_at: null,
    };
  });
}

/** Whether a workflow's actions change contacts (and so may change scores and fire workflows again). */
const changesContacts = (workflow: Workflow) => workflow.actions.some((action) => action.type !== 'webhook');

/**
 * Workflows' side of every score change: decides, inside the transaction that records the change,
 * which enabled workflows fire, and queues their runs there too — a crash loses or repeats neither.
 * `onQueued` wakes the delivery worker (it also polls, for runs queued by other processes).
 */
export function workflowTrigger(deps: {
  workflows: WorkflowsRepository;
  ids: IdGenerator;
  clock: Clock;
  onQueued: () => void;
}): ScoreChangeListener {
  const { workflows, ids, clock } = deps;
  return {
    async watch(trx: Db, accountId: string) {
      const enabled = (await workflows.enabled(accountId, trx)).map(workflowFromRow);
      if (enabled.length === 0) return null;
      return {
        profiles: new Set(enabled.map((workflow) => workflow.trigger.profileId)),
        async changed(changes: readonly ScoreChange[]) {
          const now = clock.now();
          const runs: WorkflowRunsTable[] = [];
          for (const change of changes) {
            const origin = change.reason as { workflowChain?: string[]; workflowRoot?: string };
            const chain = origin.workflowChain ?? [];
            for (const workflow of enabled) {
              if (workflow.trigger.profileId !== change.profileId) continue;
              if (!mayFire(workflow.id, chain)) continue;
              if (!triggerFires(workflow.trigger, change)) continue;
              if (!conditionsHold(workflow.conditions, change.contact, change.to)) continue;
              const { workflowChain: _chain, workflowRoot: _root, ...cause } = origin;
              // A workflow whose actions change contacts decides once per original change (its root), so
              // such workflows acting on each other cannot multiply; webhook-only workflows see every change.
              const key = changesContacts(workflow) ? (origin.workflowRoot ?? change.key) : change.key;
              runs.push(...runsForDecision(accountId, workflow, { ...change, key, cause, chain }, ids, now));
            }
          }
          if (runs.length === 0) return;
          await workflows.insertRuns(runs, trx);
          deps.onQueued();
        },
      };
    },
  };
}
