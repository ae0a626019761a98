import type { Action, Trigger, WorkflowCondition } from '../../contracts/workflows.ts';
import type { WorkflowsTable } from '../db/schema.ts';
import type { WorkflowRule } from './decisions.ts';

/** A stored workflow with its JSON columns parsed. */
export interface Workflow extends WorkflowRule {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export function workflowFromRow(row: WorkflowsTable): Workflow {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    enabled: Number(row.enabled) === 1,
    trigger: JSON.parse(row.trigger) as Trigger,
    conditions: JSON.parse(row.conditions) as WorkflowCondition[],
    actions: JSON.parse(row.actions) as Action[],
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export function workflowToRow(accountId: string, w: Workflow): WorkflowsTable {
  return {
    account_id: accountId,
    id: w.id,
    name: w.name,
    description: w.description,
    enabled: w.enabled ? 1 : 0,
    profile_id: w.trigger.profileId,
    trigger: JSON.stringify(w.trigger),
    conditions: JSON.stringify(w.conditions),
    actions: JSON.stringify(w.actions),
    created_at: w.createdAt,
    updated_at: w.updatedAt,
  };
}
