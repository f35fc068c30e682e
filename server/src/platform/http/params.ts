import { MAX_ID } from '@parc/shared/api/enums';
import { z } from 'zod';

/** Largest id a Postgres `integer` (serial) column holds (defined with the API contract, shared/src/api/enums.ts). */
export { MAX_ID };

/** One positive database id, from a path or query string. */
export const idSchema = z.coerce.number().int().positive().max(MAX_ID);

/** `/:id` in a route path. */
export const idParamSchema = z.object({ id: idSchema });
