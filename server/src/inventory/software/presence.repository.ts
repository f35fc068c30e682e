import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';

/**
 * Folds the +1/-1 log of software_set_counts into one row per product and set. Safe alongside ingests:
 * the rows it deletes are the committed ones it read, and it writes back their sum in the same
 * statement; deltas inserted meanwhile stay as they are. Returns the rows folded away.
 */
export async function compactSetCounts(db: Db): Promise<number> {
  const r = await sql<{ before: number; after: number }>`
    with folded as (delete from software_set_counts returning product_id, version_ids, delta),
    sums as (select product_id, version_ids, sum(delta)::int as n from folded group by product_id, version_ids),
    kept as (insert into software_set_counts (product_id, version_ids, delta) select product_id, version_ids, n from sums where n <> 0 returning 1)
    select (select count(*)::int from folded) as before, (select count(*)::int from kept) as after`.execute(db);
  const row = r.rows[0]!;
  return row.before - row.after;
}
