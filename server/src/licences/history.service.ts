import { sql } from 'kysely';
import { complianceItemSchema, type ComplianceHistory, type ComplianceHistoryQuery, type ComplianceItem, type ComplianceSummary } from '@parc/shared';
import type { Db } from '../platform/db/database.js';
import { NotFoundError, ValidationError } from '../platform/http/errors.js';
import { checkPastDate, liveItems, summaryOf, type ComplianceContext } from './compliance.service.js';
import { addDays, dayOf } from './licence-dates.js';

/**
 * Daily compliance snapshots: one compact row per product and day (the day's compliance item), taken
 * once per day by the background job or, failing that, by the first request that needs it. Idempotent:
 * the day is claimed under a lock and its rows inserted with `on conflict do nothing`.
 */

const SNAPSHOT_LOCK = 0x50617264;
/** Longest trend one request returns. */
const MAX_HISTORY_DAYS = 3_660;

/** Takes today's snapshot unless it exists; true when this call took it. */
export async function takeSnapshot(db: Db, ctx: ComplianceContext): Promise<boolean> {
  const day = dayOf(ctx.now);
  const exists = await db.selectFrom('compliance_snapshot_days').select('day').where('day', '=', day).executeTakeFirst();
  if (exists) return false;
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${SNAPSHOT_LOCK})`.execute(tx);
    // Another process may have taken it while this one waited.
    if (await tx.selectFrom('compliance_snapshot_days').select('day').where('day', '=', day).executeTakeFirst()) return false;
    const { items } = await liveItems(tx, ctx);
    if (items.length > 0) {
      await sql`
        insert into compliance_snapshots (day, product_id, product, publisher, item, installed, owned, shortfall, status, taken_at)
        select ${day}::date, k.product_id, k.product, k.publisher, k.item::jsonb, k.installed, k.owned, k.shortfall, k.status, ${ctx.now}
        from unnest(${sql`${items.map((i) => i.productId)}::int[]`}, ${sql`${items.map((i) => i.product)}::text[]`},
                    ${sql`${items.map((i) => i.publisher)}::text[]`}, ${sql`${items.map((i) => JSON.stringify(i))}::text[]`},
                    ${sql`${items.map((i) => i.installed)}::int[]`}, ${sql`${items.map((i) => i.owned)}::int[]`},
                    ${sql`${items.map((i) => i.shortfall)}::int[]`}, ${sql`${items.map((i) => i.status)}::text[]`})
             as k(product_id, product, publisher, item, installed, owned, shortfall, status)
        on conflict do nothing`.execute(tx);
    }
    await tx.insertInto('compliance_snapshot_days').values({ day, taken_at: ctx.now, products: items.length }).onConflict((oc) => oc.doNothing()).execute();
    return true;
  });
}

/** The position on `at`: the latest snapshot on or before it. */
export async function snapshotSummary(db: Db, at: string, ctx: ComplianceContext): Promise<ComplianceSummary> {
  checkPastDate(at, ctx.now);
  await takeSnapshot(db, ctx);
  const day = await db
    .selectFrom('compliance_snapshot_days')
    .select(sql<string>`day::text`.as('day'))
    .where('day', '<=', at)
    .orderBy('day', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!day) {
    const first = await db.selectFrom('compliance_snapshot_days').select(sql<string>`min(day)::text`.as('day')).executeTakeFirst();
    throw new NotFoundError(`a compliance snapshot on or before ${at} (snapshots start on ${first?.day ?? 'today'})`);
  }
  const rows = await db.selectFrom('compliance_snapshots').select('item').where('day', '=', day.day).execute();
  // Snapshots are read back through the contract: a row written by an older server that no longer fits is skipped, not served.
  const items: ComplianceItem[] = rows.flatMap((r) => {
    const parsed = complianceItemSchema.safeParse(r.item);
    return parsed.success ? [parsed.data] : [];
  });
  return summaryOf(items, day.day, 'snapshot', ctx.staleDays);
}

export async function complianceHistory(db: Db, q: ComplianceHistoryQuery, ctx: ComplianceContext): Promise<ComplianceHistory> {
  const today = dayOf(ctx.now);
  const to = q.to ?? today;
  checkPastDate(to, ctx.now, 'to');
  const from = q.from ?? addDays(to, -90);
  if (from > to) throw new ValidationError('from is after to', 'from');
  if (addDays(from, MAX_HISTORY_DAYS) < to) throw new ValidationError(`at most ${MAX_HISTORY_DAYS} days at once`, 'from');
  await takeSnapshot(db, ctx);
  const rows = await db
    .selectFrom('compliance_snapshots')
    .select([sql<string>`day::text`.as('day'), 'product_id', 'product', 'installed', 'owned', 'shortfall', 'status'])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .$if(q.productId !== undefined, (qb) => qb.where('product_id', '=', q.productId!))
    .orderBy('day')
    .orderBy('product')
    .orderBy('product_id')
    .execute();
  return {
    from,
    to,
    items: rows.map((r) => ({
      date: r.day,
      productId: r.product_id,
      product: r.product,
      installed: r.installed,
      owned: r.owned,
      shortfall: r.shortfall,
      status: r.status as ComplianceItem['status'],
    })),
  };
}
