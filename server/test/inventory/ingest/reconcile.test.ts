import { describe, expect, it } from 'vitest';
import { cleanIdentity, reconcile, type StoredIdentity } from '../../../src/inventory/ingest/reconcile.js';

const T0 = new Date('2026-11-01T00:00:00Z');
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);

let nextId = 1;
function dev(fields: Partial<StoredIdentity> = {}): StoredIdentity {
  return {
    id: nextId++,
    agentId: null,
    serial: null,
    uuid: null,
    macs: [],
    hostname: null,
    lastSeenAt: T0,
    agentActive: false,
    ...fields,
  };
}

const SERIAL_A = '5CG1234XYZ';
const SERIAL_B = 'PF1ABCDE';
const UUID_A = '4c4c4544-0042-3510-8052-b3c04f4a4b32';
const UUID_B = 'a1b2c3d4-0000-4000-8000-00000000000b';
const MAC_A = 'a4:bb:6d:12:34:56';
const MAC_B = 'f8:ff:c2:01:02:03';

describe('cleanIdentity', () => {
  it('cleans every identifier', () => {
    expect(
      cleanIdentity({
        agentId: ' agent-1 ',
        serial: ' 5cg1234xyz ',
        uuid: '{4C4C4544-0042-3510-8052-B3C04F4A4B32}',
        macs: ['F8-FF-C2-01-02-03', 'A4:BB:6D:12:34:56', 'a4bb6d123456', '00:50:56:c0:00:08', '00:00:00:00:00:00'],
        hostname: ' WS-042.corp.example.com. ',
      }),
    ).toEqual({
      agentId: 'agent-1',
      serial: SERIAL_A,
      uuid: UUID_A,
      macs: [MAC_A, MAC_B],
      hostname: 'WS-042.corp.example.com',
    });
  });

  it('turns placeholders into null', () => {
    expect(
      cleanIdentity({
        agentId: '  ',
        serial: 'To Be Filled By O.E.M.',
        uuid: '03000200-0400-0500-0006-000700080009',
        macs: ['02:42:ac:11:00:02'],
        hostname: 'localhost.localdomain',
      }),
    ).toEqual({ agentId: null, serial: null, uuid: null, macs: [], hostname: null });
  });
});

describe('reconcile: each rule alone', () => {
  it('empty store → new', () => {
    const r = reconcile({ agentId: 'a1', serial: SERIAL_A, macs: [MAC_A], hostname: 'ws-1' }, []);
    expect(r).toEqual({
      deviceId: null,
      rule: 'new',
      identity: { agentId: 'a1', serial: SERIAL_A, uuid: null, macs: [MAC_A], hostname: 'ws-1' },
    });
  });

  it('nothing in common → new', () => {
    const r = reconcile({ agentId: 'a1', serial: SERIAL_A, macs: [MAC_A], hostname: 'ws-1' }, [
      dev({ agentId: 'a2', serial: SERIAL_B, macs: [MAC_B], hostname: 'ws-2' }),
    ]);
    expect(r.rule).toBe('new');
    expect(r.deviceId).toBeNull();
    expect(r.conflict).toBeUndefined();
  });

  it('agent-id', () => {
    const d = dev({ agentId: 'a1' });
    expect(reconcile({ agentId: 'a1', macs: [] }, [dev({ agentId: 'a2' }), d])).toMatchObject({
      deviceId: d.id,
      rule: 'agent-id',
    });
  });

  it('serial+uuid', () => {
    const d = dev({ serial: SERIAL_A, uuid: UUID_A });
    expect(reconcile({ serial: SERIAL_A, uuid: UUID_A, macs: [] }, [d])).toMatchObject({ deviceId: d.id, rule: 'serial+uuid' });
  });

  it('serial', () => {
    const d = dev({ serial: SERIAL_A });
    expect(reconcile({ serial: SERIAL_A, uuid: UUID_A, macs: [] }, [d])).toMatchObject({ deviceId: d.id, rule: 'serial' });
  });

  it('serial, even when the UUID changed (board replaced, serial reprogrammed)', () => {
    const d = dev({ serial: SERIAL_A, uuid: UUID_B });
    expect(reconcile({ serial: SERIAL_A, uuid: UUID_A, macs: [] }, [d])).toMatchObject({ deviceId: d.id, rule: 'serial' });
  });

  it('uuid', () => {
    const d = dev({ uuid: UUID_A });
    expect(reconcile({ uuid: UUID_A, macs: [] }, [d])).toMatchObject({ deviceId: d.id, rule: 'uuid' });
  });

  it('uuid, when only one side has a serial', () => {
    const d = dev({ uuid: UUID_A, serial: null });
    expect(reconcile({ serial: SERIAL_A, uuid: UUID_A, macs: [] }, [d])).toMatchObject({ deviceId: d.id, rule: 'uuid' });
  });

  it('mac: any overlap of physical MACs', () => {
    const d = dev({ macs: [MAC_B, MAC_A] });
    expect(reconcile({ macs: ['00:11:22:33:44:55', 'A4-BB-6D-12-34-56'] }, [d])).toMatchObject({ deviceId: d.id, rule: 'mac' });
  });

  it('mac: shared or virtual MACs never match', () => {
    const d = dev({ macs: ['00:05:9a:3c:7a:00', '08:00:27:12:34:56', 'da:a1:19:12:34:56'] });
    expect(reconcile({ macs: ['00:05:9a:3c:7a:00', '08:00:27:12:34:56', 'da:a1:19:12:34:56'] }, [d]).rule).toBe('new');
  });

  it('hostname: case-insensitive, FQDN vs short name', () => {
    const d = dev({ hostname: 'ws-042' });
    expect(reconcile({ hostname: 'WS-042.corp.example.com', macs: [] }, [d])).toMatchObject({ deviceId: d.id, rule: 'hostname' });
    const e = dev({ hostname: 'LAPTOP-7.example.org' });
    expect(reconcile({ hostname: 'laptop-7', macs: [] }, [e])).toMatchObject({ deviceId: e.id, rule: 'hostname' });
  });

  it('hostname: a different short name does not match', () => {
    expect(reconcile({ hostname: 'ws-042', macs: [] }, [dev({ hostname: 'ws-0421' })]).rule).toBe('new');
    expect(reconcile({ hostname: 'ws.corp', macs: [] }, [dev({ hostname: 'corp.ws' })]).rule).toBe('new');
  });

  it('hostname: localhost never matches', () => {
    expect(reconcile({ hostname: 'localhost', macs: [] }, [dev({ hostname: 'localhost' })]).rule).toBe('new');
  });
});

describe('reconcile: case-insensitivity and stored spellings', () => {
  it('serial, UUID and MAC compare case-insensitively, stored values are re-cleaned', () => {
    const d = dev({ serial: '5cg1234xyz', uuid: UUID_A.toUpperCase(), macs: ['A4BB.6D12.3456'] });
    expect(reconcile({ serial: '5CG1234XYZ', uuid: UUID_A, macs: [] }, [d])).toMatchObject({ deviceId: d.id, rule: 'serial+uuid' });
    expect(reconcile({ macs: [MAC_A] }, [d])).toMatchObject({ deviceId: d.id, rule: 'mac' });
  });

  it('a stored value that has since been blacklisted stops matching', () => {
    const d = dev({ serial: 'Default string' });
    expect(reconcile({ serial: 'DEFAULT STRING', macs: [] }, [d]).rule).toBe('new');
  });

  it('agent ids are trimmed', () => {
    const d = dev({ agentId: 'a1' });
    expect(reconcile({ agentId: ' a1 ', macs: [] }, [d]).deviceId).toBe(d.id);
  });
});

describe('reconcile: precedence', () => {
  it('agent-id beats everything when hardware agrees', () => {
    const byAgent = dev({ agentId: 'a1', serial: SERIAL_A });
    const r = reconcile({ agentId: 'a1', serial: SERIAL_A, macs: [] }, [byAgent]);
    expect(r).toMatchObject({ deviceId: byAgent.id, rule: 'agent-id' });
    expect(r.conflict).toBeUndefined();
  });

  it('one device matched by several rules is reported under the strongest, without conflict', () => {
    const d = dev({ agentId: 'a1', serial: SERIAL_A, uuid: UUID_A, macs: [MAC_A], hostname: 'ws-1' });
    const r = reconcile({ agentId: 'a1', serial: SERIAL_A, uuid: UUID_A, macs: [MAC_A], hostname: 'ws-1' }, [d]);
    expect(r).toMatchObject({ deviceId: d.id, rule: 'agent-id' });
    expect(r.conflict).toBeUndefined();
  });

  it('serial+uuid beats serial alone', () => {
    const serialOnly = dev({ serial: SERIAL_A, uuid: UUID_B, lastSeenAt: days(5) });
    const both = dev({ serial: SERIAL_A, uuid: UUID_A });
    const r = reconcile({ serial: SERIAL_A, uuid: UUID_A, macs: [] }, [serialOnly, both]);
    expect(r).toMatchObject({ deviceId: both.id, rule: 'serial+uuid' });
    expect(r.conflict?.candidates).toEqual([both.id, serialOnly.id]);
  });

  it('serial beats uuid', () => {
    const byUuid = dev({ uuid: UUID_A, lastSeenAt: days(9) });
    const bySerial = dev({ serial: SERIAL_A });
    const r = reconcile({ serial: SERIAL_A, uuid: UUID_A, macs: [] }, [byUuid, bySerial]);
    expect(r).toMatchObject({ deviceId: bySerial.id, rule: 'serial' });
    expect(r.conflict?.candidates).toEqual([bySerial.id, byUuid.id]);
  });

  it('uuid beats mac, mac beats hostname', () => {
    const byMac = dev({ macs: [MAC_A] });
    const byUuid = dev({ uuid: UUID_A });
    const byHost = dev({ hostname: 'ws-1' });
    expect(reconcile({ uuid: UUID_A, macs: [MAC_A], hostname: 'ws-1' }, [byHost, byMac, byUuid])).toMatchObject({
      deviceId: byUuid.id,
      rule: 'uuid',
    });
    const r = reconcile({ macs: [MAC_A], hostname: 'ws-1' }, [byHost, byMac]);
    expect(r).toMatchObject({ deviceId: byMac.id, rule: 'mac' });
    // A reused hostname is not worth a conflict when a MAC matched.
    expect(r.conflict).toBeUndefined();
  });
});

describe('reconcile: placeholders', () => {
  it('two machines sharing "To Be Filled By O.E.M." are two devices', () => {
    const first = dev({ serial: 'To Be Filled By O.E.M.', uuid: UUID_A, macs: [MAC_A], hostname: 'pc-1' });
    const r = reconcile(
      { serial: 'To Be Filled By O.E.M.', uuid: UUID_B, macs: [MAC_B], hostname: 'pc-2', agentId: 'a2' },
      [first],
    );
    expect(r.rule).toBe('new');
    expect(r.identity.serial).toBeNull();
  });

  it('the same white-box machine is still found by its UUID', () => {
    const first = dev({ serial: 'To Be Filled By O.E.M.', uuid: UUID_A });
    expect(reconcile({ serial: 'To be filled by O.E.M.', uuid: UUID_A, macs: [] }, [first])).toMatchObject({
      deviceId: first.id,
      rule: 'uuid',
    });
  });

  it('the broken-firmware UUID never matches', () => {
    const a = dev({ uuid: '03000200-0400-0500-0006-000700080009' });
    expect(reconcile({ uuid: '03000200-0400-0500-0006-000700080009', macs: [] }, [a]).rule).toBe('new');
  });
});

describe('reconcile: clones and vetoes', () => {
  it('clones sharing a UUID but with different serials are two devices', () => {
    const original = dev({ serial: SERIAL_A, uuid: UUID_A });
    const r = reconcile({ serial: SERIAL_B, uuid: UUID_A, macs: [] }, [original]);
    expect(r).toMatchObject({ deviceId: null, rule: 'new' });
    expect(r.conflict).toBeUndefined();
  });

  it('a MAC does not match a device whose serial differs (shared USB dongle)', () => {
    const other = dev({ serial: SERIAL_A, macs: [MAC_A] });
    expect(reconcile({ serial: SERIAL_B, macs: [MAC_A] }, [other]).rule).toBe('new');
  });

  it('a MAC does not match a device whose UUID differs when serials cannot be compared', () => {
    const other = dev({ uuid: UUID_A, macs: [MAC_A] });
    expect(reconcile({ uuid: UUID_B, macs: [MAC_A] }, [other]).rule).toBe('new');
    // Serial on one side only: still vetoed by the UUID.
    expect(reconcile({ serial: SERIAL_B, uuid: UUID_B, macs: [MAC_A] }, [other]).rule).toBe('new');
  });

  it('a hostname does not match a device whose serial differs (name reused for a new machine)', () => {
    const old = dev({ serial: SERIAL_A, hostname: 'ws-042' });
    expect(reconcile({ serial: SERIAL_B, hostname: 'ws-042', macs: [] }, [old]).rule).toBe('new');
  });

  it('a hostname matches when the stored device has no comparable hardware id', () => {
    const old = dev({ hostname: 'ws-042', uuid: UUID_A });
    expect(reconcile({ serial: SERIAL_B, hostname: 'ws-042', macs: [] }, [old])).toMatchObject({ deviceId: old.id, rule: 'hostname' });
  });

  it('an agent id on another machine (cloned image) → new device + conflict', () => {
    const original = dev({ agentId: 'a1', serial: SERIAL_A });
    const r = reconcile({ agentId: 'a1', serial: SERIAL_B, macs: [] }, [original]);
    expect(r.deviceId).toBeNull();
    expect(r.rule).toBe('new');
    expect(r.conflict?.candidates).toEqual([original.id]);
    expect(r.conflict?.reason).toContain('agent id a1');
    expect(r.conflict?.reason).toContain(`serial ${SERIAL_B} ≠ ${SERIAL_A}`);
  });

  it('an agent id vetoed by the UUID when serials are placeholders', () => {
    const original = dev({ agentId: 'a1', serial: 'Default string', uuid: UUID_A });
    const r = reconcile({ agentId: 'a1', serial: 'Default string', uuid: UUID_B, macs: [] }, [original]);
    expect(r).toMatchObject({ deviceId: null, rule: 'new', conflict: { candidates: [original.id] } });
  });

  it('an agent id restored onto a known machine → that machine + conflict', () => {
    const agentOwner = dev({ agentId: 'a1', serial: SERIAL_A });
    const machine = dev({ agentId: 'a9', serial: SERIAL_B });
    const r = reconcile({ agentId: 'a1', serial: SERIAL_B, macs: [] }, [agentOwner, machine]);
    expect(r).toMatchObject({ deviceId: machine.id, rule: 'serial' });
    expect(r.conflict?.candidates).toEqual([machine.id, agentOwner.id]);
  });

  it('an agent id with no hardware to compare is trusted', () => {
    const d = dev({ agentId: 'a1' });
    expect(reconcile({ agentId: 'a1', serial: SERIAL_A, uuid: UUID_A, macs: [MAC_A] }, [d])).toMatchObject({
      deviceId: d.id,
      rule: 'agent-id',
    });
  });
});

describe('reconcile: conflicting evidence', () => {
  it('serial on A, agent id on B: agent id wins, both reported', () => {
    const a = dev({ serial: SERIAL_A, lastSeenAt: days(3) });
    const b = dev({ agentId: 'a1' });
    const r = reconcile({ agentId: 'a1', serial: SERIAL_A, macs: [] }, [a, b]);
    expect(r).toMatchObject({ deviceId: b.id, rule: 'agent-id' });
    expect(r.conflict?.candidates).toEqual([b.id, a.id]);
    expect(r.conflict?.reason).toContain(`serial ${SERIAL_A} matches device ${a.id}`);
    expect(r.conflict?.reason).toContain(`agent id a1 matches device ${b.id}`);
  });

  it('serial on A, MAC on B: serial wins, both reported', () => {
    const a = dev({ serial: SERIAL_A });
    const b = dev({ macs: [MAC_A], lastSeenAt: days(10) });
    const r = reconcile({ serial: SERIAL_A, macs: [MAC_A] }, [b, a]);
    expect(r).toMatchObject({ deviceId: a.id, rule: 'serial' });
    expect(r.conflict?.candidates).toEqual([a.id, b.id]);
    expect(r.conflict?.reason).toContain(`MAC ${MAC_A} matches device ${b.id}`);
  });

  it('ties on one rule: most recently seen wins', () => {
    const older = dev({ serial: SERIAL_A, lastSeenAt: days(1) });
    const newer = dev({ serial: SERIAL_A, lastSeenAt: days(2) });
    const r = reconcile({ serial: SERIAL_A, macs: [] }, [older, newer]);
    expect(r).toMatchObject({ deviceId: newer.id, rule: 'serial' });
    expect(r.conflict?.candidates).toEqual([newer.id, older.id]);
  });

  it('ties on rule and lastSeenAt: lowest id wins, whatever the input order', () => {
    const x = dev({ macs: [MAC_A] });
    const y = dev({ macs: [MAC_A, MAC_B] });
    const forward = reconcile({ macs: [MAC_A] }, [x, y]);
    const backward = reconcile({ macs: [MAC_A] }, [y, x]);
    expect(forward).toEqual(backward);
    expect(forward.deviceId).toBe(Math.min(x.id, y.id));
    expect(forward.conflict?.candidates).toEqual([x.id, y.id]);
  });

  it('several hostname-only matches are a conflict', () => {
    const a = dev({ hostname: 'ws-1.site-a.example' });
    const b = dev({ hostname: 'WS-1.site-b.example', lastSeenAt: days(1) });
    const r = reconcile({ hostname: 'ws-1', macs: [] }, [a, b]);
    expect(r).toMatchObject({ deviceId: b.id, rule: 'hostname', conflict: { candidates: [b.id, a.id] } });
  });

  it('returns the cleaned incoming identity whatever matched', () => {
    const d = dev({ serial: SERIAL_A });
    const r = reconcile({ serial: '5cg1234xyz', uuid: 'garbage', macs: ['A4-BB-6D-12-34-56', '08:00:27:00:00:01'] }, [d]);
    expect(r.identity).toEqual({ agentId: null, serial: SERIAL_A, uuid: null, macs: [MAC_A], hostname: null });
  });
});

describe('reconcile: trust (a device bound to an active agent)', () => {
  /** A device bound to active agent `a1`, with every identifier. */
  const bound = (fields: Partial<StoredIdentity> = {}) =>
    dev({ agentId: 'a1', agentActive: true, serial: SERIAL_A, uuid: UUID_A, macs: [MAC_A], hostname: 'ws-1', ...fields });

  it('its own agent matches it', () => {
    const d = bound();
    expect(reconcile({ agentId: 'a1', serial: SERIAL_A, uuid: UUID_A, macs: [MAC_A], hostname: 'ws-1' }, [d])).toMatchObject({ deviceId: d.id, rule: 'agent-id' });
    expect(reconcile({ agentId: 'a1', serial: SERIAL_A, uuid: UUID_A, macs: [MAC_A], hostname: 'ws-1' }, [d]).conflict).toBeUndefined();
  });

  it.each([
    ['hostname alone', { hostname: 'WS-1.corp.example' }, 'hostname ws-1'],
    ['a MAC alone', { macs: [MAC_A] }, `MAC ${MAC_A}`],
    ['the UUID', { uuid: UUID_A }, `UUID ${UUID_A}`],
    ['the serial', { serial: SERIAL_A }, `serial ${SERIAL_A}`],
    ['serial and UUID', { serial: SERIAL_A, uuid: UUID_A }, `serial ${SERIAL_A} and UUID ${UUID_A}`],
    ['everything it reported', { serial: SERIAL_A, uuid: UUID_A, macs: [MAC_A], hostname: 'ws-1' }, `serial ${SERIAL_A} and UUID ${UUID_A}`],
  ])('another agent claiming it by %s gets a new device and a conflict naming both', (_, claim, shown) => {
    const d = bound();
    const r = reconcile({ agentId: 'intruder', macs: [], ...claim }, [d]);
    expect(r.deviceId).toBeNull();
    expect(r.rule).toBe('new');
    expect(r.conflict?.candidates).toEqual([d.id]);
    expect(r.conflict?.refused).toEqual([d.id]);
    expect(r.conflict?.reason).toContain(`${shown} matches device ${d.id}, which is bound to active agent a1`);
    expect(r.conflict?.reason).toContain('recorded as a new device');
  });

  it('a legacy identity (glpi:…) is another agent too', () => {
    const d = bound();
    expect(reconcile({ agentId: 'glpi:ws-1-2026-01-01-00-00-00', hostname: 'ws-1', macs: [] }, [d])).toMatchObject({ deviceId: null, rule: 'new', conflict: { candidates: [d.id] } });
  });

  it('a revoked agent (or a legacy identity, or none) guards nothing: matched as before', () => {
    for (const fields of [{ agentActive: false }, { agentId: 'glpi:old', agentActive: false }, { agentId: null, agentActive: false }]) {
      const d = bound(fields);
      expect(reconcile({ agentId: 'a2', hostname: 'ws-1', macs: [] }, [d])).toMatchObject({ deviceId: d.id, rule: 'hostname' });
      expect(reconcile({ agentId: 'a2', serial: SERIAL_A, uuid: UUID_A, macs: [] }, [d])).toMatchObject({ deviceId: d.id, rule: 'serial+uuid' });
    }
  });

  it('a clashing serial is still a veto, not a guarded claim', () => {
    const d = bound();
    const r = reconcile({ agentId: 'a2', serial: SERIAL_B, hostname: 'ws-1', macs: [] }, [d]);
    expect(r).toMatchObject({ deviceId: null, rule: 'new' });
    expect(r.conflict).toBeUndefined();
  });

  it('the agent\'s own device wins; a guarded device matched on hardware is reported, one matched on hostname is not', () => {
    const mine = dev({ agentId: 'a2', agentActive: true, serial: SERIAL_B });
    const theirs = bound({ serial: null, uuid: UUID_B });
    const named = bound({ agentId: 'a3', serial: null, uuid: null, macs: [], hostname: 'ws-2' });
    const r = reconcile({ agentId: 'a2', serial: SERIAL_B, uuid: UUID_B, hostname: 'ws-2', macs: [] }, [mine, theirs, named]);
    expect(r).toMatchObject({ deviceId: mine.id, rule: 'agent-id' });
    expect(r.conflict?.candidates).toEqual([mine.id, theirs.id]);
    expect(r.conflict?.reason).not.toContain('recorded as a new device');
  });

  it('strongest evidence on a guarded device: no fallback to weaker evidence on an unguarded one', () => {
    const guardedDevice = bound();
    const loose = dev({ macs: [MAC_B], hostname: 'ws-9' });
    const r = reconcile({ agentId: 'a2', serial: SERIAL_A, uuid: UUID_A, macs: [MAC_B], hostname: 'ws-9' }, [loose, guardedDevice]);
    expect(r).toMatchObject({ deviceId: null, rule: 'new' });
    expect(r.conflict?.candidates).toEqual([guardedDevice.id, loose.id]);
    expect(r.conflict?.refused).toEqual([guardedDevice.id]);
    expect(r.conflict?.reason).toContain(`MAC ${MAC_B} matches device ${loose.id} (weaker evidence, not used)`);
  });

  it('equal evidence: the unguarded device is taken, the guarded one reported', () => {
    const guardedDevice = bound({ serial: null, uuid: null, macs: [] });
    const loose = dev({ hostname: 'ws-1.lab' });
    const r = reconcile({ agentId: 'a2', hostname: 'ws-1', macs: [] }, [guardedDevice, loose]);
    expect(r).toMatchObject({ deviceId: loose.id, rule: 'hostname', conflict: { candidates: [loose.id, guardedDevice.id] } });
  });

  it('stronger evidence on an unguarded device wins; a guarded hostname namesake is not news', () => {
    const guardedDevice = bound({ serial: null, uuid: null, macs: [] });
    const mine = dev({ serial: SERIAL_B });
    const r = reconcile({ agentId: 'a2', serial: SERIAL_B, hostname: 'ws-1', macs: [] }, [guardedDevice, mine]);
    expect(r).toMatchObject({ deviceId: mine.id, rule: 'serial' });
    expect(r.conflict).toBeUndefined();
  });

  it('the agent-id device of a revoked agent re-used by itself still matches (revocation is checked at the door)', () => {
    const d = bound({ agentActive: false });
    expect(reconcile({ agentId: 'a1', serial: SERIAL_A, macs: [] }, [d])).toMatchObject({ deviceId: d.id, rule: 'agent-id' });
  });
});
