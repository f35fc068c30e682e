import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectInventory } from '../src/collectors/collect.js';
import type { CollectResult } from '../src/collectors/collect.js';
import { hardwareCollectors } from '../src/collectors/hardware/index.js';

// Checks the collectors against what the Linux tools report on the machine running the tests.
describe.skipIf(process.platform !== 'linux')('hardware collectors match the Linux tools', () => {
  let result: CollectResult;
  const collected = async () =>
    (result ??= await collectInventory({ agentId: 'acceptance', collectors: hardwareCollectors, sections: Object.keys(hardwareCollectors) as never }));

  it('is a valid inventory without failed hardware sections', async () => {
    const { inventory } = await collected();
    expect(inventory.failedSections ?? []).toEqual([]);
  });

  it('CPU model and core count match /proc/cpuinfo and lscpu', async () => {
    const { inventory } = await collected();
    const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
    const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim();
    const threads = Number(execFileSync('nproc', ['--all']).toString().trim());
    const lscpu = execFileSync('lscpu').toString();
    const field = (k: string) => Number(new RegExp(`^${k}:\\s*(\\d+)`, 'm').exec(lscpu)?.[1]);
    const sockets = field('Socket\\(s\\)') || 1;
    const cores = field('Core\\(s\\) per socket') * sockets;
    const cpus = inventory.cpus!;
    if (model) expect(cpus[0]!.model).toBe(model);
    expect(cpus).toHaveLength(sockets);
    expect(cpus.reduce((n, c) => n + (c.cores ?? 0), 0)).toBe(cores);
    expect(cpus.reduce((n, c) => n + (c.threads ?? 0), 0)).toBe(threads);
  });

  it('total memory matches MemTotal (and the modules, when there are any)', async () => {
    const { inventory, totalMemoryBytes } = await collected();
    const memTotal = Number(/^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))![1]) * 1024;
    expect(Math.abs(totalMemoryBytes - memTotal) / memTotal).toBeLessThan(0.01);
    const modules = inventory.memoryModules!.reduce((n, m) => n + m.sizeBytes, 0);
    // Installed modules are a bit more than what the kernel keeps for itself.
    if (modules > 0) expect(modules).toBeGreaterThanOrEqual(memTotal);
  });

  it('disks are those lsblk calls "disk" (minus RAM-backed zram)', async () => {
    const { inventory } = await collected();
    const lsblk = JSON.parse(execFileSync('lsblk', ['-J', '-d', '-o', 'NAME,TYPE']).toString()) as { blockdevices: Array<{ name: string; type: string }> };
    const expected = lsblk.blockdevices.filter((d) => d.type === 'disk' && !/^(zram|ram|loop)/.test(d.name)).map((d) => `/dev/${d.name}`);
    expect(inventory.storage!.map((d) => d.name).sort()).toEqual(expected.sort());
  });

  it('interface MACs are those in /sys/class/net (minus lo)', async () => {
    const { inventory } = await collected();
    const expected = readdirSync('/sys/class/net')
      .filter((n) => n !== 'lo')
      .map((n) => readFileSync(`/sys/class/net/${n}/address`, 'utf8').trim().toLowerCase())
      .filter((m) => m && m !== '00:00:00:00:00:00');
    const macs = inventory.networks!.map((n) => n.mac).filter(Boolean);
    expect([...new Set(macs)].sort()).toEqual([...new Set(expected)].sort());
  });
});
