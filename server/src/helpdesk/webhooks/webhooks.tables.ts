import type { Generated } from 'kysely';
import type { GeneratedTimestamp } from '../column-types.js';

export interface WebhooksTable {
  id: Generated<number>;
  url: string;
  events: string[];
  secret: string | null;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
}

/** Written only by webhooks.repository.ts. */
export interface WebhookTables {
  webhooks: WebhooksTable;
}
