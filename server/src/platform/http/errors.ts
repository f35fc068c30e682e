import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError } from '@parc/shared';

/** Domain errors: services throw these, knowing nothing of HTTP; `onError` maps them to one JSON shape. */
export class DomainError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
export class ValidationError extends DomainError {
  constructor(message: string, field?: string, details?: unknown) {
    super(400, 'validation_failed', message, field, details);
  }
}
export class UnauthorizedError extends DomainError {
  constructor(message = 'authentication required: log in and send the token as "Authorization: Bearer <token>"', code = 'unauthorized') {
    super(401, code, message);
  }
}
export class ForbiddenError extends DomainError {
  constructor(message = 'your role does not allow this', code = 'forbidden') {
    super(403, code, message);
  }
}
export class UnsupportedMediaTypeError extends DomainError {
  constructor(message: string) {
    super(415, 'unsupported_media_type', message, 'Content-Type');
  }
}
export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(404, 'not_found', `${what} not found`);
  }
}
export class ConflictError extends DomainError {
  constructor(message: string, field?: string) {
    super(409, 'conflict', message, field);
  }
}
export class PayloadTooLargeError extends DomainError {
  constructor(limit: number) {
    super(413, 'payload_too_large', `request body is larger than ${limit} bytes`);
  }
}
export class TooManyRequestsError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    /** Which limit was hit, for clients that act on it (e.g. `{ limit: 'enrollments_per_address' }`). */
    details?: unknown,
  ) {
    super(429, 'too_many_requests', message, undefined, details);
  }
}

export function errorBody(code: string, message: string, field?: string, details?: unknown): ApiError {
  return {
    error: { code, message, ...(field !== undefined ? { field } : {}), ...(details !== undefined ? { details } : {}) },
  };
}

export function sendError(c: Context, err: DomainError) {
  if (err instanceof TooManyRequestsError) c.header('Retry-After', String(err.retryAfterSeconds));
  return c.json(errorBody(err.code, err.message, err.field, err.details), err.status);
}
