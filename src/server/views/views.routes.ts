import { listOf } from '../../contracts/common.ts';
import { ListItemSchema } from '../../contracts/lists.ts';
import {
  ViewCreateSchema,
  ViewItemsQuery,
  ViewListQuery,
  ViewParams,
  ViewPatchSchema,
  ViewSchema,
} from '../../contracts/views.ts';
import { defineRoute } from '../http/route.ts';
import type { ViewsService } from './views.service.ts';

export function viewsRoutes(views: ViewsService) {
  return [
    defineRoute({
      method: 'post',
      path: '/views',
      summary: 'Save filters and a sort as a named view (a contacts view is a smart list)',
      tag: 'Views',
      auth: 'account',
      body: ViewCreateSchema,
      responses: { 201: { description: 'The view', schema: ViewSchema } },
      handler: async (c, { principal, body }) => c.json(await views.create(principal, body), 201),
    }),
    defineRoute({
      method: 'get',
      path: '/views',
      summary: 'Saved views, by name',
      tag: 'Views',
      auth: 'account',
      query: ViewListQuery,
      responses: { 200: { description: 'Views', schema: listOf(ViewSchema) } },
      handler: async (c, { principal, query }) => c.json(await views.list(principal.accountId, query)),
    }),
    defineRoute({
      method: 'get',
      path: '/views/{id}',
      summary: 'A saved view',
      tag: 'Views',
      auth: 'account',
      params: ViewParams,
      responses: { 200: { description: 'The view', schema: ViewSchema } },
      handler: async (c, { principal, params }) => c.json(await views.get(principal.accountId, params.id)),
    }),
    defineRoute({
      method: 'patch',
      path: '/views/{id}',
      summary: 'Rename a view or change its filters or sort',
      tag: 'Views',
      auth: 'account',
      params: ViewParams,
      body: ViewPatchSchema,
      responses: { 200: { description: 'The view', schema: ViewSchema } },
      handler: async (c, { principal, params, body }) =>
        c.json(await views.update(principal, params.id, body)),
    }),
    defineRoute({
      method: 'delete',
      path: '/views/{id}',
      summary: 'Delete a view',
      tag: 'Views',
      auth: 'account',
      params: ViewParams,
      responses: { 204: { description: 'Deleted' } },
      handler: async (c, { principal, params }) => {
        await views.delete(principal.accountId, params.id);
        return c.body(null, 204);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/views/{id}/items',
      summary: "The view's list, evaluated now",
      tag: 'Views',
      auth: 'account',
      params: ViewParams,
      query: ViewItemsQuery,
      responses: { 200: { description: 'A page of the list', schema: listOf(ListItemSchema) } },
      handler: async (c, { principal, params, query }) =>
        c.json(await views.items(principal, params.id, query)),
    }),
  ];
}
