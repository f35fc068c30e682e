import type { Generated } from 'kysely';
import type { GeneratedTimestamp } from '../column-types.js';

export interface GroupsTable {
  id: Generated<number>;
  name: string;
  email: string | null;
  created_at: GeneratedTimestamp;
}
export interface GroupMembersTable {
  group_id: number;
  user_id: number;
}

/** Written only by groups.repository.ts. */
export interface GroupTables {
  groups: GroupsTable;
  group_members: GroupMembersTable;
}
