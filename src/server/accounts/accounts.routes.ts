import { z } from 'zod';
import {
  AccountCreateSchema,
  AccountCreatedSchema,
  AccountPatchSchema,
  AccountSchema,
  ApiKeyCreateSchema,
  ApiKeyCreatedSchema,
  ApiKeySchema,
} from '../../contracts/accounts.ts';
import { PageQuery, listOf } from '../../contracts/common.ts';
import { defineRoute } from '../http/route.ts';
import type { AccountsService } from './accounts.service.ts';

export function accountsRoutes(accounts: AccountsService) {
  return [
    defineRoute({
      method: 'post',
      path: '/admin/accounts',
      summary: 'Create an account (admin token) and its first API key',
      tag: 'Admin',
      auth: 'admin',
      body: AccountCreateSchema,
      responses: {
        201: { description: 'The account and its API key (shown once)', schema: AccountCreatedSchema },
      },
      handler: async (c, { body }) => c.json(await accounts.createAccount(body.name), 201),
    }),
    defineRoute({
      method: 'get',
      path: '/account',
      summary: 'The account of the API key',
      tag: 'Account',
      auth: 'account',
      responses: { 200: { description: 'The account', schema: AccountSchema } },
      handler: async (c, { principal }) => c.json(await accounts.get(principal.accountId)),
    }),
    defineRoute({
      method: 'patch',
      path: '/account',
      summary: 'Rename the account or set its primary profile',
      tag: 'Account',
      auth: 'account',
      adminOnly: true,
      body: AccountPatchSchema,
      responses: { 200: { description: 'The account', schema: AccountSchema } },
      handler: async (c, { principal, body }) => c.json(await accounts.update(principal.accountId, body)),
    }),
    defineRoute({
      method: 'post',
      path: '/api-keys',
      summary: 'Create an API key (API key or admin; the key is shown once)',
      tag: 'Account',
      auth: 'account',
      body: ApiKeyCreateSchema,
      responses: { 201: { description: 'The key', schema: ApiKeyCreatedSchema } },
      // A key acts as an admin: a member minting one would become one.
      adminOnly: true,
      handler: async (c, { principal, body }) =>
        c.json(await accounts.createKey(principal.accountId, body.name), 201),
    }),
    defineRoute({
      method: 'get',
      path: '/api-keys',
      summary: 'List API keys (without their secrets)',
      tag: 'Account',
      auth: 'account',
      query: PageQuery,
      responses: { 200: { description: 'Keys', schema: listOf(ApiKeySchema) } },
      handler: async (c, { principal, query }) =>
        c.json(await accounts.listKeys(principal.accountId, query.limit, query.cursor)),
    }),
    defineRoute({
      method: 'delete',
      path: '/api-keys/{id}',
      summary: 'Revoke an API key (API key or admin; it stops working at once)',
      tag: 'Account',
      auth: 'account',
      params: z.strictObject({ id: z.string().max(64) }),
      responses: { 204: { description: 'Revoked' } },
      adminOnly: true,
      handler: async (c, { principal, params }) => {
        await accounts.revokeKey(principal.accountId, params.id);
        return c.body(null, 204);
      },
    }),
  ];
}
