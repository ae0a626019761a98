import type { z } from 'zod';
import { DEFAULT_SORT, type ListFilters, type ListSort } from '../../contracts/lists.ts';
import type { ViewCreateSchema, ViewPatchSchema } from '../../contracts/views.ts';
import type { Principal } from '../accounts/accounts.service.ts';
import type { Clock } from '../clock.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { ViewsTable } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import type { ListService } from '../lists/list.service.ts';
import type { ProfilesRepository } from '../profiles/profiles.repository.ts';
import { iso } from '../time-format.ts';
import type { ViewsRepository } from './views.repository.ts';

function viewOf(row: ViewsTable) {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    filters: JSON.parse(row.filters) as ListFilters,
    sort: row.sort as ListSort,
    createdAt: iso(Number(row.created_at)),
    updatedAt: iso(Number(row.updated_at)),
  };
}

/** Saved views: filters and a sort, shared by the account's team, always evaluated live. */
export function viewsService(deps: {
  views: ViewsRepository;
  profiles: ProfilesRepository;
  lists: ListService;
  clock: Clock;
  ids: IdGenerator;
}) {
  const { views, profiles, lists, clock, ids } = deps;

  async function load(accountId: string, id: string) {
    const row = await views.find(accountId, id);
    if (!row) throw notFound('view');
    return row;
  }

  return {
    async create(principal: Principal, input: z.infer<typeof ViewCreateSchema>) {
      const accountId = principal.accountId;
      const sort = input.sort ?? DEFAULT_SORT[input.scope];
      await lists.validate(principal, { scope: input.scope, filters: input.filters, sort });
      const now = clock.now();
      const row: ViewsTable = {
        account_id: accountId,
        id: ids('view'),
        name: input.name,
        scope: input.scope,
        filters: JSON.stringify(input.filters),
        sort,
        created_at: now,
        updated_at: now,
      };
      await views.insert(row);
      return viewOf(row);
    },

    async get(accountId: string, id: string) {
      return viewOf(await load(accountId, id));
    },

    async list(
      accountId: string,
      query: { scope?: ViewsTable['scope'] | undefined; limit: number; cursor?: string | undefined },
    ) {
      const after = query.cursor
        ? (decodeCursor(query.cursor, ['string', 'string']) as [string, string])
        : null;
      const rows = await views.list(accountId, query.scope, query.limit + 1, after);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(viewOf),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null,
      };
    },

    async update(principal: Principal, id: string, patch: z.infer<typeof ViewPatchSchema>) {
      const accountId = principal.accountId;
      const view = viewOf(await load(accountId, id));
      if (patch.filters || patch.sort)
        await lists.validate(principal, {
          scope: view.scope,
          filters: patch.filters ?? view.filters,
          sort: patch.sort ?? view.sort,
        });
      if (Object.keys(patch).length === 0) return view;
      await views.update(accountId, id, {
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.filters !== undefined && { filters: JSON.stringify(patch.filters) }),
        ...(patch.sort !== undefined && { sort: patch.sort }),
        updated_at: clock.now(),
      });
      return viewOf(await load(accountId, id));
    },

    async delete(accountId: string, id: string) {
      if (!(await views.delete(accountId, id))) throw notFound('view');
    },

    /**
     * The view's list, evaluated now. A view whose profile or tier no longer exists answers 409
     * saying which, so the view can be edited; `assignedTo: "me"` means whoever asks.
     */
    async items(principal: Principal, id: string, page: { limit: number; cursor?: string | undefined }) {
      const view = viewOf(await load(principal.accountId, id));
      const { profileId } = view.filters;
      if (profileId && !(await profiles.find(principal.accountId, profileId)))
        throw new AppError(
          'conflict',
          `view "${view.name}" filters by profile ${profileId}, which was deleted; edit the view's profileId`,
        );
      try {
        return await lists.list(principal, {
          scope: view.scope,
          filters: view.filters,
          sort: view.sort,
          ...page,
        });
      } catch (error) {
        const path = error instanceof AppError ? error.details?.[0]?.path : undefined;
        if (path === 'tier' || path === 'profileId')
          throw new AppError(
            'conflict',
            `view "${view.name}" no longer applies: ${(error as AppError).message}`,
          );
        throw error;
      }
    },
  };
}

export type ViewsService = ReturnType<typeof viewsService>;
