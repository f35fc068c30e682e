import type { Generated } from 'kysely';
import type { GeneratedTimestamp } from '../column-types.js';

export interface TicketCategoriesTable {
  id: Generated<number>;
  parent_id: number | null;
  name: string;
  created_at: GeneratedTimestamp;
}

/** Written only by categories.repository.ts. */
export interface CategoryTables {
  ticket_categories: TicketCategoriesTable;
}
