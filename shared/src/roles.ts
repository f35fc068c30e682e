// No zod here: the web client imports this module at run time (`@parc/shared/roles`) and stays small.

/** The roles a Parc user can have. */
export const ROLES = ['admin', 'technician', 'licence-manager', 'requester'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who may do what, named once; routes and the web client use these names, never a list of their own.
 *
 * @example
 * access: ROLE_SETS.helpdeskStaff
 */
export const ROLE_SETS = {
  /** Administration: users, enrollment, settings, rules. */
  admins: ['admin'],
  /** Work tickets: see them all, private followups, tasks, assignment; edit devices. */
  helpdeskStaff: ['admin', 'technician'],
  /** Read the inventory and the helpdesk's configuration (categories, groups, SLA policies…). */
  staffReaders: ['admin', 'technician', 'licence-manager'],
  /** Manage licences and software normalisation rules. */
  licenceManagers: ['admin', 'licence-manager'],
} as const satisfies Record<string, readonly Role[]>;

export type RoleSet = keyof typeof ROLE_SETS;

/** True when `role` is in the named set. */
export function inRoleSet(role: Role, set: RoleSet): boolean {
  return (ROLE_SETS[set] as readonly Role[]).includes(role);
}
