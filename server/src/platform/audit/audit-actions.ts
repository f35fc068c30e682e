/**
 * Every action the audit log records, named `<thing>.<what happened>`. A feature that records a new
 * kind of action adds it here (and its label to the web client's catalogues).
 */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'user.created',
  'user.updated',
  'user.role_changed',
  'user.password_changed',
  'user.disabled',
  'user.enabled',
  'user.deleted',
  'api_token.created',
  'api_token.revoked',
  'enrollment_token.created',
  'enrollment_token.revoked',
  'agent.enrolled',
  'agent.revoked',
  'agent.rekeyed',
  'device.merged',
  'device.reassigned',
  'device.deleted',
  'assets.imported',
  'conflict.resolved',
  'settings.changed',
  'deleted',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
