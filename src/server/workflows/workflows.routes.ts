import { listOf } from '../../contracts/common.ts';
import {
  RunListQuery,
  RunParams,
  RunSchema,
  WorkflowCreateSchema,
  WorkflowListQuery,
  WorkflowParams,
  WorkflowPatchSchema,
  WorkflowSchema,
} from '../../contracts/workflows.ts';
import { defineRoute } from '../http/route.ts';
import type { WorkflowsService } from './workflows.service.ts';

export function workflowsRoutes(workflows: WorkflowsService) {
  return [
    defineRoute({
      method: 'post',
      path: '/workflows',
      summary: 'Create a workflow: a trigger on score changes, conditions, and actions',
      tag: 'Workflows',
      auth: 'account',
      adminOnly: true,
      body: WorkflowCreateSchema,
      responses: { 201: { description: 'The workflow', schema: WorkflowSchema } },
      handler: async (c, { principal, body }) => c.json(await workflows.create(principal, body), 201),
    }),
    defineRoute({
      method: 'get',
      path: '/workflows',
      summary: 'Workflows, by name',
      tag: 'Workflows',
      auth: 'account',
      query: WorkflowListQuery,
      responses: { 200: { description: 'Workflows', schema: listOf(WorkflowSchema) } },
      handler: async (c, { principal, query }) => c.json(await workflows.list(principal, query)),
    }),
    defineRoute({
      method: 'get',
      path: '/workflows/{id}',
      summary: 'A workflow',
      tag: 'Workflows',
      auth: 'account',
      params: WorkflowParams,
      responses: { 200: { description: 'The workflow', schema: WorkflowSchema } },
      handler: async (c, { principal, params }) => c.json(await workflows.get(principal, params.id)),
    }),
    defineRoute({
      method: 'patch',
      path: '/workflows/{id}',
      summary: 'Change a workflow (given fields replace stored ones), e.g. {"enabled": false}',
      tag: 'Workflows',
      auth: 'account',
      adminOnly: true,
      params: WorkflowParams,
      body: WorkflowPatchSchema,
      responses: { 200: { description: 'The workflow', schema: WorkflowSchema } },
      handler: async (c, { principal, params, body }) =>
        c.json(await workflows.update(principal, params.id, body)),
    }),
    defineRoute({
      method: 'delete',
      path: '/workflows/{id}',
      summary: 'Delete a workflow with its delivery log (queued runs are dropped)',
      tag: 'Workflows',
      auth: 'account',
      adminOnly: true,
      params: WorkflowParams,
      responses: { 204: { description: 'Deleted' } },
      handler: async (c, { principal, params }) => {
        await workflows.delete(principal.accountId, params.id);
        return c.body(null, 204);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/workflows/{id}/runs',
      summary: "The workflow's runs (deliveries and other actions), newest first, with their attempts",
      tag: 'Workflows',
      auth: 'account',
      params: WorkflowParams,
      query: RunListQuery,
      responses: { 200: { description: 'A page of runs', schema: listOf(RunSchema) } },
      handler: async (c, { principal, params, query }) =>
        c.json(await workflows.runs(principal.accountId, params.id, query)),
    }),
    defineRoute({
      method: 'post',
      path: '/workflows/{id}/runs/{runId}/redeliver',
      summary: 'Send a finished webhook run again now (same decision id; a fresh 24-hour retry window)',
      tag: 'Workflows',
      auth: 'account',
      adminOnly: true,
      params: RunParams,
      responses: { 202: { description: 'The run, queued', schema: RunSchema } },
      handler: async (c, { principal, params }) =>
        c.json(await workflows.redeliver(principal.accountId, params.id, params.runId), 202),
    }),
  ];
}
