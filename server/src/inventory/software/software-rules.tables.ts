import type { ColumnType, Generated } from 'kysely';

type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type RuleMatchKind = 'exact' | 'prefix' | 'regex';

/** The normalisation dictionary (migration 20261130T1000_software_catalogue); product columns are in platform/db/schema.ts. */
export interface SoftwareRulesTable {
  id: Generated<number>;
  position: number;
  label: string | null;
  active: Generated<boolean>;
  name_match: RuleMatchKind | null;
  name_value: string | null;
  publisher_match: RuleMatchKind | null;
  publisher_value: string | null;
  version_match: RuleMatchKind | null;
  version_value: string | null;
  action: 'rename' | 'map' | 'category' | 'ignore';
  rename_name: string | null;
  rename_publisher: string | null;
  product_id: number | null;
  category: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface SoftwareRuleTables {
  software_rules: SoftwareRulesTable;
}
