import { ASSET_SOURCES, ASSET_TYPES, NONE_FILTER } from '@parc/shared/api/asset-search-enums';
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../platform/db/schema.js';
import { idSchema } from '../../platform/http/params.js';

/**
 * The asset register's filters on the device list, its totals and its CSV export: one zod shape and one
 * Kysely `where` builder, so the three always select the same assets. They read the register's columns
 * only (type, state, location_id, user_id, source) and its tables (locations, asset_finance,
 * contract_devices).
 */

/**
 * `a,b,c` (or a single value) to a non-empty list of at most 50; each item is validated by `item`. A bad
 * item is reported on the parameter itself (`state`, not `state.0`), its value quoted in the message: the
 * person wrote one parameter, and that is what the 400 names.
 */
const commaList = <T extends z.ZodType>(item: T) =>
  z.string().transform((s, ctx): z.output<T>[] => {
    const parts = s.split(',').map((x) => x.trim()).filter(Boolean);
    if (parts.length === 0 || parts.length > 50) {
      ctx.addIssue({ code: 'custom', message: 'one to 50 comma-separated values' });
      return z.NEVER;
    }
    const out: z.output<T>[] = [];
    for (const part of parts) {
      const r = item.safeParse(part);
      if (!r.success) {
        ctx.addIssue({ code: 'custom', message: `"${part.slice(0, 64)}": ${r.error.issues[0]?.message ?? 'not allowed here'}` });
        return z.NEVER;
      }
      out.push(r.data as z.output<T>);
    }
    return out;
  });

const stateCode = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'a state code (lower-case letters, digits, _ and -)');
const idOrNone = z.union([z.literal(NONE_FILTER), idSchema]);
const calendarDate = z.iso.date();

export const assetFilterShape = {
  /** One type or several, comma-separated. */
  type: commaList(z.enum(ASSET_TYPES)).optional(),
  /** One asset_states code or several, comma-separated. */
  state: commaList(stateCode).optional(),
  /** A location id (with everything under it, unless includeSublocations=false), or `none`. */
  locationId: idOrNone.optional(),
  includeSublocations: z.enum(['true', 'false']).default('true'),
  /** The assigned person's id, or `none`. */
  userId: idOrNone.optional(),
  source: z.enum(ASSET_SOURCES).optional(),
  /** Warranty end (warranty start + duration) strictly before / after this date. */
  warrantyEndsBefore: calendarDate.optional(),
  warrantyEndsAfter: calendarDate.optional(),
  /** Covered by this maintenance contract. */
  contractId: idSchema.optional(),
};
export const assetFilterSchema = z.object(assetFilterShape);
export type AssetFilter = z.infer<typeof assetFilterSchema>;

/** A location and every location below it, as a subquery of ids (the tree is walked in SQL). */
export function subtreeIds(rootId: number) {
  return sql<number>`(
    with recursive sub(id) as (
      select id from locations where id = ${rootId}
      union
      select l.id from locations l join sub on l.parent_id = sub.id
    ) select id from sub)`;
}

/** The date the warranty ends, or null when start or duration is unknown. */
export const WARRANTY_END = sql<string>`(f.warranty_start + make_interval(months => f.warranty_months))::date`;

function warrantyEnds(eb: ExpressionBuilder<Database, 'devices'>, op: '<' | '>', date: string) {
  return eb.exists(
    eb
      .selectFrom('asset_finance as f')
      .select(sql`1`.as('one'))
      .whereRef('f.device_id', '=', 'devices.id')
      .where(sql<boolean>`${WARRANTY_END} ${sql.raw(op)} ${date}::date`),
  );
}

/** Narrows a query over `devices` to the assets the filter selects. */
export function applyAssetFilters<O>(qb: SelectQueryBuilder<Database, 'devices', O>, f: Partial<AssetFilter>): SelectQueryBuilder<Database, 'devices', O> {
  let q = qb;
  if (f.type) q = q.where('devices.type', 'in', f.type);
  if (f.state) q = q.where('devices.state', 'in', f.state);
  if (f.source) q = q.where('devices.source', '=', f.source);
  if (f.locationId === NONE_FILTER) q = q.where('devices.location_id', 'is', null);
  else if (f.locationId !== undefined) {
    const id = f.locationId;
    q = f.includeSublocations === 'false' ? q.where('devices.location_id', '=', id) : q.where(sql<boolean>`devices.location_id in ${subtreeIds(id)}`);
  }
  if (f.userId === NONE_FILTER) q = q.where('devices.user_id', 'is', null);
  else if (f.userId !== undefined) q = q.where('devices.user_id', '=', f.userId);
  if (f.warrantyEndsBefore) q = q.where((eb) => warrantyEnds(eb, '<', f.warrantyEndsBefore!));
  if (f.warrantyEndsAfter) q = q.where((eb) => warrantyEnds(eb, '>', f.warrantyEndsAfter!));
  if (f.contractId !== undefined) {
    const contractId = f.contractId;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('contract_devices as cd').select(sql`1`.as('one')).whereRef('cd.device_id', '=', 'devices.id').where('cd.contract_id', '=', contractId)),
    );
  }
  return q;
}
