import { sql, type RawBuilder } from 'kysely';

/**
 * The full path text ("Paris / HQ / Floor 2") of the location whose id `locationId` gives, as a scalar
 * SQL expression: for statements that need it per row (ticket snapshots, one statement for any number
 * of devices). Depth is capped so damaged data cannot loop.
 */
export function locationPathSql(locationId: RawBuilder<unknown> | ReturnType<typeof sql.ref>): RawBuilder<string | null> {
  return sql<string | null>`(
    with recursive up (id, parent_id, name, depth) as (
      select l.id, l.parent_id, l.name, 0 from locations l where l.id = ${locationId}
      union all
      select p.id, p.parent_id, p.name, up.depth + 1 from locations p join up on p.id = up.parent_id where up.depth < 64
    )
    select string_agg(name, ' / ' order by depth desc) from up)`;
}

/** The location's id then its ancestors' ids up to the root, as an int[] expression. */
export function locationAncestrySql(locationId: RawBuilder<unknown> | ReturnType<typeof sql.ref>): RawBuilder<number[] | null> {
  return sql<number[] | null>`(
    with recursive up (id, parent_id, depth) as (
      select l.id, l.parent_id, 0 from locations l where l.id = ${locationId}
      union all
      select p.id, p.parent_id, up.depth + 1 from locations p join up on p.id = up.parent_id where up.depth < 64
    )
    select array_agg(id order by depth) from up)`;
}
