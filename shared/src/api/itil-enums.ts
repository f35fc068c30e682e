// No zod here: the web client imports this module at run time (`@parc/shared/api/itil-enums`) and stays
// small. The schemas in itil.ts, problems.ts and changes.ts build their enums from these lists.

/** The kinds of ITIL object the helpdesk keeps in one table family: tickets (incidents, requests), problems, changes. */
export const ITIL_KINDS = ['ticket', 'problem', 'change'] as const;
export type ItilKindName = (typeof ITIL_KINDS)[number];

// ---- problems ----

/** A problem's workflow statuses, in workflow order (GLPI's). */
export const PROBLEM_STATUSES = ['new', 'accepted', 'analysis', 'solved', 'closed'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** The actions a person can ask for on a problem, in the order the web interface shows them. */
export const PROBLEM_ACTIONS = ['assign', 'take', 'unassign', 'accept', 'analyse', 'solve', 'close', 'reopen'] as const;
export type ProblemActionName = (typeof PROBLEM_ACTIONS)[number];

// ---- changes ----

/** A change's workflow statuses, in workflow order (GLPI's; `test` is "in test"). */
export const CHANGE_STATUSES = ['new', 'evaluation', 'approval', 'accepted', 'test', 'qualification', 'applied', 'review', 'closed', 'refused'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

/** The actions a person can ask for on a change, in the order the web interface shows them. */
export const CHANGE_ACTIONS = [
  'assign',
  'take',
  'unassign',
  'evaluate',
  'submit-for-approval',
  're-evaluate',
  'start-test',
  'qualify',
  'apply',
  'review',
  'close',
] as const;
export type ChangeActionName = (typeof CHANGE_ACTIONS)[number];

/** How risky a change is, as its author assesses it. */
export const CHANGE_RISKS = ['low', 'medium', 'high'] as const;
export type ChangeRisk = (typeof CHANGE_RISKS)[number];

/** Whether one approver's yes is enough (`any`) or every approver must say yes (`all`). */
export const CHANGE_APPROVAL_MODES = ['any', 'all'] as const;
export type ChangeApprovalMode = (typeof CHANGE_APPROVAL_MODES)[number];

/** Where a change's approval stands (`none`: never submitted). */
export const CHANGE_APPROVAL_STATES = ['none', 'pending', 'approved', 'refused'] as const;
export type ChangeApprovalState = (typeof CHANGE_APPROVAL_STATES)[number];

/** Fields the problem and change lists sort on (`-field` for descending). */
export const ITIL_SORT_FIELDS = ['id', 'createdAt', 'updatedAt', 'priority', 'status', 'title'] as const;
export type ItilSortField = (typeof ITIL_SORT_FIELDS)[number];
