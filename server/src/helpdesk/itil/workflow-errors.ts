import { DomainError, ForbiddenError, ValidationError } from '../../platform/http/errors.js';
import type { StepFailure, WorkflowErrorCode } from './workflow.js';

/** The typed error each refusal of the workflow machine becomes (one JSON error shape for every route). */
const ERRORS: Readonly<Record<WorkflowErrorCode, (message: string, field?: string) => DomainError>> = {
  'invalid-transition': (m) => new DomainError(409, 'invalid_transition', m),
  forbidden: (m) => new ForbiddenError(m),
  'invalid-input': (m, f) => new ValidationError(m, f),
  'no-change': (m) => new DomainError(409, 'no_change', m),
  'not-assigned': (m, f) => new ValidationError(m, f),
  'too-early': (m) => new DomainError(409, 'too_early', m),
};

export function workflowError(failure: StepFailure): DomainError {
  return ERRORS[failure.code](failure.message, failure.field);
}
