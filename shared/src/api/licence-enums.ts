// No zod here: the web client imports this module at run time (`@parc/shared/api/licence-enums`) and
// stays small. The schemas in software.ts and licences.ts build their enums from these lists.

/**
 * A device's state as compliance and the catalogue see it: its asset state code (the built-ins below, or
 * one an admin added), or `stale` for a device in use not seen for PARC_STALE_DAYS.
 */
export const DEVICE_STATES = ['in_use', 'stale', 'in_stock', 'in_repair', 'lent', 'retired', 'lost'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

/** How a normalisation rule's condition compares (see ruleMatchKindSchema). */
export const RULE_MATCH_KINDS = ['exact', 'prefix', 'regex'] as const;
export type RuleMatchKind = (typeof RULE_MATCH_KINDS)[number];

/** What a normalisation rule does (see ruleActionSchema). */
export const RULE_ACTIONS = ['rename', 'map', 'category', 'ignore'] as const;
export type RuleAction = (typeof RULE_ACTIONS)[number];

/** What a licence counts (see licenceMetricSchema). */
export const LICENCE_METRICS = ['device', 'user', 'site'] as const;
export type LicenceMetric = (typeof LICENCE_METRICS)[number];

/** A licence on a date: valid, past its last day, or not started. */
export const LICENCE_STATES = ['active', 'expired', 'future'] as const;
export type LicenceState = (typeof LICENCE_STATES)[number];

/** A product's compliance, in the order the summary lists them (see complianceStatusSchema). */
export const COMPLIANCE_STATUSES = ['over-deployed', 'unlicensed', 'under-used', 'compliant'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

/** The columns of a licence CSV (see licenceImportBodySchema). */
export const LICENCE_CSV_COLUMNS = [
  'product',
  'publisher',
  'productId',
  'metric',
  'quantity',
  'versionFrom',
  'versionTo',
  'startsOn',
  'expiresOn',
  'unitCost',
  'currency',
  'vendor',
  'reference',
  'notes',
] as const;
