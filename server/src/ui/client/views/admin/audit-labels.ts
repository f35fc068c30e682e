import type { PlainKey } from '../../i18n/i18n.js';

/**
 * A label for every action the audit log records (server/src/platform/audit/audit-actions.ts; a test
 * checks both lists match). An action recorded by a newer server shows as its name.
 */
export const AUDIT_ACTION_LABELS: Record<string, PlainKey> = {
  'auth.login': 'adminAudit.action.auth.login',
  'auth.login_failed': 'adminAudit.action.auth.login_failed',
  'auth.logout': 'adminAudit.action.auth.logout',
  'user.created': 'adminAudit.action.user.created',
  'user.updated': 'adminAudit.action.user.updated',
  'user.role_changed': 'adminAudit.action.user.role_changed',
  'user.password_changed': 'adminAudit.action.user.password_changed',
  'user.disabled': 'adminAudit.action.user.disabled',
  'user.enabled': 'adminAudit.action.user.enabled',
  'user.deleted': 'adminAudit.action.user.deleted',
  'api_token.created': 'adminAudit.action.api_token.created',
  'api_token.revoked': 'adminAudit.action.api_token.revoked',
  'enrollment_token.created': 'adminAudit.action.enrollment_token.created',
  'enrollment_token.revoked': 'adminAudit.action.enrollment_token.revoked',
  'agent.enrolled': 'adminAudit.action.agent.enrolled',
  'agent.revoked': 'adminAudit.action.agent.revoked',
  'agent.rekeyed': 'adminAudit.action.agent.rekeyed',
  'device.merged': 'adminAudit.action.device.merged',
  'device.reassigned': 'adminAudit.action.device.reassigned',
  'device.deleted': 'adminAudit.action.device.deleted',
  'assets.imported': 'adminAudit.action.assets.imported',
  'conflict.resolved': 'adminAudit.action.conflict.resolved',
  'settings.changed': 'adminAudit.action.settings.changed',
  deleted: 'adminAudit.action.deleted',
};
