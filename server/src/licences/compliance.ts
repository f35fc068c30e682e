import { COMPLIANCE_STATUSES, type ComplianceItem, type ComplianceStatus, type ComplianceSummary, type LicenceMetric } from '@parc/shared';
import { inVersionRange, newestFirst } from '../inventory/software/version-compare.js';
import { licenceState } from './licence-dates.js';

/**
 * Compliance, pure: what is owned against what is installed, per product, from plain facts. The
 * queries in compliance.repository.ts count the inventory set-based and feed these functions; tests
 * give them hand-made facts (server/test/licences/compliance.test.ts).
 */

export interface LicenceFacts {
  id: number;
  metric: LicenceMetric;
  quantity: number | null;
  versionFrom: string | null;
  versionTo: string | null;
  startsOn: string | null;
  expiresOn: string | null;
  unitCost: number | null;
  currency: string | null;
}

export interface ProductFacts {
  productId: number;
  name: string;
  publisher: string | null;
  licensable: boolean;
  licences: LicenceFacts[];
}

/** Which versions of a product count: those a licence covers, or every one when no licence bounds them. */
export function coverage(licences: readonly LicenceFacts[], versions: readonly string[]): { version: string; covered: boolean; licenceIds: number[] }[] {
  const unbounded = licences.length === 0 || licences.some((l) => l.versionFrom === null && l.versionTo === null);
  return versions.map((version) => {
    const licenceIds = licences.filter((l) => inVersionRange(version, l.versionFrom, l.versionTo)).map((l) => l.id);
    return { version, covered: unbounded || licenceIds.length > 0, licenceIds };
  });
}

/** What a product's licences count: users when they are per user, else devices; null with no licence at all. */
export function countedMetric(licences: readonly LicenceFacts[]): 'device' | 'user' | null {
  if (licences.length === 0) return null;
  return licences.some((l) => l.metric === 'user') ? 'user' : 'device';
}

/** The unit cost a true-up pays: the latest licence that states one (latest start, then latest registered). */
export function latestUnitCost(licences: readonly LicenceFacts[]): { unitCost: number; currency: string | null } | null {
  const priced = licences.filter((l) => l.unitCost !== null);
  priced.sort((a, b) => (b.startsOn ?? '').localeCompare(a.startsOn ?? '') || b.id - a.id);
  const l = priced[0];
  return l ? { unitCost: l.unitCost!, currency: l.currency } : null;
}

/** Installed counts of one product over its covered versions, as the queries give them. */
export interface InstalledCounts {
  /** Distinct counted devices (not retired, not stale) with a covered version. */
  devices: number;
  /** Distinct primary users of those devices (a device without one counts as one). */
  users: number;
  /** Distinct devices with a covered version left out. */
  retired: number;
  stale: number;
  /** Counted devices per version string, every version of the product (covered or not). */
  versions: { version: string; installed: number }[];
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

export function complianceItem(product: ProductFacts, counts: InstalledCounts, day: string): ComplianceItem {
  const metric = countedMetric(product.licences);
  const installed = metric === 'user' ? counts.users : counts.devices;
  const valid = product.licences.filter((l) => licenceState(l, day) === 'active');
  const unlimited = valid.some((l) => l.metric === 'site');
  const owned = unlimited ? null : valid.reduce((sum, l) => sum + (l.quantity ?? 0), 0);
  const shortfall = owned === null ? 0 : Math.max(0, installed - owned);
  const surplus = owned === null ? null : Math.max(0, owned - installed);
  const price = latestUnitCost(product.licences);
  let status: ComplianceStatus;
  if (valid.length === 0) status = installed > 0 ? 'unlicensed' : 'compliant';
  else if (owned === null || installed === owned) status = 'compliant';
  else status = installed > owned ? 'over-deployed' : 'under-used';
  const cov = coverage(product.licences, counts.versions.map((v) => v.version));
  return {
    productId: product.productId,
    product: product.name,
    publisher: product.publisher,
    metric,
    installed,
    owned,
    shortfall,
    surplus,
    trueUpCost: price === null ? null : round4(shortfall * price.unitCost),
    unitCost: price?.unitCost ?? null,
    currency: price?.currency ?? null,
    status,
    licensable: product.licensable,
    licences: { total: product.licences.length, valid: valid.length },
    versions: counts.versions
      .map((v, i) => ({ version: v.version, installed: v.installed, covered: cov[i]!.covered, licenceIds: cov[i]!.licenceIds }))
      .sort((a, b) => newestFirst(a.version, b.version)),
    excluded: { retired: counts.retired, stale: counts.stale },
  };
}

const STATUS_ORDER = new Map<ComplianceStatus, number>(COMPLIANCE_STATUSES.map((s, i) => [s, i]));

/** Over-deployed first, then unlicensed, under-used, compliant; the costliest first; then by name. */
export function sortItems(items: ComplianceItem[]): ComplianceItem[] {
  return [...items].sort(
    (a, b) =>
      STATUS_ORDER.get(a.status)! - STATUS_ORDER.get(b.status)! ||
      (b.trueUpCost ?? -1) - (a.trueUpCost ?? -1) ||
      a.product.localeCompare(b.product) ||
      a.productId - b.productId,
  );
}

/** Sum of true-up costs per currency (products without a unit cost are left out). */
export function trueUpTotals(items: readonly ComplianceItem[]): ComplianceSummary['trueUpTotals'] {
  const totals = new Map<string | null, number>();
  for (const i of items) if (i.trueUpCost !== null) totals.set(i.currency, round4((totals.get(i.currency) ?? 0) + i.trueUpCost));
  return [...totals].map(([currency, amount]) => ({ currency, amount })).sort((a, b) => (a.currency ?? '').localeCompare(b.currency ?? ''));
}

/**
 * Seats in a drill-down: they go first to allocated devices (or users), then by earliest installation;
 * the `owned`-th and earlier hold one, later ones are beyond. Ranks are 1-based; null owned = unlimited.
 */
export function beyondOwned(rank: number | null, owned: number | null): boolean {
  return rank !== null && owned !== null && rank > owned;
}
