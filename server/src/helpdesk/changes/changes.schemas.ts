import { z } from 'zod';
import { idSchema } from '../../platform/http/params.js';

// Bodies, the list query and answers are shared with the web client (shared/src/api/changes.ts, itil.ts);
// the path parameters stay here.
export {
  changeActionBodySchema,
  changeDetailSchema,
  createChangeBodySchema,
  listChangesQuerySchema,
  listChangesResponseSchema,
  patchChangeBodySchema,
  type ChangeActionBody,
  type CreateChangeBody,
  type ListChangesQuery,
  type PatchChangeBody,
} from '@parc/shared/api';

export const changeParamsSchema = z.object({ id: idSchema });
