import { sql, type Kysely } from 'kysely';

/*
 * Free-text locations become the location tree, and the code stops reading the old columns:
 * - every distinct devices.location and assignment_rules.location is split into levels ("Paris / HQ >
 *   Floor 2": on /, > or \, trimmed, blank levels dropped); each level is found among existing nodes
 *   (same parent, same name whatever its case) or created, kind by depth (site, building, floor, room,
 *   then other); devices.location_id and the rule's new location_id point at the last level;
 * - devices.user_id is set where the free-text owner is exactly a user's username (else email), any
 *   case. `owner` itself stays: it often names someone without an account (a contractor, "Accounts"),
 *   and dropping it would lose what people typed;
 * - devices.status set since 20261130T1500 copied it is copied to state once more (where state is still
 *   the default), then devices.location, devices.status and assignment_rules.location are dropped. Ticket device snapshots keep their location text: they are history.
 *
 * The splitting is copied here (not imported from assets/locations) so this migration keeps doing what
 * it did when it landed whatever that module becomes.
 */

export function splitLegacyLocation(text: string): string[] {
  return text
    .split(/[/>\\]/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
}

const KINDS = ['site', 'building', 'floor', 'room'] as const;
export const legacyKindForDepth = (depth: number) => KINDS[depth] ?? 'other';

interface Node {
  id: number;
  parent_id: number | null;
  name: string;
}
const keyOf = (parentId: number | null, name: string) => `${parentId ?? 0}\u0000${name.toLowerCase()}`;

/**
 * Finds or creates every level of every text (one insert per depth); answers text → leaf id. A new level
 * spelt several ways ("HQ", "hq") takes the spelling most devices use (`weight`: how many use each text).
 */
export async function placeLegacyLocations(db: Kysely<any>, texts: readonly string[], weight: ReadonlyMap<string, number> = new Map()): Promise<Map<string, number>> {
  const existing = await sql<Node>`select id, parent_id, name from locations`.execute(db);
  const byKey = new Map(existing.rows.map((n) => [keyOf(n.parent_id, n.name), n.id]));
  const paths = texts.map((text) => ({ text, levels: splitLegacyLocation(text) })).filter((p) => p.levels.length > 0);
  const maxDepth = Math.max(0, ...paths.map((p) => p.levels.length));
  // parentOf[i]: the node id reached so far by path i.
  const reached: (number | null)[] = paths.map(() => null);
  for (let depth = 0; depth < maxDepth; depth++) {
    const missing = new Map<string, { parent_id: number | null; spellings: Map<string, number> }>();
    paths.forEach((p, i) => {
      if (depth >= p.levels.length) return;
      const name = p.levels[depth]!;
      const key = keyOf(reached[i]!, name);
      if (byKey.has(key)) return;
      const entry = missing.get(key) ?? missing.set(key, { parent_id: reached[i]!, spellings: new Map() }).get(key)!;
      entry.spellings.set(name, (entry.spellings.get(name) ?? 0) + (weight.get(p.text) ?? 1));
    });
    if (missing.size) {
      const rows = [...missing.values()].map((m) => ({
        parent_id: m.parent_id,
        name: [...m.spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0]![0],
        kind: legacyKindForDepth(depth),
      }));
      const inserted = await db.insertInto('locations').values(rows).returning(['id', 'parent_id', 'name']).execute();
      for (const n of inserted as Node[]) byKey.set(keyOf(n.parent_id, n.name), n.id);
    }
    paths.forEach((p, i) => {
      if (depth < p.levels.length) reached[i] = byKey.get(keyOf(reached[i]!, p.levels[depth]!))!;
    });
  }
  return new Map(paths.map((p, i) => [p.text, reached[i]!]));
}

async function setFromTexts(db: Kysely<any>, table: 'devices' | 'assignment_rules', placed: Map<string, number>) {
  const pairs = [...placed];
  for (let i = 0; i < pairs.length; i += 1000) {
    const values = sql.join(pairs.slice(i, i + 1000).map(([text, id]) => sql`(${text}::text, ${id}::int)`));
    await sql`update ${sql.table(table)} t set location_id = m.id from (values ${values}) as m(text, id) where t.location = m.text`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table assignment_rules add column location_id integer references locations (id)`.execute(db);
  await sql`create index assignment_rules_location_idx on assignment_rules (location_id)`.execute(db);

  const texts = await sql<{ text: string; n: number }>`
    select text, sum(n)::int as n from (
      select location as text, count(*) as n from devices where location is not null group by location
      union all select location, count(*) from assignment_rules where location is not null group by location) t
    group by text`.execute(db);
  const placed = await placeLegacyLocations(db, texts.rows.map((r) => r.text), new Map(texts.rows.map((r) => [r.text, Number(r.n)])));
  await setFromTexts(db, 'devices', placed);
  await setFromTexts(db, 'assignment_rules', placed);

  // Owner text naming a user: by username first, then by email, each only when exactly one user matches.
  await sql`
    update devices d set user_id = u.id from users u
    where d.user_id is null and d.owner is not null and lower(u.username) = lower(btrim(d.owner))`.execute(db);
  await sql`
    update devices d set user_id = u.id from users u
    where d.user_id is null and d.owner is not null and u.email is not null and lower(u.email) = lower(btrim(d.owner))
      and (select count(*) from users u2 where lower(u2.email) = lower(btrim(d.owner))) = 1`.execute(db);

  // Statuses set after 20261130T1500 copied them (the code still wrote `status` until now) reach `state`
  // too; a state people already set differently (not the default in_use) is kept.
  await sql`
    update devices set state = case status
      when 'in-stock' then 'in_stock' when 'in-repair' then 'in_repair' when 'retired' then 'retired' when 'lost' then 'lost' end
    where status <> 'active' and state = 'in_use'`.execute(db);

  await sql`alter table devices drop column location`.execute(db);
  await sql`alter table devices drop column status`.execute(db);
  await sql`alter table assignment_rules drop column location`.execute(db);
}
