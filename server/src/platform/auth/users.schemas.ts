import { z } from 'zod';
import { ROLES } from '@parc/shared';
import { LOCALES } from '@parc/shared/locales';

export const roleSchema = z.enum(ROLES);
export const localeSchema = z.enum(LOCALES);

export const loginBodySchema = z.object({
  username: z.string().trim().min(1).max(128),
  password: z.string().min(1).max(1024),
});

export const loginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: z.lazy(() => userSchema),
});

export const userSchema = z.object({
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

/** What users may change on their own profile (PATCH /api/v1/me). */
export const updateMeBodySchema = z
  .object({ locale: localeSchema.nullable() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');

// Capped at Postgres' integer range: a larger id would reach the database and fail there as a 500.
