import { beforeEach, describe, expect, it } from 'vitest';
import type { AssetImportReport, ComplianceSummary } from '@parc/shared/api';
import { enqueueNotices } from '../../src/helpdesk/notifications/outbox.js';
import { createUser } from '../../src/platform/auth/users.service.js';
import { runAssetAlerts } from '../../src/assets/alerts/asset-alerts.service.js';
import { makeInventory } from '../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../helpers/test-app.js';

/**
 * Issue #12's whole scenario through the API, each step on what the previous ones left: 500 assets
 * imported from a CSV file with 5 bad rows reported and skipped; an agent inventories a computer the file
 * already holds (by serial) and they become one asset; its monitor becomes an asset attached to it; the
 * monitor moves to another computer and both histories say so; a warranty ending in 20 days raises one
 * alert; a retired asset stops counting in licence compliance.
 */
type Device = {
  id: number;
  type: string;
  source: string;
  hostname: string;
  assetTag: string | null;
  state: string;
  location: string | null;
  parentDevice: { id: number } | null;
  peripherals: { id: number; type: string }[];
  changes: { code?: string | null }[];
};

let t: TestContext;
let admin: Record<string, string>;

beforeEach(async () => {
  t = await setupTestApp();
  admin = await t.as('admin');
  await createUser(t.db, { username: 'tech', password: 'tech-password-1', role: 'technician', email: 'tech@example.org' });
});

const day = (d: Date) => d.toISOString().slice(0, 10);
const get = async (id: number) => (await (await t.json('GET', `/api/v1/devices/${id}`, undefined, admin)).json()) as Device;
const codes = (d: Device) => d.changes.map((c) => c.code).filter(Boolean);

/** 505 data rows: 500 good ones (one of them the laptop an agent will report, one with a warranty ending in 20 days) and 5 bad. */
function inventoryFile(laptopSerial: string, soonStart: string): string {
  const lines = ['Asset Tag,Name,Type,Serial,Manufacturer,Model,Location,Status,Purchase Date,Cost,Warranty Start,Warranty Months'];
  for (let i = 1; i <= 500; i++) {
    const tag = `AT-${String(i).padStart(5, '0')}`;
    if (i === 1) lines.push(`${tag},LAPTOP-FIN-01,Computer,${laptopSerial},Lenovo,ThinkPad T14,Paris / HQ / Floor 2,In use,2024-03-01,"1 234,50",2024-03-01,36`);
    else if (i === 2) lines.push(`${tag},Spare dock,Peripheral,DOCK-0002,Lenovo,USB-C Dock,Paris / HQ / Stock room,In stock,${soonStart},180,${soonStart},12`);
    else lines.push(`${tag},Monitor ${i},Monitor,SN-MON-${i},Dell,P2422H,Lyon / Site B,In use,15/01/2025,199.99,,24`);
  }
  // The five bad rows, placed among the others: an impossible date, a duplicate asset tag, no name, an unknown state, a cost that is not a number.
  lines.splice(101, 0, 'AT-90001,Bad date,Monitor,SN-BAD-1,Dell,P2422H,Lyon / Site B,In use,31/02/2024,100,,12');
  lines.splice(202, 0, 'AT-00050,Duplicate tag,Monitor,SN-BAD-2,Dell,P2422H,Lyon / Site B,In use,2024-01-01,100,,12');
  lines.splice(303, 0, 'AT-90003,,Monitor,SN-BAD-3,Dell,P2422H,Lyon / Site B,In use,2024-01-01,100,,12');
  lines.splice(404, 0, 'AT-90004,Odd state,Monitor,SN-BAD-4,Dell,P2422H,Lyon / Site B,Teleported,2024-01-01,100,,12');
  lines.splice(455, 0, 'AT-90005,Bad cost,Monitor,SN-BAD-5,Dell,P2422H,Lyon / Site B,In use,2024-01-01,a lot,,12');
  return `${lines.join('\r\n')}\r\n`;
}

describe('the asset register, end to end', () => {
  it('imports, merges with an agent, links and moves a monitor, alerts on a warranty and leaves retired assets out of compliance', async () => {
    const now = new Date();
    const soonEnd = new Date(now.getTime() + 20 * 86_400_000);
    // A 12-month warranty started a year before the end day: it ends in 20 days (the 29th of February aside).
    const soonStart = `${soonEnd.getUTCFullYear() - 1}-${day(soonEnd).slice(5)}`.replace(/-02-29$/, '-02-28');
    const laptopSerial = 'PF4LAPTOP1';
    const csv = inventoryFile(laptopSerial, soonStart);

    // 1. Preview, then import: 500 written, the 5 bad rows reported by row number and skipped.
    const previewRes = await t.json('POST', '/api/v1/assets/import/preview', { csv }, admin);
    expect(previewRes.status).toBe(200);
    const preview = (await previewRes.json()) as AssetImportReport;
    expect(preview.totals).toMatchObject({ rows: 505, create: 500, error: 5 });
    expect(await t.db.selectFrom('devices').select('id').execute()).toHaveLength(0);
    const errors = preview.rows.filter((r) => r.outcome === 'error');
    expect(errors.map((r) => r.row)).toEqual([102, 203, 304, 405, 456]);
    expect(errors[0]!.errors[0]).toMatchObject({ column: 'Purchase Date' });
    expect(errors[1]!.errors[0]!.message).toContain('51'); // the earlier row holding AT-00050
    const importRes = await t.json('POST', '/api/v1/assets/import', { csv, previewId: preview.previewId }, admin);
    expect(importRes.status).toBe(200);
    const imported = (await importRes.json()) as AssetImportReport;
    expect(imported.totals).toMatchObject({ create: 500, error: 5 });
    const list = (await (await t.json('GET', '/api/v1/devices?limit=1', undefined, admin)).json()) as { total: number };
    expect(list.total).toBe(500);
    const laptopId = imported.rows.find((r) => r.assetTag === 'AT-00001')!.deviceId!;
    const dockId = imported.rows.find((r) => r.assetTag === 'AT-00002')!.deviceId!;
    expect(await get(laptopId)).toMatchObject({ type: 'computer', source: 'manual', state: 'in_use', location: 'Paris / HQ / Floor 2' });

    // 2. The laptop's agent reports it: one asset, keeping what the file said about it.
    const agent = await t.enrollAgent('laptop-fin-01');
    const up = await t.upload(agent.agentKey, makeInventory({ agentId: agent.agentId, hostname: 'laptop-fin-01', serial: laptopSerial, seed: 11 }));
    expect(up.status).toBe(200);
    expect(((await up.json()) as { deviceId: number }).deviceId).toBe(laptopId);
    const laptop = await get(laptopId);
    expect(laptop).toMatchObject({ type: 'computer', source: 'agent', assetTag: 'AT-00001', location: 'Paris / HQ / Floor 2', state: 'in_use' });
    expect(codes(laptop)).toContain('merged-manual-record');
    expect((await t.db.selectFrom('devices').select('id').where('type', '=', 'computer').execute()).map((r) => r.id)).toEqual([laptopId]);

    // 3. Its monitor is an asset of its own, attached to it.
    const monitor = await t.db.selectFrom('devices').select(['id', 'parent_device_id', 'source']).where('type', '=', 'monitor').where('serial', '=', 'CN011XYZ').executeTakeFirstOrThrow();
    expect(monitor).toMatchObject({ parent_device_id: laptopId, source: 'discovered' });
    expect((await get(laptopId)).peripherals.map((p) => p.id)).toContain(monitor.id);

    // 4. The monitor moves to another desk: its link follows, and both computers' histories say so.
    const other = await t.enrollAgent('ws-other');
    const otherInventory = { ...makeInventory({ agentId: other.agentId, hostname: 'ws-other', seed: 12 }), monitors: [{ vendor: 'DEL', model: 'DELL U2720Q', serial: 'CN011XYZ' }] };
    const otherId = ((await (await t.upload(other.agentKey, otherInventory)).json()) as { deviceId: number }).deviceId;
    const laptopAgain = { ...makeInventory({ agentId: agent.agentId, hostname: 'laptop-fin-01', serial: laptopSerial, seed: 11 }), monitors: [] };
    expect((await t.upload(agent.agentKey, laptopAgain)).status).toBe(200);
    const moved = await get(monitor.id);
    expect(moved.parentDevice?.id).toBe(otherId);
    expect(codes(moved)).toEqual(expect.arrayContaining(['peripheral-discovered', 'moved-between']));
    expect(codes(await get(otherId))).toContain('peripheral-attached');
    expect(codes(await get(laptopId))).toContain('peripheral-moved-away');
    expect((await get(laptopId)).peripherals.map((p) => p.id)).not.toContain(monitor.id);

    // 5. The dock's warranty ends in 20 days: one alert, however often the job runs.
    const opts = { now, warrantyDays: 30, email: true, enqueue: enqueueNotices };
    const first = await runAssetAlerts(t.db, opts);
    const again = await runAssetAlerts(t.db, opts);
    expect(first.length + again.length).toBe(1);
    const alerts = await t.db.selectFrom('notification_outbox').select(['event', 'payload']).where('event', '=', 'asset.warranty-expiring').execute();
    expect(alerts).toHaveLength(1);
    expect(JSON.stringify(alerts[0]!.payload)).toContain(`"deviceId":${dockId}`);

    // 6. A licence on one of the laptop's packages; retiring the laptop takes it out of the count.
    const product = await t.db.selectFrom('software_products').select('id').where('name', '=', 'package-1').executeTakeFirstOrThrow();
    expect((await t.json('POST', '/api/v1/licences', { productId: product.id, metric: 'device', quantity: 5 }, admin)).status).toBe(201);
    const installed = async () => {
      const summary = (await (await t.json('GET', '/api/v1/compliance', undefined, admin)).json()) as ComplianceSummary;
      return summary.items.find((i) => i.productId === product.id)!;
    };
    const before = await installed();
    expect(before.installed).toBe(2); // the laptop and ws-other
    expect((await t.json('PATCH', `/api/v1/devices/${laptopId}`, { state: 'retired' }, admin)).status).toBe(200);
    const after = await installed();
    expect(after.installed).toBe(1);
    expect(after.excluded.retired).toBe(1);
    expect(codes(await get(laptopId))).toContain('state-changed');
  });
});
