import type { ComplianceDrill, ComplianceDrillQuery, ComplianceItem, ComplianceSummary } from '@parc/shared/api';
import type { Db } from '../platform/db/database.js';
import { NotFoundError, ValidationError } from '../platform/http/errors.js';
import { complianceItem, countedMetric, coverage, installedFromPresence, sortItems, trueUpTotals } from './compliance.js';
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

export interface ScopedVersion extends repo.TitleVersionRef {
  covered: boolean;
}

/** The position now: four reads of the catalogue, the licences and the materialised presence, then pure counting. */
export async function liveItems(db: Db, ctx: ComplianceContext, productId?: number): Promise<{ items: ComplianceItem[]; versions: ScopedVersion[] }> {
  const products = await repo.productsInScope(db, productId);
  const titleVersions = await repo.versionsOf(db, products.map((p) => p.productId));
  const byProduct = new Map<number, repo.TitleVersionRef[]>();
  for (const v of titleVersions) byProduct.set(v.productId, [...(byProduct.get(v.productId) ?? []), v]);
  const versions = new Map<number, ScopedVersion[]>();
  for (const p of products) {
    const rows = byProduct.get(p.productId) ?? [];
    const cov = coverage(p.licences, rows.map((r) => r.version));
    versions.set(p.productId, rows.map((r, i) => ({ ...r, covered: cov[i]!.covered })));
  }
  const perUser = products
    .filter((p) => countedMetric(p.licences) === 'user')
    .map((p) => ({ productId: p.productId, coveredVersionIds: versions.get(p.productId)!.filter((v) => v.covered).map((v) => v.versionId) }));
  const presence = await repo.presenceOf(db, products.map((p) => p.productId), perUser, staleBefore(ctx));
  const day = dayOf(ctx.now);
  const items = products.map((p) => complianceItem(p, installedFromPresence(presence.get(p.productId)!, versions.get(p.productId)!), day));
  return { items: sortItems(items), versions: [...versions.values()].flat() };
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
  const { items, versions } = await liveItems(db, ctx, productId);
  const item = items[0];
  if (!item) throw new NotFoundError(`software product ${productId} among the products compliance tracks (licensable or licensed)`);
  const { rows, total, counts } = await drillDevices(
    db,
    {
      productId,
      coveredVersionIds: versions.filter((v) => v.covered).map((v) => v.versionId),
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
        state: r.k === 'stale' ? 'stale' : r.state,
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
