import type { InventoryInput } from '@parc/shared';

/** A realistic synthetic inventory; `packages` entries of dpkg-like software. Deterministic for a seed. */
export function makeInventory(opts: { agentId?: string; hostname?: string; serial?: string; uuid?: string; mac?: string; packages?: number; seed?: number } = {}): InventoryInput & {
  software: NonNullable<InventoryInput['software']>;
} {
  const seed = opts.seed ?? 1;
  const n = opts.packages ?? 20;
  return {
    schemaVersion: 1,
    agentId: opts.agentId ?? `agent-${seed}`,
    collectedAt: '2026-11-28T09:00:00Z',
    hostname: opts.hostname ?? `ws-${String(seed).padStart(3, '0')}.corp.example`,
    agentVersion: '0.1.0',
    hardware: {
      manufacturer: 'LENOVO',
      model: '20XW004MGE',
      serial: opts.serial ?? `PF3${String(seed).padStart(5, '0')}`,
      uuid: opts.uuid ?? `4c1f3a1e-8d2b-11ec-b909-${String(seed).padStart(12, '0')}`,
      chassisType: 'Notebook',
      biosVendor: 'LENOVO',
      biosVersion: 'N32ET75W (1.51)',
      biosDate: '2023-05-11',
      memoryBytes: 16 * 2 ** 30,
    },
    os: { platform: 'linux', name: 'Debian GNU/Linux', version: '12', build: '12.8', arch: 'x64', kernel: '6.1.0-28-amd64', installDate: '2024-02-01' },
    cpus: [{ manufacturer: 'Intel', model: 'Intel(R) Core(TM) i7-1165G7 @ 2.80GHz', cores: 4, threads: 8, speedMhz: 2800 }],
    memoryModules: [
      { slot: 'ChannelA-DIMM0', sizeBytes: 8 * 2 ** 30, type: 'DDR4', speedMhz: 3200, manufacturer: 'Samsung', serial: `M${seed}A` },
      { slot: 'ChannelB-DIMM0', sizeBytes: 8 * 2 ** 30, type: 'DDR4', speedMhz: 3200, manufacturer: 'Samsung', serial: `M${seed}B` },
    ],
    storage: [{ name: 'nvme0n1', model: 'SAMSUNG MZVLB512HBJQ', serial: `S4${seed}NX0`, type: 'NVMe', sizeBytes: 512_110_190_592 }],
    volumes: [
      { mount: '/', device: '/dev/nvme0n1p2', fsType: 'ext4', sizeBytes: 490_000_000_000, freeBytes: 200_000_000_000 + seed },
      { mount: '/boot/efi', device: '/dev/nvme0n1p1', fsType: 'vfat', sizeBytes: 536_000_000, freeBytes: 500_000_000 },
    ],
    networks: [
      { name: 'enp0s31f6', mac: opts.mac ?? `54:e1:ad:00:${(seed >> 8).toString(16).padStart(2, '0')}:${(seed & 255).toString(16).padStart(2, '0')}`, ipv4: [`10.1.${seed >> 8}.${seed & 255}`], ipv6: [], virtual: false, speedMbps: 1000, type: 'wired' },
      { name: 'docker0', mac: '02:42:ac:11:00:01', ipv4: ['172.17.0.1'], ipv6: [], virtual: true },
    ],
    graphics: [{ vendor: 'Intel', model: 'TigerLake-LP GT2 [Iris Xe Graphics]' }],
    monitors: [{ vendor: 'DEL', model: 'DELL U2720Q', serial: `CN0${seed}XYZ` }],
    batteries: [{ manufacturer: 'SMP', model: '5B10W13930', serial: `BAT${seed}`, designCapacityMwh: 57000, fullChargeCapacityMwh: 52000, cycleCount: 120 }],
    users: [{ username: 'alice', type: 'logged-in' }],
    software: Array.from({ length: n }, (_, i) => ({
      name: `package-${i.toString(36)}`,
      version: `1.${i % 7}.${i % 13}-1`,
      publisher: i % 3 === 0 ? 'Debian Maintainers <debian@lists.debian.org>' : 'Example Corporation',
      arch: i % 5 === 0 ? 'all' : 'amd64',
      source: 'deb' as const,
      packageId: `package-${i.toString(36)}`,
    })),
  };
}
