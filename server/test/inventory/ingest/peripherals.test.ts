import { describe, expect, it } from 'vitest';
import { inventorySchema } from '@parc/shared';
import { assetSerialLockKey, carriedPeripheralTypes, decidePeripherals, peripheralHistory, reportedPeripherals, type ReportedPeripheral, type StoredPeripheral } from '../../../src/inventory/ingest/peripherals.js';
import { makeInventory } from '../../helpers/inventory-factory.js';

const PC = 10;
const mon = (serial: string, name = `M ${serial}`): ReportedPeripheral => ({ type: 'monitor', serial, manufacturer: 'DEL', model: name, name });
const stored = (id: number, serial: string, parent: { id: number; hostname: string } | null, type = 'monitor'): StoredPeripheral => ({ id, type, serial, hostname: `asset ${id}`, parent });

describe('reportedPeripherals', () => {
  const inv = (monitors: { vendor?: string; model?: string; serial?: string }[]) => inventorySchema.parse({ ...makeInventory(), monitors });
  it('keeps monitors with a real serial, cleaned, once per serial, named by model', () => {
    const r = reportedPeripherals(inv([{ vendor: 'DEL', model: 'DELL U2720Q', serial: ' cn0abc ' }, { vendor: 'DEL', model: 'dup', serial: 'CN0ABC' }, { vendor: 'GSM', serial: 'GS1' }]), new Set(['monitors']));
    expect(r).toEqual([
      { type: 'monitor', serial: 'CN0ABC', manufacturer: 'DEL', model: 'DELL U2720Q', name: 'DELL U2720Q' },
      { type: 'monitor', serial: 'GS1', manufacturer: 'GSM', model: null, name: 'GSM GS1' },
    ]);
  });
  it('drops placeholder, empty and all-zero serials', () => {
    expect(reportedPeripherals(inv([{ model: 'a', serial: '0' }, { model: 'b' }, { model: 'c', serial: '0000000' }, { model: 'd', serial: 'To Be Filled By O.E.M.' }, { model: 'e', serial: '  ' }]), new Set(['monitors']))).toEqual([]);
  });
  it('keeps printers with a real serial, named by the queue, the driver standing in for a missing model', () => {
    const parsed = inventorySchema.parse({
      ...makeInventory(),
      monitors: [{ model: 'M', serial: 'SAME1' }],
      printers: [
        { name: 'Officejet_Pro_8600', driver: 'HP Officejet Pro 8600', serial: 'my47l1w1jheb6' },
        { name: 'L3150', manufacturer: 'EPSON', model: 'L3150 Series', serial: 'X4C5837503' },
        { name: 'Deskjet-2540', driver: 'HP Deskjet 2540' },
        { name: 'PDF', serial: 'Not Specified' },
        { name: 'Same serial as the monitor, another type', serial: 'SAME1' },
      ],
    });
    expect(reportedPeripherals(parsed, new Set(['printers']))).toEqual([
      { type: 'printer', serial: 'MY47L1W1JHEB6', manufacturer: null, model: 'HP Officejet Pro 8600', name: 'Officejet_Pro_8600' },
      { type: 'printer', serial: 'X4C5837503', manufacturer: 'EPSON', model: 'L3150 Series', name: 'L3150' },
      { type: 'printer', serial: 'SAME1', manufacturer: null, model: null, name: 'Same serial as the monitor, another type' },
    ]);
    expect(reportedPeripherals(parsed, new Set(['monitors', 'printers'])).map((r) => r.type)).toEqual(['monitor', 'printer', 'printer', 'printer']);
    expect(carriedPeripheralTypes(new Set(['printers', 'monitors']))).toEqual(['monitor', 'printer']);
  });
  it('reads nothing from a section the inventory does not carry', () => {
    expect(reportedPeripherals(inv([{ model: 'a', serial: 'CN0ABC' }]), new Set(['hardware']))).toEqual([]);
    expect(carriedPeripheralTypes(new Set(['hardware']))).toEqual([]);
    expect(carriedPeripheralTypes(new Set(['monitors']))).toEqual(['monitor']);
  });
});

describe('decidePeripherals', () => {
  it('creates an asset for a monitor nobody knows', () => {
    expect(decidePeripherals(PC, [mon('A1')], [], ['monitor'])).toEqual([{ kind: 'create', peripheral: mon('A1') }]);
  });
  it('does nothing for a monitor already attached here', () => {
    expect(decidePeripherals(PC, [mon('A1')], [stored(1, 'A1', { id: PC, hostname: 'pc' })], ['monitor'])).toEqual([]);
  });
  it('links an unattached asset (manual or detached) with that type and serial', () => {
    expect(decidePeripherals(PC, [mon('A1')], [stored(1, 'A1', null)], ['monitor'])).toEqual([{ kind: 'link', id: 1, name: 'asset 1' }]);
  });
  it('moves an asset attached elsewhere', () => {
    expect(decidePeripherals(PC, [mon('A1')], [stored(1, 'A1', { id: 7, hostname: 'other' })], ['monitor'])).toEqual([{ kind: 'move', id: 1, name: 'asset 1', from: { id: 7, hostname: 'other' } }]);
  });
  it('detaches what is attached here and no longer reported', () => {
    expect(decidePeripherals(PC, [], [stored(1, 'A1', { id: PC, hostname: 'pc' })], ['monitor'])).toEqual([{ kind: 'detach', id: 1, name: 'asset 1' }]);
  });
  it('never detaches a type whose section did not come', () => {
    expect(decidePeripherals(PC, [], [stored(1, 'P1', { id: PC, hostname: 'pc' }, 'printer')], ['monitor'])).toEqual([]);
  });
  it('never takes an asset of another type carrying the serial', () => {
    expect(decidePeripherals(PC, [mon('A1')], [stored(1, 'A1', null, 'printer')], ['monitor'])).toEqual([{ kind: 'create', peripheral: mon('A1') }]);
  });
  it('picks the lowest id when older data holds two, and leaves the other alone', () => {
    expect(decidePeripherals(PC, [mon('A1')], [stored(5, 'A1', null), stored(3, 'A1', null)], ['monitor'])).toEqual([{ kind: 'link', id: 3, name: 'asset 3' }]);
  });
  it('decides every kind at once', () => {
    const d = decidePeripherals(PC, [mon('NEW'), mon('HERE'), mon('AWAY')], [stored(1, 'HERE', { id: PC, hostname: 'pc' }), stored(2, 'AWAY', { id: 8, hostname: 'b' }), stored(3, 'GONE', { id: PC, hostname: 'pc' })], ['monitor']);
    expect(d.map((x) => x.kind)).toEqual(['create', 'move', 'detach']);
  });
});

describe('peripheralHistory', () => {
  const pc = { id: PC, hostname: 'ws-b' };
  it('writes on the peripheral and on each computer', () => {
    const lines = peripheralHistory(pc, [{ kind: 'create', peripheral: mon('N1') }, { kind: 'move', id: 2, name: 'Dell', from: { id: 8, hostname: 'ws-a' } }, { kind: 'detach', id: 3, name: 'Old' }, { kind: 'link', id: 4, name: 'Spare' }], [99]);
    expect(lines.map((l) => [l.deviceId, l.entry.code])).toEqual([
      [99, 'peripheral-discovered'],
      [PC, 'peripheral-attached'],
      [2, 'moved-between'],
      [PC, 'peripheral-attached'],
      [8, 'peripheral-moved-away'],
      [3, 'detached-from'],
      [PC, 'peripheral-detached'],
      [4, 'attached-to'],
      [PC, 'peripheral-attached'],
    ]);
    expect(lines[2]!.entry.params).toEqual({ fromId: 8, from: 'ws-a', toId: PC, to: 'ws-b' });
    expect(lines[1]!.entry.params).toEqual({ peripheralId: 99, peripheral: 'M N1', type: 'monitor' });
  });
});

describe('assetSerialLockKey', () => {
  it('shares the computer identity lock for computers, and keys peripherals by type', () => {
    expect(assetSerialLockKey('computer', 'PF1')).toBe('serial:PF1');
    expect(assetSerialLockKey('monitor', 'PF1')).toBe('asset:monitor:PF1');
  });
});
