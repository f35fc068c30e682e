// Shared with the web client: shared/src/api/groups.ts.
export {
  createGroupBodySchema,
  groupDetailSchema,
  groupListSchema,
  groupSchema,
  memberListSchema,
  memberSchema,
  patchGroupBodySchema,
  setMembersBodySchema,
  type CreateGroupBody,
  type GroupMember,
  type PatchGroupBody,
} from '@parc/shared/api';
