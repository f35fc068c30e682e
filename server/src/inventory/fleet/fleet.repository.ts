import { sql } from 'kysely';
import type { FleetHome, UploadRejectionReason } from '@parc/shared/api';
import type { Db } from '../../platform/db/database.js';
import { hourOf } from '../ingest/upload-rejections.js';
import { foldLastSeen, foldRejections, lastSeenBounds, startOfDay, topAndOther } from './fleet.js';

/** How many operating systems and agent versions the fleet home names (the rest are summed). */
export const FLEET_TOP = 10;

const WEEK_MS = 7 * 86_400_000;

/**
 * The admin's fleet home in four statements, each a grouped count: the devices (states, last-seen
 * buckets, today's inventories, with the open reconcile conflicts), the top operating systems, the top
 * agent versions, and the refused uploads by reason. The fleet is the computers agents inventory: manual
 * records and peripherals have no OS, agent or inventory of their own (the asset register counts those).
 */
export async function fleetHome(db: Db, opts: { now: Date; timeZone: string; staleDays: number }): Promise<FleetHome> {
  const { now, timeZone, staleDays } = opts;
  const today = startOfDay(now, timeZone);
  const staleBefore = new Date(now.getTime() - staleDays * 86_400_000);
  const [day, week, month, quarter] = lastSeenBounds(now).map((b) => b.since);
  const seenSince = (since: Date) => sql<number>`(count(*) filter (where state <> 'retired' and last_seen_at >= ${since}))::int`;

  const [devices, os, agents, rejections] = await Promise.all([
    sql<{ total: number; retired: number; stale: number; d1: number; d7: number; d30: number; d90: number; seen_today: number; changed_today: number; open_conflicts: number }>`
      select count(*)::int as total,
             (count(*) filter (where state = 'retired'))::int as retired,
             (count(*) filter (where state = 'in_use' and last_seen_at < ${staleBefore}))::int as stale,
             ${seenSince(day!)} as d1, ${seenSince(week!)} as d7, ${seenSince(month!)} as d30, ${seenSince(quarter!)} as d90,
             (count(*) filter (where last_seen_at >= ${today}))::int as seen_today,
             (count(*) filter (where last_inventory_at >= ${today}))::int as changed_today,
             (select count(*) from reconcile_conflicts where resolved_at is null)::int as open_conflicts
      from devices where type = 'computer' and source = 'agent'`.execute(db),
    sql<{ platform: string | null; name: string | null; n: number; total: number }>`
      select os_platform as platform, os_name as name, count(*)::int as n, (sum(count(*)) over ())::int as total
      from devices where state <> 'retired' and type = 'computer' and source = 'agent'
      group by os_platform, os_name
      order by n desc, name nulls last, platform nulls last
      limit ${FLEET_TOP}`.execute(db),
    sql<{ version: string | null; n: number; total: number }>`
      select agent_version as version, count(*)::int as n, (sum(count(*)) over ())::int as total
      from agents where revoked_at is null
      group by agent_version
      order by n desc, version desc nulls last
      limit ${FLEET_TOP}`.execute(db),
    sql<{ reason: UploadRejectionReason; today: number; week: number }>`
      select reason, (coalesce(sum(count) filter (where hour >= ${hourOf(today)}), 0))::int as today, sum(count)::int as week
      from upload_rejections where hour >= ${hourOf(new Date(now.getTime() - WEEK_MS))}
      group by reason`.execute(db),
  ]);

  const d = devices.rows[0]!;
  const notRetired = d.total - d.retired;
  return {
    todayStartedAt: today.toISOString(),
    staleDays,
    devices: { total: d.total, retired: d.retired, stale: d.stale },
    byOs: topAndOther(os.rows),
    lastSeen: foldLastSeen({ day: d.d1, week: d.d7 - d.d1, month: d.d30 - d.d7, quarter: d.d90 - d.d30, older: notRetired - d.d90 }),
    agentsByVersion: topAndOther(agents.rows),
    inventoriesToday: { devices: d.seen_today, changed: d.changed_today },
    rejectedUploads: foldRejections(rejections.rows),
    openConflicts: d.open_conflicts,
  };
}
