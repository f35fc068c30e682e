import type { Generated } from 'kysely';

export interface AssignmentRulesTable {
  id: Generated<number>;
  name: string;
  position: number;
  category_id: number | null;
  location_id: number | null;
  group_id: number;
  active: Generated<boolean>;
}

/** Written only by assignment-rules.repository.ts. */
export interface AssignmentTables {
  assignment_rules: AssignmentRulesTable;
}
