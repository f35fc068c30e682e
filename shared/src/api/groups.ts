import { z } from 'zod';
import { ROLE_SETS } from '../roles.js';
import { bodyIdSchema } from './common.js';

/** Groups of technicians that tickets are assigned to, and their members. */

const name = z.string().trim().min(1, 'a group needs a name').max(128);
const email = z.string().trim().email().max(256);

export const createGroupBodySchema = z.strictObject({
  name,
  email: email.nullable().optional(),
});
export type CreateGroupBody = z.infer<typeof createGroupBodySchema>;

export const patchGroupBodySchema = z
  .strictObject({ name, email: email.nullable() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one of name, email');
export type PatchGroupBody = z.infer<typeof patchGroupBodySchema>;

export const setMembersBodySchema = z.strictObject({
  /** The whole membership: users not listed leave the group. */
  userIds: z.array(bodyIdSchema).max(1000),
});
export type SetMembersBody = z.infer<typeof setMembersBodySchema>;

export const memberSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string().nullable(),
  email: z.string().nullable(),
  role: z.enum(ROLE_SETS.helpdeskStaff),
});
export type GroupMember = z.infer<typeof memberSchema>;

export const groupSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string().nullable(),
  memberCount: z.number().int(),
  createdAt: z.string(),
});
export type Group = z.infer<typeof groupSchema>;

export const groupDetailSchema = groupSchema.extend({ members: z.array(memberSchema) });
export type GroupDetail = z.infer<typeof groupDetailSchema>;

export const groupListSchema = z.object({ items: z.array(groupSchema) });
export const memberListSchema = z.object({ items: z.array(memberSchema) });
