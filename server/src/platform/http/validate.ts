import type { z } from 'zod';
import { readBodyLimited } from './body.js';
import { UnsupportedMediaTypeError, ValidationError } from './errors.js';
import { parseJsonText } from './json-text.js';
import { findBadText } from './nul.js';

/**
 * Parses with zod; a failure becomes a 400 naming the first offending field. The text check runs on what
 * zod kept, after validation, so an oversized or odd body costs one walk at most.
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) {
    const bad = findBadText(result.data);
    if (bad !== undefined) {
      // Postgres rejects U+0000 and unpaired surrogates in text; refuse them here, naming the field.
      throw new ValidationError(`invalid ${where}${bad.path ? ` at "${bad.path}"` : ''}: ${bad.reason}`, bad.path || where);
    }
    return result.data;
  }
  const first = result.error.issues[0];
  const field = first && first.path.length > 0 ? first.path.join('.') : undefined;
  const issues = result.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  throw new ValidationError(
    `invalid ${where}${field ? ` at "${field}"` : ''}: ${first?.message ?? 'invalid value'}`,
    field ?? where,
    { issues },
  );
}

/** True for `application/json` and `application/<something>+json`, with or without parameters. */
export function isJsonContentType(header: string | undefined): boolean {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/**
 * Reads a JSON body of at most `limit` bytes, turning malformed or too deeply nested JSON into a 400
 * rather than a 500. An empty body is `undefined` when the route's schema accepts that (every field
 * optional), else a 400. A body that is not declared as JSON is a 415: a form or `text/plain` post from
 * another site must not pass for an API call.
 */
export async function readJson(req: Request, opts: { limit: number; allowEmpty: boolean }): Promise<unknown> {
  const text = (await readBodyLimited(req, opts.limit)).toString('utf8');
  if (text.trim() === '') {
    if (opts.allowEmpty) return undefined;
    throw new ValidationError('request body is empty; send a JSON object', 'body');
  }
  if (!isJsonContentType(req.headers.get('content-type') ?? undefined)) {
    throw new UnsupportedMediaTypeError('send the body as JSON with "Content-Type: application/json"');
  }
  return parseJsonText(text, 'request body');
}
