import { z } from 'zod';
import { MAX_ID } from './enums.js';

/**
 * Building blocks of the API's JSON shapes. Request schemas validate (the server parses bodies with
 * them); response schemas describe what the server answers (the OpenAPI document, the web client's types,
 * and the contract test that parses real answers with them).
 */

/** A row id in a JSON body: a larger number is a 400 here, not an out-of-range error (500) in SQL. */
export const bodyIdSchema = z.number().int().positive().max(MAX_ID);

/** At most 100 ids in one body (devices, observers, assignees of a ticket). */
export const bodyIdsSchema = z.array(bodyIdSchema).max(100);

/** An IANA time zone (the browser's), deciding where a day starts; UTC when absent. */
export const timeZoneSchema = z
  .string()
  .max(64)
  .default('UTC')
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'not an IANA time zone');

/** Who did something or is assigned, as the API names a user. */
export const userRefSchema = z.object({ id: z.number().int(), username: z.string(), displayName: z.string().nullable() });
export type UserRef = z.infer<typeof userRefSchema>;

/** One page of a list, with the total the filters match. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}

/** A whole list, unpaged: `{ items }`. */
export function listSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}
