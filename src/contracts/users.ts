import { z } from 'zod';
import { InstantSchema } from './common.ts';

const NameSchema = z.string().trim().min(1).max(200);
/** Emails are compared lowercased: one address is one user across the installation. */
const EmailSchema = z.email('must be an email address').max(254);
const NewPasswordSchema = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200, 'must be at most 200 characters')
  .refine((password) => password.trim().length >= 10, 'must hold at least 10 characters besides spaces');
export const RoleSchema = z.enum(['admin', 'member']);

export const UserCreateSchema = z
  .strictObject({ name: NameSchema, email: EmailSchema, password: NewPasswordSchema, role: RoleSchema })
  .meta({ id: 'UserCreate' });

export const UserSchema = z
  .object({ id: z.string(), name: z.string(), email: z.string(), role: RoleSchema, createdAt: InstantSchema })
  .meta({ id: 'User' });

export const SessionCreateSchema = z
  .strictObject({ email: EmailSchema, password: z.string().min(1).max(200) })
  .meta({ id: 'SessionCreate' });

export const SessionSchema = z
  .object({
    user: UserSchema,
    account: z.object({ id: z.string(), name: z.string() }),
    expiresAt: InstantSchema,
  })
  .meta({ id: 'Session' });

/** The first admin of an installation; `accountName` is needed unless exactly one account exists. */
export const SetupSchema = z
  .strictObject({
    accountName: NameSchema.optional(),
    name: NameSchema,
    email: EmailSchema,
    password: NewPasswordSchema,
  })
  .meta({ id: 'Setup' });

export const SetupStatusSchema = z.object({ needed: z.boolean() }).meta({ id: 'SetupStatus' });
