import { inRoleSet, type Role, type RoleSet } from '@parc/shared';

/** Someone acting on an ITIL object (ticket, problem, change): a Parc user with a role, or the system. */
export type Actor = { kind: 'user'; userId: number; role: Role } | { kind: 'system' };

/** How a user stands to one object, whatever their role. */
export type ActorRelation = 'requester' | 'assignee';

/** The people an object names, as far as permissions go. */
export interface ObjectActors {
  /** The requesting user, or null when the object was opened for someone who is not a Parc user. */
  requesterId: number | null;
  assigneeUserIds: readonly number[];
}

/**
 * Who may perform an action, as data: members of the role sets, users in one of the relations to the
 * object (any role: a technician can be a ticket's requester too), the system (scheduler, assignment
 * rules). Any one of them suffices.
 */
export interface Permission {
  roleSets?: readonly RoleSet[];
  relations?: readonly ActorRelation[];
  system?: boolean;
  /** Who may, in words, for the refusal message. */
  label: string;
}

function holds(relation: ActorRelation, object: ObjectActors, userId: number): boolean {
  switch (relation) {
    case 'requester':
      return object.requesterId !== null && object.requesterId === userId;
    case 'assignee':
      return object.assigneeUserIds.includes(userId);
  }
}

/** Whether `actor` holds `permission` on `object`. */
export function permits(permission: Permission, object: ObjectActors, actor: Actor): boolean {
  if (actor.kind === 'system') return permission.system === true;
  if ((permission.roleSets ?? []).some((set) => inRoleSet(actor.role, set))) return true;
  return (permission.relations ?? []).some((r) => holds(r, object, actor.userId));
}

/** The permissions the helpdesk's workflows use, named once (tickets today; problems and changes next). */
export const PERMISSIONS = {
  staff: { roleSets: ['helpdeskStaff'], label: 'only helpdesk staff (admins and technicians) can do this' },
  admin: { roleSets: ['admins'], label: 'only an admin can do this' },
  requester: { relations: ['requester'], label: 'only the requester can do this' },
  /** A requester answering a pending question resumes it, as in GLPI. */
  requesterOrStaff: { roleSets: ['helpdeskStaff'], relations: ['requester'], label: 'only the requester or helpdesk staff can do this' },
  /** Staff, or the system applying an auto-assignment rule. */
  staffOrSystem: { roleSets: ['helpdeskStaff'], system: true, label: 'only helpdesk staff (admins and technicians) or an assignment rule can do this' },
  /** The scheduler, never a person. */
  system: { system: true, label: 'only the scheduler does this' },
} as const satisfies Record<string, Permission>;

/** "a technician", "the system": who was refused, for messages. */
export const actorLabel = (actor: Actor): string => (actor.kind === 'system' ? 'the system' : `a ${actor.role}`);

export type { Role };
