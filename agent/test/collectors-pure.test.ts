import { describe, expect, it, vi } from 'vitest';
import { inventorySchema, MAX_SOFTWARE_ENTRIES } from '@parc/shared';
import { validateDroppingBadSections, collectInventory } from '../src/collectors/collect.js';
import { log } from '../src/log.js';
import { mapCpus, parseProcCpuinfo } from '../src/collectors/hardware/cpus.js';
import { mapHardware } from '../src/collectors/hardware/hardware.js';
import { mapMemory } from '../src/collectors/hardware/memory.js';
import { mapNetworks } from '../src/collectors/hardware/networks.js';
import { oldestPlausible, parseRegInstallDate } from '../src/collectors/hardware/os.js';
import { parseLsblk } from '../src/collectors/hardware/storage.js';
import { mapVolumes } from '../src/collectors/hardware/volumes.js';
import { mapUsers } from '../src/collectors/hardware/users.js';
import { mapPrinters, parsePrinterUri } from '../src/collectors/hardware/printers.js';

describe('mappers', () => {
  it('drops firmware placeholders', () => {
    const hw = mapHardware(
      { manufacturer: 'To be filled by O.E.M.', model: 'OptiPlex 7090', serial: 'ABC123', uuid: '00000000-0000-0000-0000-000000000000' },
      { vendor: 'Dell Inc.', version: '1.2.3', releaseDate: '2023-04-05' },
      { type: 'Desktop', assetTag: 'Default string', manufacturer: 'Dell Inc.' },
    );
    expect(hw).toMatchObject({ manufacturer: 'Dell Inc.', model: 'OptiPlex 7090', serial: 'ABC123', chassisType: 'Desktop', biosDate: '2023-04-05T00:00:00.000Z' });
    expect(hw.uuid).toBeUndefined();
    expect(hw.assetTag).toBeUndefined();
  });
  it('splits CPUs per socket and prefers the /proc/cpuinfo name', () => {
    const info = parseProcCpuinfo('processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Gold 6130\ncpu MHz\t\t: 2100.000\n');
    const cpus = mapCpus({ manufacturer: 'Intel', brand: 'Xeon® Gold 6130', processors: 2, physicalCores: 32, cores: 64, speed: 2.1 }, info, 'x64');
    expect(cpus).toHaveLength(2);
    expect(cpus[0]).toMatchObject({ model: 'Intel(R) Xeon(R) Gold 6130', cores: 16, threads: 32, speedMhz: 2100 });
  });
  it('drops the synthetic memory module si makes without dmidecode', () => {
    expect(mapMemory([{ size: 8e9, bank: '', type: '', clockSpeed: 0, partNum: '', serialNum: '' }])).toEqual([]);
    expect(mapMemory([{ size: 8589934592, bank: 'DIMM A1', type: 'DDR4', clockSpeed: 3200, partNum: 'X', serialNum: 'Y' }])).toHaveLength(1);
  });
  it('parses lsblk, skipping zram/loop', () => {
    const disks = parseLsblk(
      JSON.stringify({
        blockdevices: [
          { name: 'zram0', type: 'disk', size: 0 },
          { name: 'nvme0n1', type: 'disk', size: 512, model: 'Samsung', rota: false },
          { name: 'sda', type: 'disk', size: '1000', tran: 'usb', rota: true },
          { name: 'sr0', type: 'rom', size: 1 },
        ],
      }),
    );
    expect(disks.map((d) => [d.name, d.type, d.sizeBytes])).toEqual([
      ['/dev/nvme0n1', 'NVMe', 512],
      ['/dev/sda', 'USB', 1000],
    ]);
  });
  it('skips pseudo filesystems', () => {
    const v = mapVolumes([
      { fs: '/dev/sda1', type: 'ext4', mount: '/', size: 10, available: 5 },
      { fs: 'tmpfs', type: 'tmpfs', mount: '/run', size: 1, available: 1 },
      { fs: 'overlay', type: 'overlay', mount: '/var/lib/docker/x', size: 1, available: 1 },
      { fs: '/dev/loop0', type: 'squashfs', mount: '/snap/core/1', size: 1, available: 0 },
      { fs: 'C:', type: 'NTFS', mount: 'C:', size: 100, available: 40 },
    ]);
    expect(v.map((x) => x.mount)).toEqual(['/', 'C:']);
    expect(v[0]!.freeBytes).toBe(5);
  });
  it('merges si, os and /sys interfaces; skips loopback; flags virtual ones', () => {
    const nets = mapNetworks(
      [
        { iface: 'lo', internal: true, mac: '00:00:00:00:00:00' },
        { iface: 'eth0', mac: '02:AA:00:00:00:01', type: 'wired', speed: 1000, virtual: false },
        { iface: 'docker0', mac: '02:42:00:00:00:02', type: 'wired', speed: -1 },
      ],
      {
        eth0: [
          { address: '10.0.0.2', family: 'IPv4', netmask: '', mac: '', internal: false, cidr: null },
          { address: '10.0.0.3', family: 'IPv4', netmask: '', mac: '', internal: false, cidr: null },
          { address: 'fe80::1%eth0', family: 'IPv6', netmask: '', mac: '', internal: false, cidr: null, scopeid: 2 },
        ],
      },
      [{ name: 'ifb0', mac: '66:1c:00:00:00:03', virtual: true }],
    );
    expect(nets.map((n) => [n.name, n.mac, n.virtual])).toEqual([
      ['eth0', '02:aa:00:00:00:01', false],
      ['docker0', '02:42:00:00:00:02', true],
      ['ifb0', '66:1c:00:00:00:03', true],
    ]);
    expect(nets[0]).toMatchObject({ ipv4: ['10.0.0.2', '10.0.0.3'], ipv6: ['fe80::1'], speedMbps: 1000, type: 'wired' });
    expect(nets[1]!.speedMbps).toBeUndefined();
  });
  it('dedupes users and splits domains', () => {
    expect(mapUsers([{ user: 'alice' }, { user: 'alice' }, { user: 'CORP\\bob' }])).toEqual([
      { username: 'alice', domain: undefined, type: 'logged-in' },
      { username: 'bob', domain: 'CORP', type: 'logged-in' },
    ]);
  });
  it('picks the oldest plausible install date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(oldestPlausible([0, undefined, Date.parse('2024-01-01T00:00:00Z'), Date.parse('2023-06-01T00:00:00Z')], now)).toBe('2023-06-01T00:00:00.000Z');
    expect(oldestPlausible([0, undefined], now)).toBeUndefined();
    expect(parseRegInstallDate('    InstallDate    REG_DWORD    0x65000000\r\n')).toBe(new Date(0x65000000 * 1000).toISOString());
  });
});

describe('collectInventory', () => {
  it('reports a throwing or slow collector in failedSections and still returns the rest', async () => {
    const { inventory } = await collectInventory({
      agentId: 'a',
      timeoutMs: 50,
      sections: ['os', 'cpus', 'users', 'software'],
      collectors: {
        os: async () => ({ platform: 'linux' }),
        cpus: () => new Promise(() => undefined),
        users: async () => {
          throw new Error('boom');
        },
        software: async () => [{ name: 'Firefox', source: 'deb' }],
      },
    });
    expect(inventorySchema.parse(inventory)).toBeTruthy();
    expect(inventory.os).toEqual({ platform: 'linux' });
    expect(inventory.software).toHaveLength(1);
    expect(inventory.failedSections).toEqual([
      { section: 'cpus', error: 'cpus collector timed out after 50 ms' },
      { section: 'users', error: 'boom' },
    ]);
  });
  it('a software list over the cap is reported failed with the reason and logged as an error, never dropped silently', () => {
    const errors = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    const failed: Array<{ section: 'software'; error: string }> = [];
    const software = Array.from({ length: MAX_SOFTWARE_ENTRIES + 1 }, () => ({ name: 'pkg', source: 'deb' }));
    const inv = validateDroppingBadSections({ schemaVersion: 1, agentId: 'a', collectedAt: new Date().toISOString(), hostname: 'h', software }, failed);
    expect(inv.software).toBeUndefined();
    expect(inv.failedSections).toEqual([{ section: 'software', error: `${MAX_SOFTWARE_ENTRIES + 1} entries, more than the ${MAX_SOFTWARE_ENTRIES} Parc stores for one machine: this section is not updated` }]);
    expect(errors).toHaveBeenCalledWith('the software section is too large to send', expect.objectContaining({ entries: MAX_SOFTWARE_ENTRIES + 1, max: MAX_SOFTWARE_ENTRIES }));
    errors.mockRestore();
  });
  it('moves a section the contract rejects into failedSections', () => {
    const failed: Array<{ section: 'cpus'; error: string }> = [];
    const inv = validateDroppingBadSections(
      { schemaVersion: 1, agentId: 'a', collectedAt: new Date().toISOString(), hostname: 'h', cpus: [{ model: '' }], os: { platform: 'linux' } },
      failed,
    );
    expect(inv.cpus).toBeUndefined();
    expect(inv.os).toEqual({ platform: 'linux' });
    expect(inv.failedSections?.[0]?.section).toBe('cpus');
  });
});

describe('printers', () => {
  it('reads maker, serial and network from the device URI, and drops unnamed queues', () => {
    const printers = mapPrinters([
      { name: 'L3150', model: 'EPSON L3150 Series', uri: 'usb://EPSON/L3150%20Series?serial=5837503133390&interface=1', local: true, default: true, shared: false },
      { name: 'Deskjet-2540', model: 'HP Deskjet 2540 Series, hpcups 3.17.4', uri: 'hp:/net/Deskjet_2540_series?ip=192.168.1.3', local: true, default: false },
      { name: 'Office', uri: 'ipp://print.example.org/printers/office', local: false },
      { name: 'PDF', uri: 'cups-pdf:/', local: true },
      { name: '', uri: 'usb://X/Y?serial=1' },
    ]);
    expect(printers).toEqual([
      { name: 'L3150', manufacturer: 'EPSON', model: 'EPSON L3150 Series', serial: '5837503133390', port: 'usb://EPSON/L3150%20Series?serial=5837503133390&interface=1', network: false, default: true, shared: false },
      { name: 'Deskjet-2540', manufacturer: undefined, model: 'HP Deskjet 2540 Series, hpcups 3.17.4', serial: undefined, port: 'hp:/net/Deskjet_2540_series?ip=192.168.1.3', network: true, default: false, shared: undefined },
      { name: 'Office', manufacturer: undefined, model: undefined, serial: undefined, port: 'ipp://print.example.org/printers/office', network: true, default: undefined, shared: undefined },
      { name: 'PDF', manufacturer: undefined, model: undefined, serial: undefined, port: 'cups-pdf:/', network: false, default: undefined, shared: undefined },
    ]);
    expect(inventorySchema.parse({ schemaVersion: 1, agentId: 'a', collectedAt: '2026-12-01T00:00:00Z', hostname: 'h', printers }).printers).toHaveLength(4);
  });
  it('a placeholder serial in the URI is not sent, and a queue without a URI says nothing of the network', () => {
    expect(parsePrinterUri('usb://HP/LaserJet?serial=0000000000')).toMatchObject({ serial: '0000000000' });
    expect(parsePrinterUri('usb://HP/LaserJet?serial=0')).toMatchObject({ manufacturer: 'HP', serial: undefined, network: false });
    expect(mapPrinters([{ name: 'Q' }])[0]!.network).toBeUndefined();
  });
});
