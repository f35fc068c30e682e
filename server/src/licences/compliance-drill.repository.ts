import { sql } from 'kysely';
import type { ComplianceDrillQuery } from '@parc/shared/api';
import type { Db } from '../platform/db/database.js';
import { deviceStanding } from './compliance.repository.js';

/**
 * The devices behind one product's count: every device with a covered version (from the materialised
 * presence), its standing, its seat rank and whether it is a reclaim candidate, filtered and paged in SQL.
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
  /** asset_states.code. */
  state: string;
  k: 'counted' | 'retired' | 'stale';
  versions: string[];
  allocated: boolean;
  beyond: boolean;
  reclaim: boolean;
}

function ranked(p: DrillParams) {
  const covered = sql`${p.coveredVersionIds}::int[]`;
  return sql`
    with standing as (${deviceStanding(p.staleBefore)}),
    covered as (
      select s.device_id, s.first_installed_at as first_installed,
             array(select distinct v.version from software_versions v where v.id = any(s.version_ids) and v.id = any(${covered})) as versions
      from software_presence s
      where s.product_id = ${p.productId} and s.version_ids && ${covered}
    ),
    devs as (
      select d.id, d.hostname, d.last_user, nullif(coalesce(nullif(d.owner, ''), nullif(d.last_user, '')), '') as primary_user,
             d.last_seen_at, d.state, st.k, ${p.perUser ? sql`st.who` : sql`d.id::text`} as seat_key, c.versions, c.first_installed,
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
    select devs.id, devs.hostname, devs.last_user, devs.primary_user, devs.last_seen_at, devs.state, devs.k, devs.versions, devs.allocated,
           (devs.k = 'counted' and ${p.owned}::int is not null and seats.seat > ${p.owned}::int) as beyond,
           (devs.k <> 'retired' and devs.last_seen_at < ${p.reclaimBefore}) as reclaim
    from devs left join seats on seats.seat_key = devs.seat_key and devs.k = 'counted'`;
}

const only = {
  counted: sql`k = 'counted'`,
  beyond: sql`beyond`,
  reclaim: sql`reclaim`,
  excluded: sql`k <> 'counted'`,
};

/** The page and the counts in one statement: the ranking is computed once. */
export async function drillDevices(db: Db, p: DrillParams, q: ComplianceDrillQuery) {
  if (p.coveredVersionIds.length === 0) return { rows: [] as DrillRow[], total: 0, counts: { counted: 0, beyond: 0, reclaim: 0, excluded: 0 } };
  const filter = q.only ? only[q.only] : sql`true`;
  const result = await sql<Partial<DrillRow> & { total: number; n_counted: number; n_beyond: number; n_reclaim: number; n_excluded: number }>`
    with r as materialized (${ranked(p)}),
    c as (
      select count(*) filter (where ${filter})::int as total,
             count(*) filter (where k = 'counted')::int as n_counted,
             count(*) filter (where beyond)::int as n_beyond,
             count(*) filter (where reclaim)::int as n_reclaim,
             count(*) filter (where k <> 'counted')::int as n_excluded
      from r
    )
    select page.*, c.* from c left join lateral (
      select * from r where ${filter} order by (k = 'counted') desc, lower(hostname), id limit ${q.limit} offset ${q.offset}
    ) as page on true`.execute(db);
  const first = result.rows[0]!;
  return {
    rows: result.rows.filter((r) => r.id !== null && r.id !== undefined) as DrillRow[],
    total: first.total,
    counts: { counted: first.n_counted, beyond: first.n_beyond, reclaim: first.n_reclaim, excluded: first.n_excluded },
  };
}
