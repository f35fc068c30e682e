import { describe, expect, it } from 'vitest';
import type { NetworkInterface } from '@parc/shared';
import {
  cleanMac,
  cleanSerial,
  cleanUuid,
  isSharedOrVirtualMac,
  JUNK_UUIDS,
  physicalMacs,
  serialJunkReason,
  SHARED_OR_VIRTUAL_MAC_RANGES,
  swapUuidByteOrder,
} from '../../../src/inventory/ingest/identity-blacklist.js';

describe('cleanSerial', () => {
  it.each([
    'To Be Filled By O.E.M.',
    'To be filled by O.E.M.',
    'TO BE FILLED BY OEM',
    '  To Be Filled By O.E.M.  ',
    'To Be Filled By O.E.M. 2',
    'System Serial Number',
    'system serial number',
    'Default string',
    'DEFAULT STRING',
    '0',
    'None',
    'N/A',
    'Not Specified',
    'Not Applicable',
    'Chassis Serial Number',
    'Base Board Serial Number',
    '0123456789',
    '123456789',
    '1234567890',
    '12345',
    '987654321',
    '1234567',
    'INVALID',
    'OEM',
    'O.E.M.',
    'Unknown',
    'unknown',
    'xxxxxxxxxx',
    'Serial',
    'SerNum',
    'empty',
    'To Be Filled',
    'Default',
    'System Product Name',
    'Type1ProductConfigId',
    '000000',
    '00000000-0000-0000-0000-000000000000',
    'FFFFFFFF',
    '--------',
    '   ',
    '',
    'ab',
    'A1',
    '0-0',
  ])('rejects %j', (junk) => {
    expect(cleanSerial(junk)).toBeUndefined();
  });

  it('accepts undefined and null', () => {
    expect(cleanSerial()).toBeUndefined();
    expect(cleanSerial(null)).toBeUndefined();
  });

  it.each([
    ['5CG1234XYZ', '5CG1234XYZ'],
    ['  pf1abcde ', 'PF1ABCDE'],
    ['C02XK0ZZJGH5', 'C02XK0ZZJGH5'],
    ['VMware-56 4d 12 34 56  78', 'VMWARE-56 4D 12 34 56 78'],
    ['ABC', 'ABC'],
    ['1234598', '1234598'],
    ['00012345', '00012345'],
  ])('keeps real serials: %j → %j', (raw, want) => {
    expect(cleanSerial(raw)).toBe(want);
  });

  it('is case-insensitive: spellings of one serial clean to the same value', () => {
    expect(cleanSerial('5cg1234xyz')).toBe(cleanSerial('5CG1234XYZ'));
  });

  it('explains rejections', () => {
    expect(serialJunkReason('To Be Filled By O.E.M.')).toBe('known placeholder');
    expect(serialJunkReason('aaaaaaa')).toBe('one repeated character');
    expect(serialJunkReason('1')).toBe('too short');
    expect(serialJunkReason('123456')).toBe('sequential digits');
    expect(serialJunkReason('5CG1234XYZ')).toBeNull();
  });
});

describe('cleanUuid', () => {
  it.each([
    ['4C4C4544-0042-3510-8052-B3C04F4A4B32', '4c4c4544-0042-3510-8052-b3c04f4a4b32'],
    ['{4C4C4544-0042-3510-8052-B3C04F4A4B32}', '4c4c4544-0042-3510-8052-b3c04f4a4b32'],
    ['4c4c454400423510 8052b3c04f4a4b32'.replace(' ', ''), '4c4c4544-0042-3510-8052-b3c04f4a4b32'],
    ['urn:uuid:564D1234-5678-9ABC-DEF0-123456789ABC', '564d1234-5678-9abc-def0-123456789abc'],
    ['  ec2a1b2c-3d4e-5f60-7182-93a4b5c6d7e8 ', 'ec2a1b2c-3d4e-5f60-7182-93a4b5c6d7e8'],
  ])('normalises %j', (raw, want) => {
    expect(cleanUuid(raw)).toBe(want);
  });

  it.each([
    '00000000-0000-0000-0000-000000000000',
    '00000000000000000000000000000000',
    'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
    '03000200-0400-0500-0006-000700080009',
    '00020003-0004-0005-0006-000700080009',
    '4C4C4544-0000-2010-8020-80C04F202020',
    '44454c4c-0000-1020-8020-80c04f202020',
    '12345678-1234-5678-90AB-CDDEEFAABBCC',
    '11111111-1111-1111-1111-111111111111',
    'not-a-uuid',
    '4c4c4544-0042-3510-8052-b3c04f4a4b3',
    '4c4c4544-0042-3510-8052-b3c04f4a4b32-00',
    '4c4c45440-042-3510-8052-b3c04f4a4b32',
    '{4c4c4544-0042-3510-8052-b3c04f4a4b32',
    'g4c4c544-0042-3510-8052-b3c04f4a4b32',
    '',
  ])('rejects %j', (junk) => {
    expect(cleanUuid(junk)).toBeUndefined();
  });

  it('accepts undefined and null', () => {
    expect(cleanUuid()).toBeUndefined();
    expect(cleanUuid(null)).toBeUndefined();
  });

  it('swaps the SMBIOS byte order of the first three fields, and back', () => {
    expect(swapUuidByteOrder('03000200-0400-0500-0006-000700080009')).toBe('00020003-0004-0005-0006-000700080009');
    for (const j of JUNK_UUIDS) expect(swapUuidByteOrder(swapUuidByteOrder(j.value))).toBe(j.value);
  });

  it('documents every placeholder', () => {
    for (const j of JUNK_UUIDS) {
      expect(j.why.length).toBeGreaterThan(3);
      expect(j.value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });
});

describe('cleanMac', () => {
  it.each([
    ['A4:BB:6D:12:34:56', 'a4:bb:6d:12:34:56'],
    ['a4-bb-6d-12-34-56', 'a4:bb:6d:12:34:56'],
    ['a4bb.6d12.3456', 'a4:bb:6d:12:34:56'],
    ['A4BB6D123456', 'a4:bb:6d:12:34:56'],
    [' a4:bb:6d:12:34:56 ', 'a4:bb:6d:12:34:56'],
    ['0:1c:42:a:b:c', '00:1c:42:0a:0b:0c'],
  ])('normalises %j', (raw, want) => {
    expect(cleanMac(raw)).toBe(want);
  });

  it.each([
    '00:00:00:00:00:00',
    '000000000000',
    'ff:ff:ff:ff:ff:ff',
    'FF-FF-FF-FF-FF-FF',
    '01:00:5e:00:00:fb', // IPv4 multicast
    '33:33:00:00:00:01', // IPv6 multicast
    '00-00-00-00-00-00-00-E0', // 8-byte tunnel pseudo-address
    'a4:bb:6d:12:34',
    'a4:bb:6d:12:34:56:78',
    'a4:bb:6d:12:34:5g',
    'a4:bb-6d:12:34:56:', // trailing separator
    'a4bb6d12345', // odd length
    'a4bb.6d12.345',
    '',
    'unknown',
  ])('rejects %j', (junk) => {
    expect(cleanMac(junk)).toBeUndefined();
  });

  it('accepts undefined and null', () => {
    expect(cleanMac()).toBeUndefined();
    expect(cleanMac(null)).toBeUndefined();
  });
});

describe('isSharedOrVirtualMac', () => {
  it.each([
    ['00:05:69:01:02:03', 'VMware'],
    ['00:0C:29:AB:CD:EF', 'VMware'],
    ['00:1c:14:01:02:03', 'VMware'],
    ['00-50-56-C0-00-08', 'VMware host-only'],
    ['08:00:27:12:34:56', 'VirtualBox'],
    ['0a:00:27:00:00:00', 'VirtualBox host-only'],
    ['00:15:5D:01:02:03', 'Hyper-V'],
    ['00:1c:42:00:00:08', 'Parallels'],
    ['00:16:3e:5a:6b:7c', 'Xen'],
    ['52:54:00:12:34:56', 'QEMU'],
    ['02:42:ac:11:00:02', 'Docker'],
    ['00:05:9a:3c:7a:00', 'AnyConnect'],
    ['00:09:0f:fe:00:01', 'FortiClient'],
    ['00:ff:12:34:56:78', 'TAP-Windows'],
    ['02:50:41:00:00:01', 'GlobalProtect'],
    ['02:00:4c:4f:4f:50', 'loopback'],
    ['20:41:53:59:4e:ff', 'RAS async'],
    ['50:50:54:50:30:30', 'WAN miniport PPTP'],
    ['00-00-00-00-00-00-00-E0', 'Teredo'],
    ['da:a1:19:12:34:56', 'randomised Wi-Fi (locally administered)'],
    ['06:11:22:33:44:55', 'locally administered'],
  ])('%j is shared or virtual (%s)', (mac) => {
    expect(isSharedOrVirtualMac(mac)).toBe(true);
  });

  it.each(['a4:bb:6d:12:34:56', '3c:22:fb:01:02:03', 'f8:ff:c2:01:02:03', '00:05:9a:3c:7a:01', '00:09:0f:fe:00:02'])(
    '%j is a physical NIC',
    (mac) => {
      expect(isSharedOrVirtualMac(mac)).toBe(false);
    },
  );

  it('matches prefixes on whole octets only', () => {
    // 00:50:56 is VMware; 00:50:5x for other x is not.
    expect(isSharedOrVirtualMac('00:50:57:01:02:03')).toBe(false);
  });

  it('returns false for unparseable input', () => {
    expect(isSharedOrVirtualMac('nonsense')).toBe(false);
  });

  it('keeps the ranges as documented data in canonical form', () => {
    for (const r of SHARED_OR_VIRTUAL_MAC_RANGES) {
      expect(r.prefix).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2})*$/);
      expect(r.why).not.toBe('');
    }
  });
});

describe('physicalMacs', () => {
  const nic = (name: string, mac: string | undefined, extra: Partial<NetworkInterface> = {}): NetworkInterface => ({
    name,
    mac,
    ipv4: [],
    ipv6: [],
    virtual: false,
    ...extra,
  });

  it('keeps physical NICs, cleaned, deduplicated and sorted', () => {
    const macs = physicalMacs([
      nic('wlan0', 'F8-FF-C2-01-02-03'),
      nic('eth0', 'A4:BB:6D:12:34:56'),
      nic('eth0.10', 'a4:bb:6d:12:34:56'), // VLAN on the same NIC
      nic('lo', '00:00:00:00:00:00'),
      nic('docker0', '02:42:ac:11:00:02'),
      nic('vmnet8', '00:50:56:c0:00:08'),
      nic('tun0', undefined),
      nic('vEthernet (WSL)', '00:15:5d:aa:bb:cc'),
      nic('br0', '3c:22:fb:01:02:03', { type: 'bridge' }),
      nic('virbr0', '3c:22:fb:09:09:09', { virtual: true }),
      nic('wg0', '3c:22:fb:08:08:08', { type: 'Virtual' }),
      nic('Wi-Fi', 'da:a1:19:12:34:56'),
      nic('Teredo', '00-00-00-00-00-00-00-E0'),
      nic('AnyConnect', '00:05:9a:3c:7a:00'),
    ]);
    expect(macs).toEqual(['a4:bb:6d:12:34:56', 'f8:ff:c2:01:02:03']);
  });

  it('returns [] when nothing identifies the machine', () => {
    expect(physicalMacs([])).toEqual([]);
    expect(physicalMacs([nic('eth0', '08:00:27:12:34:56')])).toEqual([]);
  });
});
