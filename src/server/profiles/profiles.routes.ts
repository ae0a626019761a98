import { z } from 'zod';
import { PageQuery, listOf } from '../../contracts/common.ts';
import {
  DistributionSchema,
  JobSchema,
  MoversQuery,
  MoversSchema,
  PreviewSchema,
  ProfileCreateSchema,
  ProfilePatchSchema,
  ProfileSchema,
  RuleInputSchema,
  RulePatchSchema,
  RuleSchema,
} from '../../contracts/profiles.ts';
import { defineRoute, readJson } from '../http/route.ts';
import type { InsightsService } from './insights.service.ts';
import type { ProfilesService } from './profiles.service.ts';

const ProfileId = z.string().min(1).max(64);
const ProfileParams = z.strictObject({ id: ProfileId });
const RuleParams = z.strictObject({ id: ProfileId, ruleId: z.string().min(1).max(64) });

export function profilesRoutes(profiles: ProfilesService, insights: InsightsService) {
  return [
    defineRoute({
      method: 'post',
      path: '/profiles',
      summary: 'Create a score profile (status draft)',
      tag: 'Profiles',
      auth: 'account',
      adminOnly: true,
      body: ProfileCreateSchema,
      responses: { 201: { description: 'The profile', schema: ProfileSchema } },
      handler: async (c, { principal, body }) =>
        c.json(await profiles.create(principal.accountId, body), 201),
    }),
    defineRoute({
      method: 'get',
      path: '/profiles',
      summary: 'List score profiles',
      tag: 'Profiles',
      auth: 'account',
      query: PageQuery,
      responses: { 200: { description: 'Profiles', schema: listOf(ProfileSchema) } },
      handler: async (c, { principal, query }) =>
        c.json(await profiles.list(principal.accountId, query.limit, query.cursor)),
    }),
    defineRoute({
      method: 'get',
      path: '/profiles/{id}',
      summary: 'A score profile',
      tag: 'Profiles',
      auth: 'account',
      params: ProfileParams,
      responses: { 200: { description: 'The profile', schema: ProfileSchema } },
      handler: async (c, { principal, params }) => c.json(await profiles.get(principal.accountId, params.id)),
    }),
    defineRoute({
      method: 'patch',
      path: '/profiles/{id}',
      summary: 'Save the draft (name and description apply at once; the rest at the next publish)',
      tag: 'Profiles',
      auth: 'account',
      adminOnly: true,
      params: ProfileParams,
      body: ProfilePatchSchema,
      responses: { 200: { description: 'The profile', schema: ProfileSchema } },
      handler: async (c, { principal, params, body }) =>
        c.json(await profiles.patch(principal.accountId, params.id, body)),
    }),
    defineRoute({
      method: 'delete',
      path: '/profiles/{id}',
      summary: 'Delete a profile with its scores and history',
      tag: 'Profiles',
      auth: 'account',
      adminOnly: true,
      params: ProfileParams,
      responses: { 204: { description: 'Deleted' } },
      handler: async (c, { principal, params }) => {
        await profiles.delete(principal.accountId, params.id);
        return c.body(null, 204);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/profiles/{id}/rules',
      summary: 'Add a rule to the draft',
      tag: 'Profiles',
      auth: 'account',
      adminOnly: true,
      params: ProfileParams,
      body: RuleInputSchema,
      responses: { 201: { description: 'The rule with its id', schema: RuleSchema } },
      handler: async (c, { principal, params, body }) =>
        c.json(await profiles.addRule(principal.accountId, params.id, body), 201),
    }),
    defineRoute({
      method: 'patch',
      path: '/profiles/{id}/rules/{ruleId}',
      summary: 'Change fields of a draft rule (null removes an optional field)',
      tag: 'Profiles',
      auth: 'account',
      adminOnly: true,
      params: RuleParams,
      documentedBody: RulePatchSchema,
      responses: { 200: { description: 'The rule', schema: RuleSchema } },
      handler: async (c, { principal, params }) =>
        c.json(await profiles.patchRule(principal.accountId, params.id, params.ruleId, await readJson(c))),
    }),
    defineRoute({
      method: 'delete',
      path: '/profiles/{id}/rules/{ruleId}',
      summary: 'Remove a rule from the draft',
      tag: 'Profiles',
      auth: 'account',
      adminOnly: true,
      params: RuleParams,
      responses: { 204: { description: 'Removed' } },
      handler: async (c, { principal, params }) => {
        await profiles.deleteRule(principal.accountId, params.id, params.ruleId);
        return c.body(null, 204);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/profiles/{id}/publish',
      summary: 'Publish the draft as a new version; recomputes every contact in the background',
      tag: 'Profiles',
      auth: 'account',
      adminOnly: true,
      params: ProfileParams,
      responses: {
        202: {
          description: 'The version and its job',
          schema: z.object({ version: z.number(), job: JobSchema }),
        },
      },
      handler: async (c, { principal, params }) =>
        c.json(await profiles.publish(principal.accountId, params.id), 202),
    }),
    defineRoute({
      method: 'post',
      path: '/profiles/{id}/unpublish',
      summary: 'Return to draft: the profile stops scoring',
      tag: 'Profiles',
      auth: 'account',
      adminOnly: true,
      params: ProfileParams,
      responses: { 200: { description: 'The profile', schema: ProfileSchema } },
      handler: async (c, { principal, params }) =>
        c.json(await profiles.unpublish(principal.accountId, params.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/profiles/{id}/preview',
      summary: 'What publishing the draft would do, without changing anything',
      tag: 'Profiles',
      auth: 'account',
      params: ProfileParams,
      responses: { 200: { description: 'Histogram and tier changes', schema: PreviewSchema } },
      handler: async (c, { principal, params }) =>
        c.json(await insights.preview(principal.accountId, params.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/profiles/{id}/distribution',
      summary: 'Histogram and tier counts of current scores',
      tag: 'Scores',
      auth: 'account',
      params: ProfileParams,
      responses: { 200: { description: 'Distribution', schema: DistributionSchema } },
      handler: async (c, { principal, params }) =>
        c.json(await insights.distribution(principal.accountId, params.id)),
    }),
    defineRoute({
      method: 'get',
      path: '/profiles/{id}/movers',
      // Each contact's current score against its score before its first change in the window (or its
      // first score, when it had none then).
      summary: 'The contacts whose score rose and fell most over the last days (days 1–90, limit 1–50)',
      tag: 'Scores',
      auth: 'account',
      params: ProfileParams,
      query: MoversQuery,
      responses: { 200: { description: 'Risers and fallers', schema: MoversSchema } },
      handler: async (c, { principal, params, query }) =>
        c.json(await insights.movers(principal.accountId, params.id, query)),
    }),
    defineRoute({
      method: 'get',
      path: '/jobs/{id}',
      summary: 'A background job and its progress',
      tag: 'Jobs',
      auth: 'account',
      params: z.strictObject({ id: z.string().min(1).max(64) }),
      responses: { 200: { description: 'The job', schema: JobSchema } },
      handler: async (c, { principal, params }) => c.json(await profiles.job(principal.accountId, params.id)),
    }),
  ];
}
