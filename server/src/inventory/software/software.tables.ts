import type { Generated } from 'kysely';
import type { GeneratedTimestamp } from '../../platform/db/column-types.js';

// The software catalogue: one product per normalised (name, publisher), one row per version of it.
// Written only by inventory/software/software.repository.ts (ingest resolves catalogue ids through it).
// A device's installations of these versions are the device's own rows: see ingest.tables.ts.

export interface SoftwareProductsTable {
  id: Generated<number>;
  name: string;
  publisher: string | null;
  name_key: string;
  publisher_key: string;
  created_at: GeneratedTimestamp;
}

export interface SoftwareVersionsTable {
  id: Generated<number>;
  product_id: number;
  version: string;
}

export interface SoftwareTables {
  software_products: SoftwareProductsTable;
  software_versions: SoftwareVersionsTable;
}
