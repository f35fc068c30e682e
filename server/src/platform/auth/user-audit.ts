import type { Role } from '@parc/shared';
import type { AuditAction } from '../audit/audit-actions.js';

/**
 * What an admin's change to a user records in the audit log: one entry per kind of change (role,
 * password, disable/enable, other fields), so each is filterable on its own. Never the password itself.
 */
export function userChangeAudits(
  before: { role: Role; disabled: boolean; display_name: string | null; email: string | null },
  input: Partial<{ password: string; role: Role; displayName: string | null; email: string | null; disabled: boolean }>,
): { action: AuditAction; detail: Record<string, unknown> }[] {
  const out: { action: AuditAction; detail: Record<string, unknown> }[] = [];
  if (input.role !== undefined && input.role !== before.role) out.push({ action: 'user.role_changed', detail: { from: before.role, to: input.role } });
  if (input.password !== undefined) out.push({ action: 'user.password_changed', detail: {} });
  if (input.disabled === true && !before.disabled) out.push({ action: 'user.disabled', detail: {} });
  if (input.disabled === false && before.disabled) out.push({ action: 'user.enabled', detail: {} });
  const fields: Record<string, { from: string | null; to: string | null }> = {};
  if (input.displayName !== undefined && input.displayName !== before.display_name) fields.displayName = { from: before.display_name, to: input.displayName };
  if (input.email !== undefined && input.email !== before.email) fields.email = { from: before.email, to: input.email };
  if (Object.keys(fields).length) out.push({ action: 'user.updated', detail: fields });
  return out;
}
