import type { Action } from '../../contracts/workflows.ts';
import type { Principal } from '../accounts/accounts.service.ts';
import type { WorkflowAttemptsTable, WorkflowRunsTable } from '../db/schema.ts';
import { iso, isoOrNull } from '../time-format.ts';
import type { Workflow } from './workflow-row.ts';

/** Webhook secrets are for admins and API keys (who verify signatures); members see the last 4 characters. */
function actionView(action: Action, showSecrets: boolean): Action {
  if (action.type !== 'webhook' || showSecrets || action.secret === undefined) return action;
  return { ...action, secret: `••••${action.secret.slice(-4)}` };
}

export function workflowView(workflow: Workflow, principal: Principal) {
  const showSecrets = principal.role === 'admin';
  return {
    id: workflow.id,
    name: workflow.name,
    description: workflow.description,
    enabled: workflow.enabled,
    trigger: workflow.trigger,
    conditions: workflow.conditions,
    actions: workflow.actions.map((a) => actionView(a, showSecrets)),
    createdAt: iso(workflow.createdAt),
    updatedAt: iso(workflow.updatedAt),
  };
}

/** A run as the delivery log shows it; the action's secret is never repeated there. */
export function runView(run: WorkflowRunsTable, attempts: readonly WorkflowAttemptsTable[]) {
  const action = JSON.parse(run.action) as Action;
  if (action.type === 'webhook') action.secret = undefined;
  return {
    id: run.id,
    decisionId: run.decision_id,
    workflowId: run.workflow_id,
    contactId: run.contact_id,
    profileId: run.profile_id,
    trigger: run.trigger_type,
    previous: { score: run.previous_score, tier: run.previous_tier },
    current: { score: run.current_score, tier: run.current_tier },
    cause: (JSON.parse(run.cause) as { kind: string }).kind,
    action,
    status: run.status,
    attempts: run.attempts,
    lastStatusCode: run.last_status_code,
    lastError: run.last_error,
    lastDurationMs: run.last_duration_ms,
    nextAttemptAt:
      run.status === 'queued' || run.status === 'running' ? isoOrNull(run.next_attempt_at) : null,
    createdAt: iso(run.created_at),
    finishedAt: isoOrNull(run.finished_at),
    attemptLog: attempts.map((a) => ({
      attempt: a.attempt,
      at: iso(a.at),
      durationMs: a.duration_ms,
      statusCode: a.status_code,
      error: a.error,
    })),
  };
}
