import { inRoleSet, type Role } from '@parc/shared/roles';

/**
 * What each role may do, mirroring the API's access rules so the UI never offers what the API refuses.
 * Helpdesk staff are admins and technicians; licence managers read devices but use the helpdesk as
 * requesters do; licences, the software catalogue and compliance are theirs and admins' (technicians read).
 */
export interface Capabilities {
  /** Work tickets: see all, private followups, tasks, assign, edit. */
  workTickets: boolean;
  /** Read the device inventory. */
  seeDevices: boolean;
  /** Change the people-owned fields of a device. */
  editDevices: boolean;
  /** Groups of technicians (for the ticket filters). */
  seeGroups: boolean;
  /** Enrollment tokens and the rest of administration. */
  administer: boolean;
  /** Read the software catalogue, licences and compliance (admins, technicians, licence managers). */
  seeLicences: boolean;
  /** Change licences, the catalogue's licensable flag and category, and the normalisation rules. */
  manageLicences: boolean;
  /** Be named an approver: list and answer one's approvals (the staff readers, as the API allows). */
  approve: boolean;
}

export function capabilitiesOf(role: Role): Capabilities {
  const staff = inRoleSet(role, 'helpdeskStaff');
  const reader = inRoleSet(role, 'staffReaders');
  return {
    workTickets: staff,
    seeDevices: reader,
    editDevices: staff,
    seeGroups: reader,
    administer: inRoleSet(role, 'admins'),
    seeLicences: reader,
    manageLicences: inRoleSet(role, 'licenceManagers'),
    approve: reader,
  };
}
