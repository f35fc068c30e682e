import { beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '@parc/shared';
import { enqueueNotices } from '../../../src/helpdesk/notifications/outbox.js';
import { createLogger } from '../../../src/platform/log.js';
import { runAssetJobsOnce } from '../../../src/assets/alerts/assets.jobs.js';
import { backfillPeripherals, PERIPHERAL_BACKFILL_MARKER } from '../../../src/inventory/ingest/peripheral-backfill.js';
import { decidePeripheralBackfill, type ReportedPeripheral } from '../../../src/inventory/ingest/peripherals.js';
import { makeInventory } from '../../helpers/inventory-factory.js';
import { setupTestApp, type TestContext } from '../../helpers/test-app.js';

/**
 * Computers inventoried before peripherals were linked: their monitors and printers are components only.
 * The backfill links them from those components, once, set-based, and a second run writes nothing.
 */
let t: TestContext;
const clock = manualClock(new Date('2026-12-01T08:00:00Z'));

beforeEach(async () => {
  t = await setupTestApp({}, { clock });
});

const peripherals = () => t.db.selectFrom('devices').select(['type', 'serial', 'parent_device_id', 'source']).where('type', 'in', ['monitor', 'printer']).orderBy('type').orderBy('serial').execute();
const historyCount = async () => Number((await t.db.selectFrom('device_changes').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** A computer as an older server stored it: components, no linked assets (those are removed after upload). */
async function computer(hostname: string, seed: number, lastSeen: string, extra: Record<string, unknown>) {
  const { agentId, agentKey } = await t.enrollAgent(hostname);
  const res = await t.upload(agentKey, { ...makeInventory({ agentId, hostname, seed }), ...extra });
  const id = ((await res.json()) as { deviceId: number }).deviceId;
  await t.db.updateTable('devices').set({ last_seen_at: new Date(lastSeen) }).where('id', '=', id).execute();
  return id;
}
const forgetLinks = async () => {
  await t.db.deleteFrom('devices').where('source', '=', 'discovered').execute();
  await t.db.deleteFrom('device_changes').where('section', '=', 'peripherals').execute();
};

describe('peripheral backfill', () => {
  it('links every computer’s stored monitors and printers; the most recently seen computer claims a shared one; a second run writes nothing', async () => {
    const older = await computer('ws-old', 1, '2026-10-01T00:00:00Z', { monitors: [{ vendor: 'DEL', model: 'U2720Q', serial: 'CN0SHARED1' }], printers: [] });
    const newer = await computer('ws-new', 2, '2026-11-30T00:00:00Z', {
      monitors: [{ vendor: 'DEL', model: 'U2720Q', serial: 'CN0SHARED1' }, { vendor: 'GSM', model: 'LG', serial: '0' }],
      printers: [{ name: 'Compta', driver: 'HP LaserJet Pro M404', serial: 'PHBQB12345' }, { name: 'PDF' }],
    });
    await forgetLinks();
    // A spare printer registered by hand with that serial is linked, not duplicated.
    const spare = (await (await t.json('POST', '/api/v1/devices', { type: 'printer', name: 'Spare HP', serial: 'phbqb12345' }, await t.as('admin'))).json()) as { id: number };
    expect(await peripherals()).toHaveLength(1);

    // Page size 1: the cursor walks computer by computer.
    expect(await backfillPeripherals(t.db, clock.now(), 1)).toEqual({ computers: 2, created: 1, linked: 1 });
    expect(await peripherals()).toEqual([
      { type: 'monitor', serial: 'CN0SHARED1', parent_device_id: newer, source: 'discovered' },
      { type: 'printer', serial: 'PHBQB12345', parent_device_id: newer, source: 'manual' },
    ]);
    const codes = await t.db.selectFrom('device_changes').select(['device_id', 'code']).where('section', '=', 'peripherals').orderBy('id').execute();
    expect(codes.filter((c) => c.device_id === newer).map((c) => c.code)).toEqual(['peripheral-attached', 'peripheral-attached']);
    expect(codes.filter((c) => c.device_id === spare.id).map((c) => c.code)).toEqual(['attached-to']);
    expect(codes.some((c) => c.device_id === older)).toBe(false);

    const before = await historyCount();
    expect(await backfillPeripherals(t.db, clock.now())).toEqual({ computers: 2, created: 0, linked: 0 });
    expect(await historyCount()).toBe(before);
  });

  it('never moves an asset attached elsewhere: a newer report or a person put it there', async () => {
    const a = await computer('ws-a', 3, '2026-11-01T00:00:00Z', { monitors: [{ model: 'M', serial: 'CN0MOVED9' }] });
    const b = await computer('ws-b', 4, '2026-11-30T00:00:00Z', { monitors: [{ model: 'M', serial: 'CN0MOVED9' }] });
    // b's upload moved it from a; the backfill, seeing a's stale component, leaves it on b.
    expect((await peripherals())[0]!.parent_device_id).toBe(b);
    expect(await backfillPeripherals(t.db, clock.now())).toMatchObject({ created: 0, linked: 0 });
    expect((await peripherals())[0]!.parent_device_id).toBe(b);
    expect(a).not.toBe(b);
  });

  it('runs once from the asset jobs, behind its marker', async () => {
    await computer('ws-c', 5, '2026-11-01T00:00:00Z', { monitors: [{ model: 'M', serial: 'CN0MARKER1' }] });
    await forgetLinks();
    const run = () => runAssetJobsOnce({ db: t.db, config: t.config, log: createLogger('silent'), clock, enqueue: enqueueNotices });
    await run();
    expect(await peripherals()).toHaveLength(1);
    expect((await t.db.selectFrom('settings').select('value').where('key', '=', PERIPHERAL_BACKFILL_MARKER).executeTakeFirstOrThrow()).value).toMatchObject({ created: 1 });
    // Behind the marker it does not run again: an asset removed since stays removed.
    await forgetLinks();
    await run();
    expect(await peripherals()).toEqual([]);
  });
});

describe('decidePeripheralBackfill', () => {
  const m = (serial: string): ReportedPeripheral => ({ type: 'monitor', serial, manufacturer: null, model: 'M', name: 'M' });
  it('hands each key to the first computer reporting it and links only unattached assets', () => {
    const batch = decidePeripheralBackfill(
      [
        { id: 2, hostname: 'new', reported: [m('A1'), m('B1')] },
        { id: 1, hostname: 'old', reported: [m('A1'), m('C1')] },
      ],
      [{ id: 9, type: 'monitor', serial: 'C1', hostname: 'spare', parent: null }, { id: 8, type: 'monitor', serial: 'B1', hostname: 'elsewhere', parent: { id: 5, hostname: 'x' } }],
    );
    expect(batch).toEqual([
      { computer: { id: 2, hostname: 'new' }, decisions: [{ kind: 'create', peripheral: m('A1') }] },
      { computer: { id: 1, hostname: 'old' }, decisions: [{ kind: 'link', id: 9, name: 'spare' }] },
    ]);
  });
});
