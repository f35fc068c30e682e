import { z } from 'zod';
import { LOCALES } from '../locales.js';
import { ROLES } from '../roles.js';

/** People's accounts: logging in, the logged-in user (`/me`), and the users administration. */

export const roleSchema = z.enum(ROLES);
/** The languages of the interface (@parc/shared/locales, zod-free for the web client). */
export const localeSchema = z.enum(LOCALES);

export const loginBodySchema = z.object({
  username: z.string().trim().min(1).max(128),
  password: z.string().min(1).max(1024),
});
export type LoginBody = z.input<typeof loginBodySchema>;

/** A Parc user as the API shows it (named apart from the inventory's `userSchema`, a machine's users). */
export const userAccountSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string().nullable(),
  email: z.string().nullable(),
  role: roleSchema,
  disabled: z.boolean(),
  /** The interface language the user chose; null: the browser's language decides. */
  locale: localeSchema.nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userAccountSchema>;

export const userListSchema = z.object({ items: z.array(userAccountSchema) });

export const loginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: userAccountSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const createUserBodySchema = z.object({
  username: z
    .string()
    .trim()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9._@\\-]+$/, 'letters, digits and . _ @ \\ - only'),
  password: z.string().min(8, 'at least 8 characters').max(1024),
  role: roleSchema,
  displayName: z.string().trim().max(256).optional(),
  email: z.string().trim().email().max(256).optional(),
});
export type CreateUserBody = z.input<typeof createUserBodySchema>;

export const updateUserBodySchema = z
  .object({
    password: z.string().min(8, 'at least 8 characters').max(1024),
    role: roleSchema,
    displayName: z.string().trim().max(256).nullable(),
    email: z.string().trim().email().max(256).nullable(),
    disabled: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export type UpdateUserBody = z.input<typeof updateUserBodySchema>;

/** What users may change on their own profile (PATCH /api/v1/me); the answer is their `User`. */
export const updateMeBodySchema = z
  .object({ locale: localeSchema.nullable() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export type UpdateMeBody = z.input<typeof updateMeBodySchema>;
