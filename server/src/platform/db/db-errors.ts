/**
 * Postgres error codes, named once (SQLSTATE, Postgres manual appendix A). PGlite reports the same codes.
 * Services turn these into domain errors with their own wording: a duplicate name, a missing parent…
 */
const CODES = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  numericOutOfRange: '22003',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
} as const;

/** The SQLSTATE of a database error, or undefined for anything else. */
export function pgErrorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A unique constraint refused the row (a duplicate name, a racing insert). */
export const isUniqueViolation = (err: unknown) => pgErrorCode(err) === CODES.uniqueViolation;

/** The unique constraint or index a unique violation names (Postgres and PGlite both report it), or undefined. */
export function violatedConstraint(err: unknown): string | undefined {
  if (!isUniqueViolation(err)) return undefined;
  const name = (err as { constraint?: unknown }).constraint;
  return typeof name === 'string' ? name : undefined;
}

/** A foreign key refused the row: what it points at is gone, or something still points at it. */
export const isForeignKeyViolation = (err: unknown) => pgErrorCode(err) === CODES.foreignKeyViolation;

/** A value beyond its column's range. */
export const isOutOfRange = (err: unknown) => pgErrorCode(err) === CODES.numericOutOfRange;

/** Postgres asks the client to run the transaction again: serialization failure or deadlock. */
export const isRetryableTransactionError = (err: unknown) => {
  const code = pgErrorCode(err);
  return code === CODES.serializationFailure || code === CODES.deadlockDetected;
};
