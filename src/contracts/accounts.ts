import { z } from 'zod';
import { InstantSchema } from './common.ts';

export const AccountCreateSchema = z.strictObject({ name: z.string().trim().min(1).max(200) });
export const AccountCreatedSchema = z.object({ id: z.string(), name: z.string(), apiKey: z.string() });
export const AccountSchema = z.object({
  id: z.string(),
  name: z.string(),
  primaryProfileId: z.string().nullable(),
});
export const AccountPatchSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  primaryProfileId: z.string().max(64).nullable().optional(),
});
export const ApiKeyCreateSchema = z.strictObject({ name: z.string().trim().min(1).max(200) });
export const ApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: InstantSchema,
});
export const ApiKeyCreatedSchema = ApiKeySchema.extend({ key: z.string() });
