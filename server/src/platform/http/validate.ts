import type { z } from 'zod';
import { readBodyLimited } from './body.js';
import { ValidationError } from './errors.js';
import { findNul } from './nul.js';

/** Parses with zod; a failure becomes a 400 naming the first offending field. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params'): z.infer<S> {
  const nulAt = findNul(value);
  if (nulAt !== undefined) {
    // Postgres rejects U+0000 in text; refuse it here, naming the field, rather than fail at the insert.
    throw new ValidationError(`invalid ${where}${nulAt ? ` at "${nulAt}"` : ''}: must not contain NUL (\\u0000) characters`, nulAt || where);
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const field = first && first.path.length > 0 ? first.path.join('.') : undefined;
  const issues = result.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  throw new ValidationError(
    `invalid ${where}${field ? ` at "${field}"` : ''}: ${first?.message ?? 'invalid value'}`,
    field ?? where,
    { issues },
  );
}

/**
 * Reads a JSON body of at most `limit` bytes, turning malformed JSON into a 400 rather than a 500. An
 * empty body is `undefined` when the route's schema accepts that (every field optional), else a 400.
 */
export async function readJson(req: Request, opts: { limit: number; allowEmpty: boolean }): Promise<unknown> {
  const text = (await readBodyLimited(req, opts.limit)).toString('utf8');
  if (text.trim() === '') {
    if (opts.allowEmpty) return undefined;
    throw new ValidationError('request body is empty; send a JSON object', 'body');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ValidationError(`request body is not valid JSON: ${(e as Error).message}`, 'body');
  }
}
