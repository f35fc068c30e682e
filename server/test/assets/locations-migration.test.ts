import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseAtMigration } from '../helpers/migration-db.js';

/**
 * Migration 20261130T1510 on data written the old way: free-text device and rule locations become one
 * tree (existing nodes reused whatever their case), devices point at it, owners naming a user are
 * assigned to them, and the old columns go.
 */
let opened: Awaited<ReturnType<typeof databaseAtMigration>>;

beforeAll(async () => {
  opened = await databaseAtMigration('20261130T1500_asset_register', 'loc');
}, 120_000);

afterAll(() => opened.close());

describe('migration 20261130T1510_locations_tree', () => {
  it('turns free-text locations into the tree, assigns owners, converts rules and drops the old columns', async () => {
    const db = opened.db;
    await sql`insert into users (username, email, role, password_hash) values ('alice', 'alice@example.org', 'requester', 'x'), ('bob', 'bob@example.org', 'requester', 'x')`.execute(db);
    // An admin already made Paris (in another case) before the migration.
    await sql`insert into locations (name, kind) values ('PARIS', 'site')`.execute(db);
    await sql`
      insert into devices (hostname, match_rule, matched_at, location, status, owner) values
        ('a', 'serial', now(), 'Paris / HQ / Floor 2 / Room 201', 'active', 'Alice'),
        ('b', 'serial', now(), 'paris > hq\\floor 2', 'retired', 'BOB@example.org'),
        ('c', 'serial', now(), '  Lyon  ', 'in-stock', 'Accounts'),
        ('d', 'serial', now(), ' / ', 'active', null),
        ('e', 'serial', now(), 'Paris/HQ/Floor 2/Room 201/Desk 4', 'lost', null),
        ('f', 'serial', now(), null, 'in-repair', null)`.execute(db);
    await sql`insert into groups (name) values ('Desk')`.execute(db);
    await sql`insert into assignment_rules (name, position, location, group_id) values ('Paris HQ', 1, 'Paris > HQ', 1), ('Nice', 2, 'Nice / Port', 1)`.execute(db);

    await opened.toLatest();

    const nodes = (await sql<{ id: number; parent_id: number | null; name: string; kind: string }>`select id, parent_id, name, kind from locations order by id`.execute(db)).rows;
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const path = (id: number | null): string => {
      if (id === null) return '';
      const n = byId.get(id)!;
      return n.parent_id === null ? n.name : `${path(n.parent_id)} / ${n.name}`;
    };
    expect(nodes.map((n) => [path(n.id), n.kind]).sort()).toEqual(
      [
        ['Lyon', 'site'],
        ['Nice', 'site'],
        ['Nice / Port', 'building'],
        ['PARIS', 'site'],
        ['PARIS / HQ', 'building'],
        ['PARIS / HQ / Floor 2', 'floor'],
        ['PARIS / HQ / Floor 2 / Room 201', 'room'],
        ['PARIS / HQ / Floor 2 / Room 201 / Desk 4', 'other'],
      ].sort(),
    );

    const devices = (await sql<{ hostname: string; location_id: number | null; state: string; owner: string | null; username: string | null }>`
      select d.hostname, d.location_id, d.state, d.owner, u.username from devices d left join users u on u.id = d.user_id order by d.hostname`.execute(db)).rows;
    expect(devices.map((d) => [d.hostname, path(d.location_id), d.state, d.owner, d.username])).toEqual([
      ['a', 'PARIS / HQ / Floor 2 / Room 201', 'in_use', 'Alice', 'alice'],
      ['b', 'PARIS / HQ / Floor 2', 'retired', 'BOB@example.org', 'bob'],
      ['c', 'Lyon', 'in_stock', 'Accounts', null],
      ['d', '', 'in_use', null, null],
      ['e', 'PARIS / HQ / Floor 2 / Room 201 / Desk 4', 'lost', null, null],
      ['f', '', 'in_repair', null, null],
    ]);

    const rules = (await sql<{ name: string; location_id: number | null }>`select name, location_id from assignment_rules order by position`.execute(db)).rows;
    expect(rules.map((r) => [r.name, path(r.location_id)])).toEqual([
      ['Paris HQ', 'PARIS / HQ'],
      ['Nice', 'Nice / Port'],
    ]);

    const columns = (await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and ((table_name = 'devices' and column_name in ('location', 'status')) or (table_name = 'assignment_rules' and column_name = 'location'))`.execute(db)).rows;
    expect(columns).toEqual([]);
  }, 120_000);
});
