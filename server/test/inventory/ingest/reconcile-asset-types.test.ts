import { describe, expect, it } from 'vitest';
import { reconcile, type StoredIdentity } from '../../../src/inventory/ingest/reconcile.js';

/**
 * The asset register in matching: only computers are what an inventory describes, and a computer people
 * registered by hand is taken on its serial only.
 */
const T0 = new Date('2026-11-01T00:00:00Z');
const SERIAL = '5CG1234XYZ';
const UUID = '4c4c4544-0042-3510-8052-b3c04f4a4b32';
const MAC = 'a4:bb:6d:12:34:56';

const dev = (id: number, fields: Partial<StoredIdentity>): StoredIdentity => ({
  id,
  agentId: null,
  serial: null,
  uuid: null,
  macs: [],
  hostname: null,
  lastSeenAt: T0,
  agentActive: false,
  ...fields,
});
const incoming = { agentId: 'agent-new', serial: SERIAL, uuid: UUID, macs: [MAC], hostname: 'ws-042' };

describe('reconcile and asset types', () => {
  it.each(['monitor', 'printer', 'phone', 'network', 'peripheral', 'other'])('never takes a %s carrying the serial', (type) => {
    const r = reconcile(incoming, [dev(1, { serial: SERIAL, type, source: 'manual' })]);
    expect(r).toMatchObject({ deviceId: null, rule: 'new' });
    expect(r.conflict).toBeUndefined();
  });

  it('takes the computer, not the monitor, when both carry the serial', () => {
    const r = reconcile(incoming, [dev(1, { serial: SERIAL, type: 'monitor', source: 'discovered' }), dev(2, { serial: SERIAL, type: 'computer', source: 'manual' })]);
    expect(r).toMatchObject({ deviceId: 2, rule: 'serial' });
    expect(r.conflict).toBeUndefined();
  });

  it('treats a row without a type as a computer (callers that predate the register)', () => {
    expect(reconcile(incoming, [dev(1, { serial: SERIAL })])).toMatchObject({ deviceId: 1, rule: 'serial' });
  });

  it('takes an unbound manual computer on its serial, or serial and UUID', () => {
    expect(reconcile(incoming, [dev(1, { serial: SERIAL.toLowerCase(), type: 'computer', source: 'manual' })])).toMatchObject({ deviceId: 1, rule: 'serial' });
    expect(reconcile(incoming, [dev(1, { serial: SERIAL, uuid: UUID, type: 'computer', source: 'manual' })])).toMatchObject({ deviceId: 1, rule: 'serial+uuid' });
  });

  it.each([
    ['hostname', { hostname: 'WS-042.corp.example' }],
    ['MAC', { macs: [MAC] }],
    ['UUID', { uuid: UUID }],
  ])('does not take a manual computer on its %s alone', (_, fields) => {
    expect(reconcile(incoming, [dev(1, { ...fields, type: 'computer', source: 'manual' })])).toMatchObject({ deviceId: null, rule: 'new' });
    // An agent's record is still taken on the same evidence.
    expect(reconcile(incoming, [dev(1, { ...fields, type: 'computer', source: 'agent' })]).deviceId).toBe(1);
  });

  it('does not take a manual computer whose real serial differs', () => {
    expect(reconcile(incoming, [dev(1, { serial: 'PF1ABCDE', hostname: 'ws-042', type: 'computer', source: 'manual' })])).toMatchObject({ deviceId: null });
  });

  it('never matches a placeholder serial on a manual record', () => {
    const r = reconcile({ ...incoming, serial: 'To Be Filled By O.E.M.' }, [dev(1, { serial: 'To Be Filled By O.E.M.', type: 'computer', source: 'manual' })]);
    expect(r.deviceId).toBeNull();
  });
});
