import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { codeFirstInventories } from '../../../src/platform/db/migrations/20261130T1460_device_change_codes.js';
import { makeInventory } from '../../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';

/**
 * A device's first history line is written as a code and parameters the interface words in the reader's
 * language (the English text stays for API clients); lines written before codes existed get theirs from
 * that text, so old devices read the same.
 */
type Change = { section: string; kind: string; item: string; new: string | null; code?: string | null; params?: Record<string, unknown> | null };

let t: TestContext;
let admin: Record<string, string>;
let deviceId: number;

beforeEach(async () => {
  t = await setupTestApp();
  admin = await t.as('admin');
  const agent = await t.enrollAgent('ws-codes');
  const inv = makeInventory({ agentId: agent.agentId, hostname: 'ws-codes', packages: 7 });
  ({ deviceId } = (await (await t.upload(agent.agentKey, inv)).json()) as { deviceId: number });
});

const changes = async () => ((await (await t.json('GET', `/api/v1/devices/${deviceId}/changes`, undefined, admin)).json()) as { items: Change[] }).items;

describe('device history codes', () => {
  it('writes the first inventory as a code with its counts, keeping the English text', async () => {
    // Lines about the monitor it reports (now an asset of its own) come after it.
    const first = (await changes()).findLast((c) => c.section === 'device');
    expect(first).toMatchObject({ section: 'device', kind: 'added', item: 'first inventory', code: 'first-inventory', params: { software: 7 } });
    expect(first!.new).toBe(`${String(first!.params!.components)} components, 7 software`);
    // The device page carries the same.
    const detail = (await (await t.json('GET', `/api/v1/devices/${deviceId}`, undefined, admin)).json()) as { changes: Change[] };
    expect(detail.changes.findLast((c) => c.section === 'device')).toMatchObject({ code: 'first-inventory', params: { software: 7 } });
  });

  it('gives rows written before codes their code from their text, and leaves other rows alone', async () => {
    await sql`update device_changes set code = null, params = null where device_id = ${deviceId}`.execute(t.db);
    await sql`insert into device_changes (device_id, at, section, kind, item, old_value, new_value)
              values (${deviceId}, now(), 'device', 'added', 'first inventory', null, 'several components')`.execute(t.db);
    expect((await changes()).every((c) => c.code === null)).toBe(true);
    await codeFirstInventories(t.db);
    const after = await changes();
    expect(after.find((c) => c.new?.endsWith(' software'))).toMatchObject({ code: 'first-inventory', params: { software: 7 } });
    expect(after.find((c) => c.new === 'several components')).toMatchObject({ code: null, params: null });
  });
});
