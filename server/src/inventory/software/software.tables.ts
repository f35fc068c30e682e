import type { Generated } from 'kysely';
import type { GeneratedTimestamp } from '../../platform/db/column-types.js';

// The software catalogue: one product per normalised (name, publisher), one row per version of it.
// Written only by the software feature: software.repository.ts (ingest resolves catalogue ids through it),
// the catalogue's PATCH (licensable, category) and the normalisation dictionary (placements, rule category).
// A device's installations of these versions are the device's own rows: see ingest.tables.ts.

export interface SoftwareProductsTable {
  id: Generated<number>;
  name: string;
  publisher: string | null;
  name_key: string;
  publisher_key: string;
  created_at: GeneratedTimestamp;
  /** Set by people (licence managers): the product is counted for compliance. */
  licensable: Generated<boolean>;
  /** Licensable or licensed: its presence is materialised (set by triggers, see migration 20261130T1020). */
  tracked: Generated<boolean>;
  category: string | null;
  /** The category a normalisation rule gave; `category` (set by people) wins over it. */
  rule_category: string | null;
}

export interface SoftwareVersionsTable {
  id: Generated<number>;
  product_id: number;
  version: string;
  /** Where the normalisation dictionary placed this title-version (null: its own product). */
  effective_product_id: number | null;
  /** A rule said to ignore it (update packages…): not counted anywhere. */
  ignored: Generated<boolean>;
  rule_id: number | null;
}

export interface SoftwareTables {
  software_products: SoftwareProductsTable;
  software_versions: SoftwareVersionsTable;
}
