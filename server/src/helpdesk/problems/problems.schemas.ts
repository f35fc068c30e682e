import { z } from 'zod';
import { idSchema } from '../../platform/http/params.js';

// Bodies, the list query and answers are shared with the web client (shared/src/api/problems.ts, itil.ts);
// the path parameters stay here.
export {
  createProblemBodySchema,
  listProblemsQuerySchema,
  listProblemsResponseSchema,
  patchProblemBodySchema,
  problemActionBodySchema,
  problemDetailSchema,
  type CreateProblemBody,
  type ListProblemsQuery,
  type PatchProblemBody,
  type ProblemActionBody,
} from '@parc/shared/api';

export const problemParamsSchema = z.object({ id: idSchema });
