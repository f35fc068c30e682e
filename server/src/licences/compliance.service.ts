import type { ComplianceDrill, ComplianceDrillQuery, ComplianceItem, ComplianceSummary } from '@parc/shared';
import type { Db } from '../platform/db/database.js';
import { NotFoundError, ValidationError } from '../platform/http/errors.js';
import { complianceItem, countedMetric, coverage, sortItems, trueUpTotals, type ProductFacts } from './compliance.js';
import { drillDevices } from './compliance-drill.repository.js';
import * as repo from './compliance.repository.js';
import { dayOf } from './licence-dates.js';
import { newestFirst } from '../inventory/software/version-compare.js';

const DAY_MS = 86_400_000;

export interface ComplianceContext {
  now: Date;
  staleDays: number;
}

const staleBefore = (ctx: ComplianceContext) => new Date(ctx.now.getTime() - ctx.staleDays * DAY_MS);

/** Which title-versions count for each product, and whether its licences count users. */
function scopeOf(products: readonly ProductFacts[], versions: readonly repo.TitleVersionRef[]): repo.CountScope['versions'] {
  const byProduct = new Map<number, repo.TitleVersionRef[]>();
  for (const v of versions) byProduct.set(v.productId, [...(byProduct.get(v.productId) ?? []), v]);
  return products.flatMap((p) => {
    const rows = byProduct.get(p.productId) ?? [];
    const cov = coverage(p.licences, rows.map((r) => r.version));
    const perUser = countedMetric(p.licences) === 'user';
    return rows.map((r, i) => ({ ...r, covered: cov[i]!.covered, perUser }));
  });
}

/** The position now, computed from the inventory: three reads and one counting statement, then pure counting. */
export async function liveItems(db: Db, ctx: ComplianceContext, productId?: number): Promise<{ items: ComplianceItem[]; scope: repo.CountScope['versions'] }> {
  const products = await repo.productsInScope(db, productId);
  const versions = await repo.versionsOf(db, products.map((p) => p.productId));
  const scope = scopeOf(products, versions);
  const counts = await repo.installedCounts(db, { versions: scope }, staleBefore(ctx));
  const day = dayOf(ctx.now);
  const empty = { devices: 0, users: 0, retired: 0, stale: 0, versions: [] };
  return { items: sortItems(products.map((p) => complianceItem(p, counts.get(p.productId) ?? empty, day))), scope };
}

export function summaryOf(items: ComplianceItem[], date: string, source: 'live' | 'snapshot', staleDays: number): ComplianceSummary {
  return { date, source, staleDays, items: sortItems(items), trueUpTotals: trueUpTotals(items) };
}

export async function liveSummary(db: Db, ctx: ComplianceContext): Promise<ComplianceSummary> {
  const { items } = await liveItems(db, ctx);
  return summaryOf(items, dayOf(ctx.now), 'live', ctx.staleDays);
}

/** A date in the future has no position yet: a 400 rather than today's answer under another name. */
export function checkPastDate(at: string, now: Date, field = 'at') {
  if (at > dayOf(now)) throw new ValidationError(`${field} is in the future; give today or an earlier date`, field);
}

export async function drillDown(db: Db, productId: number, q: ComplianceDrillQuery, ctx: ComplianceContext): Promise<ComplianceDrill> {
  const { items, scope } = await liveItems(db, ctx, productId);
  const item = items[0];
  if (!item) throw new NotFoundError(`software product ${productId}`);
  const { rows, total, counts } = await drillDevices(
    db,
    {
      productId,
      coveredVersionIds: scope.filter((s) => s.covered).map((s) => s.versionId),
      perUser: item.metric === 'user',
      owned: item.owned,
      staleBefore: staleBefore(ctx),
      reclaimBefore: new Date(ctx.now.getTime() - q.reclaimDays * DAY_MS),
    },
    q,
  );
  return {
    item,
    reclaimDays: q.reclaimDays,
    devices: {
      items: rows.map((r) => ({
        deviceId: r.id,
        hostname: r.hostname,
        lastUser: r.last_user,
        primaryUser: r.primary_user,
        lastSeenAt: new Date(r.last_seen_at).toISOString(),
        state: r.k === 'stale' ? 'stale' : r.status,
        versions: [...r.versions].sort(newestFirst),
        counted: r.k === 'counted',
        beyondOwned: r.beyond,
        reclaimCandidate: r.reclaim,
        allocated: r.allocated,
      })),
      total,
      limit: q.limit,
      offset: q.offset,
    },
    counts,
  };
}
