import { z } from 'zod';

/** Largest id a Postgres `integer` (serial) column holds: a bigger one is a 400, not a 500 from the database. */
export const MAX_ID = 2_147_483_647;

/** One positive database id, from a path or query string. */
export const idSchema = z.coerce.number().int().positive().max(MAX_ID);

/** `/:id` in a route path. */
export const idParamSchema = z.object({ id: idSchema });
