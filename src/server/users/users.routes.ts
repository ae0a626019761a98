import { z } from 'zod';
import { PageQuery, listOf } from '../../contracts/common.ts';
import { UserCreateSchema, UserSchema } from '../../contracts/users.ts';
import { defineRoute } from '../http/route.ts';
import type { UsersService } from './users.service.ts';

export function usersRoutes(users: UsersService) {
  return [
    defineRoute({
      method: 'post',
      path: '/users',
      summary: 'Create a user (API key or admin); an email is unique across the installation',
      tag: 'Users',
      auth: 'account',
      adminOnly: true,
      body: UserCreateSchema,
      responses: { 201: { description: 'The user', schema: UserSchema } },
      handler: async (c, { principal, body }) => c.json(await users.create(principal, body), 201),
    }),
    defineRoute({
      method: 'get',
      path: '/users',
      summary: "List the account's users",
      tag: 'Users',
      auth: 'account',
      query: PageQuery,
      responses: { 200: { description: 'Users', schema: listOf(UserSchema) } },
      handler: async (c, { principal, query }) =>
        c.json(await users.list(principal.accountId, query.limit, query.cursor)),
    }),
    defineRoute({
      method: 'delete',
      path: '/users/{id}',
      summary: 'Delete a user (API key or admin): signs them out and unassigns their contacts',
      tag: 'Users',
      auth: 'account',
      adminOnly: true,
      params: z.strictObject({ id: z.string().max(64) }),
      responses: { 204: { description: 'Deleted' } },
      handler: async (c, { principal, params }) => {
        await users.remove(principal, params.id);
        return c.body(null, 204);
      },
    }),
  ];
}
