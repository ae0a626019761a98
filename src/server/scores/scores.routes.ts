import { z } from 'zod';
import { LimitParam, listOf } from '../../contracts/common.ts';
import { IdSchema } from '../../contracts/contacts.ts';
import { AdjustmentSchema, HistoryItemSchema, ScoreQuery, ScoreSchema } from '../../contracts/scores.ts';
import { defineRoute } from '../http/route.ts';
import type { ScoresService } from './scores.service.ts';

const Params = z.strictObject({ id: IdSchema, profileId: z.string().min(1).max(64) });
const HistoryQuery = z.strictObject({
  limit: LimitParam,
  cursor: z.string().max(500).optional(),
});

export function scoresRoutes(scores: ScoresService) {
  return [
    defineRoute({
      method: 'get',
      path: '/contacts/{id}/scores/{profileId}',
      summary: 'A contact score with its breakdown, now or at a past instant',
      tag: 'Scores',
      auth: 'account',
      params: Params,
      query: ScoreQuery,
      responses: { 200: { description: 'The score', schema: ScoreSchema } },
      handler: async (c, { principal, params, query }) =>
        c.json(await scores.get(principal.accountId, params.id, params.profileId, query.at)),
    }),
    defineRoute({
      method: 'get',
      path: '/contacts/{id}/scores/{profileId}/history',
      summary: 'Every change of the stored score, newest first',
      tag: 'Scores',
      auth: 'account',
      params: Params,
      query: HistoryQuery,
      responses: { 200: { description: 'History', schema: listOf(HistoryItemSchema) } },
      handler: async (c, { principal, params, query }) =>
        c.json(
          await scores.history(principal.accountId, params.id, params.profileId, query.limit, query.cursor),
        ),
    }),
    defineRoute({
      method: 'post',
      path: '/contacts/{id}/scores/{profileId}/adjustments',
      summary: 'Adjust a score by hand: { delta } or { set }, with a note',
      tag: 'Scores',
      auth: 'account',
      params: Params,
      body: AdjustmentSchema,
      responses: { 200: { description: 'The new score', schema: ScoreSchema } },
      handler: async (c, { principal, params, body }) =>
        c.json(await scores.adjust(principal, params.id, params.profileId, body)),
    }),
  ];
}
