import { z } from 'zod';

/**
 * Ticket priority from urgency × impact, GLPI's model: both are 1 (very low) … 5 (very high), a 5 × 5
 * matrix maps them to a priority 1 … 5, and priority 6 ("major") is never computed, only set by an admin.
 */

/** A level on the 1 (very low) … 5 (very high) scale used by urgency, impact and computed priority. */
export type Level = 1 | 2 | 3 | 4 | 5;

/** A ticket priority: a computed level, or 6 = major (admins only). */
export type Priority = Level | 6;

export const MAJOR_PRIORITY = 6 as const;

export const LEVELS: readonly Level[] = [1, 2, 3, 4, 5];
export const PRIORITIES: readonly Priority[] = [1, 2, 3, 4, 5, 6];

export const LEVEL_LABELS: Readonly<Record<Level, string>> = {
  1: 'very low',
  2: 'low',
  3: 'medium',
  4: 'high',
  5: 'very high',
};

export const PRIORITY_LABELS: Readonly<Record<Priority, string>> = { ...LEVEL_LABELS, 6: 'major' };

/**
 * A priority matrix: `matrix[urgency - 1][impact - 1]` is the priority. Rows are urgencies, columns are
 * impacts, the same orientation as GLPI's `priority_matrix` setting (`matrix[urgency][impact]`).
 */
export type PriorityMatrix = readonly (readonly Level[])[];

/**
 * GLPI's default matrix (the `priority_matrix` value a fresh GLPI install writes), as data.
 *
 *                     impact: 1  2  3  4  5
 *   urgency 1 very low        1  1  2  2  2
 *   urgency 2 low             1  2  2  3  3
 *   urgency 3 medium          2  2  3  4  4
 *   urgency 4 high            2  3  4  4  5
 *   urgency 5 very high       2  3  4  5  5
 *
 * It is symmetric, so swapping urgency and impact gives the same priority.
 */
export const GLPI_DEFAULT_PRIORITY_MATRIX: PriorityMatrix = [
  [1, 1, 2, 2, 2],
  [1, 2, 2, 3, 3],
  [2, 2, 3, 4, 4],
  [2, 3, 4, 4, 5],
  [2, 3, 4, 5, 5],
];

export const levelSchema = z
  .number()
  .int()
  .min(1)
  .max(5)
  .transform((n) => n as Level);

export const prioritySchema = z
  .number()
  .int()
  .min(1)
  .max(6)
  .transform((n) => n as Priority);

/** "urgency 3 × impact 4" for an issue path [2, 3]; the matrix position people reason in. */
function cellName(path: readonly PropertyKey[] | undefined): string {
  const [row, col] = path ?? [];
  if (typeof row === 'number' && typeof col === 'number') return `urgency ${row + 1} × impact ${col + 1}`;
  if (typeof row === 'number') return `urgency ${row + 1} row`;
  return 'priority matrix';
}

const cellSchema = z
  .number({ error: (iss) => `${cellName(iss.path)}: must be a number from 1 to 5` })
  .int({ error: (iss) => `${cellName(iss.path)}: must be a whole number from 1 to 5` })
  .min(1, { error: (iss) => `${cellName(iss.path)}: must be at least 1 (very low)` })
  .max(5, { error: (iss) => `${cellName(iss.path)}: must be at most 5 (very high); 6 (major) is set by admins, not computed` });

/**
 * A priority matrix as configured: 5 rows (urgency 1–5) of 5 cells (impact 1–5), each 1–5. Every error
 * names its cell ("urgency 3 × impact 4: …") and carries the path [row, column] (0-based).
 */
export const priorityMatrixSchema = z
  .array(
    z
      .array(cellSchema, { error: (iss) => `${cellName(iss.path)}: must be a list of 5 priorities (impact 1–5)` })
      .length(5, { error: (iss) => `${cellName(iss.path)}: needs exactly 5 cells, one per impact 1–5` }),
    { error: 'priority matrix: must be a list of 5 rows, one per urgency 1–5' },
  )
  .length(5, { error: 'priority matrix: needs exactly 5 rows, one per urgency 1–5' })
  .transform((rows) => rows as unknown as PriorityMatrix);

export interface MatrixError {
  /** The offending cell (1-based urgency and impact), or null for a whole-matrix or whole-row problem. */
  cell: { urgency: number; impact: number } | null;
  /** Dotted path for the API error shape, e.g. `priorityMatrix.2.3` (0-based row, column). */
  field: string;
  message: string;
}

/** Validates a configured matrix; the errors name each bad cell. */
export function parsePriorityMatrix(
  input: unknown,
  fieldPrefix = 'priorityMatrix',
): { ok: true; matrix: PriorityMatrix } | { ok: false; errors: MatrixError[] } {
  const parsed = priorityMatrixSchema.safeParse(input);
  if (parsed.success) return { ok: true, matrix: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => {
      const [row, col] = issue.path;
      return {
        cell: typeof row === 'number' && typeof col === 'number' ? { urgency: row + 1, impact: col + 1 } : null,
        field: [fieldPrefix, ...issue.path.map(String)].join('.'),
        message: issue.message,
      };
    }),
  };
}

function assertLevel(name: string, value: number): asserts value is Level {
  if (!Number.isInteger(value) || value < 1 || value > 5) throw new RangeError(`${name} must be an integer from 1 to 5, got ${value}`);
}

/** The priority (1–5) the matrix gives for this urgency and impact. Throws RangeError outside 1–5. */
export function computePriority(urgency: number, impact: number, matrix: PriorityMatrix = GLPI_DEFAULT_PRIORITY_MATRIX): Level {
  assertLevel('urgency', urgency);
  assertLevel('impact', impact);
  const value = matrix[urgency - 1]?.[impact - 1];
  // A matrix that went through priorityMatrixSchema always has the cell; a hand-built one might not.
  if (value === undefined) throw new RangeError(`priority matrix has no cell for urgency ${urgency} × impact ${impact}`);
  return value;
}

/** Roles as stored on users (see auth). Only the role matters for who may set "major". */
export type PriorityActorRole = 'admin' | 'technician' | 'licence-manager' | 'requester';

/**
 * The priority to store when someone edits urgency/impact or asks for an explicit priority.
 * - No explicit request: the matrix value, except that a ticket already major stays major (editing
 *   urgency must not silently demote an admin's decision).
 * - Explicit 6 (major): admins only.
 * - Explicit 1–5: staff (admin, technician) may override the matrix; GLPI lets technicians do so too.
 */
export function decidePriority(input: {
  urgency: number;
  impact: number;
  current?: Priority | null;
  requested?: Priority | null;
  actorRole: PriorityActorRole;
  matrix?: PriorityMatrix;
}): { ok: true; priority: Priority } | { ok: false; code: 'forbidden'; message: string } {
  const computed = computePriority(input.urgency, input.impact, input.matrix);
  const requested = input.requested ?? null;
  if (requested === null) {
    return { ok: true, priority: input.current === MAJOR_PRIORITY ? MAJOR_PRIORITY : computed };
  }
  // Re-sending the stored value (a form posting every field) changes nothing, so anyone may.
  if (requested === input.current) return { ok: true, priority: requested };
  if (requested === MAJOR_PRIORITY && input.actorRole !== 'admin') {
    return { ok: false, code: 'forbidden', message: 'Only an admin can mark a ticket as major (priority 6).' };
  }
  if (input.actorRole !== 'admin' && input.actorRole !== 'technician') {
    return { ok: false, code: 'forbidden', message: 'Only helpdesk staff can override the computed priority.' };
  }
  if (input.current === MAJOR_PRIORITY && input.actorRole !== 'admin') {
    return { ok: false, code: 'forbidden', message: 'Only an admin can lower a major ticket.' };
  }
  return { ok: true, priority: requested };
}
