import { ApiError } from '../api.js';
import { t } from './i18n.js';

/**
 * An API error as a person reads it, in the interface's language, from its stable `code`. Codes whose
 * server message names the specifics (a field, a name, a state) keep that message as the detail; a code
 * not listed here shows the server's message unchanged.
 */
const BY_CODE: Record<string, (e: { status: number; message: string }) => string> = {
  network: () => t('errors.network'),
  http_error: (e) => t('errors.httpError', { status: e.status }),
  unauthorized: () => t('errors.unauthorized'),
  invalid_credentials: () => t('errors.invalidCredentials'),
  forbidden: () => t('errors.forbidden'),
  not_found: () => t('errors.notFound'),
  validation_failed: (e) => t('errors.validationFailed', { detail: e.message }),
  conflict: (e) => t('errors.conflict', { detail: e.message }),
  payload_too_large: () => t('errors.payloadTooLarge'),
  too_many_requests: () => t('errors.tooManyRequests'),
  internal_error: () => t('errors.internalError'),
  ticket_closed: () => t('errors.ticketClosed'),
  invalid_transition: (e) => t('errors.invalidTransition', { detail: e.message }),
};

export function apiErrorText(e: { code: string; status: number; message: string }): string {
  return Object.hasOwn(BY_CODE, e.code) ? BY_CODE[e.code]!(e) : e.message;
}

/**
 * What to tell the person: an API error translated from its code, a string as it is (the forms' own
 * checks, already from the catalogues), anything else as an unexpected failure.
 */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return apiErrorText(err);
  if (typeof err === 'string') return err;
  return err instanceof Error ? t('common.somethingWrongDetail', { detail: err.message }) : t('common.somethingWrong');
}
