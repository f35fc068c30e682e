import { sql } from 'kysely';
import type { ComplianceDrillQuery } from '@parc/shared';
import type { Db } from '../platform/db/database.js';
import type { DeviceStatus } from '../platform/db/schema.js';
import { deviceStanding } from './compliance.repository.js';

/**
 * The devices behind one product's count: every device with a covered version, its standing, its seat
 * rank and whether it is a reclaim candidate, filtered and paged in SQL.
 *
 * Seats go first to allocated devices (per-user licences: allocated users), then by the earliest
 * installation of a covered version, then by id; per user, a person's devices share the person's rank.
 */

export interface DrillParams {
  productId: number;
  coveredVersionIds: number[];
  perUser: boolean;
  /** Seats owned; null when unlimited. */
  owned: number | null;
  staleBefore: Date;
  reclaimBefore: Date;
}

export interface DrillRow {
  id: number;
  hostname: string;
  last_user: string | null;
  primary_user: string | null;
  last_seen_at: Date;
  status: DeviceStatus;
  k: 'counted' | 'retired' | 'stale';
  versions: string[];
  allocated: boolean;
  beyond: boolean;
  reclaim: boolean;
}

function ranked(p: DrillParams) {
  return sql`
    with standing as (${deviceStanding(p.staleBefore)}),
    covered as (
      select i.device_id, array_agg(distinct v.version) as versions, min(i.first_seen_at) as first_installed
      from software_installations i join software_versions v on v.id = i.version_id
      where i.version_id = any(${sql`${p.coveredVersionIds}::int[]`})
      group by i.device_id
    ),
    devs as (
      select d.id, d.hostname, d.last_user, nullif(coalesce(nullif(d.owner, ''), nullif(d.last_user, '')), '') as primary_user,
             d.last_seen_at, d.status, st.k, ${p.perUser ? sql`st.who` : sql`d.id::text`} as seat_key, c.versions, c.first_installed,
             case when ${p.perUser}
                  then exists (select 1 from licence_user_allocations a join licences l on l.id = a.licence_id
                               where l.product_id = ${p.productId} and lower(a.username) = st.who)
                  else exists (select 1 from licence_device_allocations a join licences l on l.id = a.licence_id
                               where l.product_id = ${p.productId} and a.device_id = d.id) end as allocated
      from covered c join devices d on d.id = c.device_id join standing st on st.id = d.id
    ),
    seats as (
      select seat_key, row_number() over (order by bool_or(allocated) desc, min(first_installed), min(id)) as seat
      from devs where k = 'counted' group by seat_key
    )
    select devs.id, devs.hostname, devs.last_user, devs.primary_user, devs.last_seen_at, devs.status, devs.k, devs.versions, devs.allocated,
           (devs.k = 'counted' and ${p.owned}::int is not null and seats.seat > ${p.owned}::int) as beyond,
           (devs.status <> 'retired' and devs.last_seen_at < ${p.reclaimBefore}) as reclaim
    from devs left join seats on seats.seat_key = devs.seat_key and devs.k = 'counted'`;
}

const only = {
  counted: sql`k = 'counted'`,
  beyond: sql`beyond`,
  reclaim: sql`reclaim`,
  excluded: sql`k <> 'counted'`,
};

export async function drillDevices(db: Db, p: DrillParams, q: ComplianceDrillQuery) {
  if (p.coveredVersionIds.length === 0) return { rows: [] as DrillRow[], total: 0, counts: { counted: 0, beyond: 0, reclaim: 0, excluded: 0 } };
  const base = ranked(p);
  const [page, counts] = await Promise.all([
    sql<DrillRow>`
      with r as (${base})
      select * from r ${q.only ? sql`where ${only[q.only]}` : sql``}
      order by (k = 'counted') desc, lower(hostname), id
      limit ${q.limit} offset ${q.offset}`.execute(db),
    sql<{ total: number; counted: number; beyond: number; reclaim: number; excluded: number }>`
      with r as (${base})
      select count(*) filter (where ${q.only ? only[q.only] : sql`true`})::int as total,
             count(*) filter (where k = 'counted')::int as counted,
             count(*) filter (where beyond)::int as beyond,
             count(*) filter (where reclaim)::int as reclaim,
             count(*) filter (where k <> 'counted')::int as excluded
      from r`.execute(db),
  ]);
  const c = counts.rows[0]!;
  return { rows: page.rows, total: c.total, counts: { counted: c.counted, beyond: c.beyond, reclaim: c.reclaim, excluded: c.excluded } };
}
