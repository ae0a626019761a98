import { z } from 'zod';
import { IdSchema, InstantSchema, LimitParam } from './common.ts';
import { ListFiltersSchema, SCOPES, SORTS } from './lists.ts';

const NameSchema = z.string().trim().min(1).max(100);

export const ViewCreateSchema = z
  .strictObject({
    name: NameSchema,
    scope: z.enum(SCOPES),
    filters: ListFiltersSchema.default({}),
    sort: z.enum(SORTS).optional(),
  })
  .meta({
    id: 'ViewCreate',
    description: 'A saved list: filters and sort (a contacts view is a smart list)',
  });

export const ViewPatchSchema = z
  .strictObject({
    name: NameSchema.optional(),
    filters: ListFiltersSchema.optional(),
    sort: z.enum(SORTS).optional(),
  })
  .meta({ id: 'ViewPatch' });

export const ViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scope: z.enum(SCOPES),
    filters: ListFiltersSchema,
    sort: z.enum(SORTS),
    createdAt: InstantSchema,
    updatedAt: InstantSchema,
  })
  .meta({ id: 'View' });

export const ViewListQuery = z.strictObject({
  scope: z.enum(SCOPES).optional(),
  limit: LimitParam,
  cursor: z.string().max(500).optional(),
});

export const ViewItemsQuery = z.strictObject({
  limit: LimitParam,
  cursor: z.string().min(1, 'must not be empty (leave it out for the first page)').max(1000).optional(),
});

export const ViewParams = z.strictObject({ id: IdSchema });
