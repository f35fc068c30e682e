import si from 'systeminformation';
import type { Systeminformation } from 'systeminformation';
import type { MemoryModule } from '@parc/shared';
import { clean, count } from '../../util/clean.js';
import type { CollectorContext } from '../types.js';

/**
 * Without dmidecode (VMs, containers, non-root) si invents a single module the size of all RAM with every
 * other field blank. That is not hardware, so it is dropped; total memory is reported separately.
 */
export function isSyntheticLayout(modules: Array<Partial<Systeminformation.MemLayoutData>>): boolean {
  if (modules.length !== 1) return false;
  const m = modules[0]!;
  return !clean(m.bank) && !clean(m.type) && !clean(m.partNum) && !clean(m.serialNum) && !count(m.clockSpeed);
}

export function mapMemory(modules: Array<Partial<Systeminformation.MemLayoutData>>): MemoryModule[] {
  if (isSyntheticLayout(modules)) return [];
  return modules
    .filter((m) => (count(m.size) ?? 0) > 0)
    .map((m) => ({
      slot: clean(m.bank, 128),
      sizeBytes: count(m.size)!,
      type: clean(m.type, 64),
      speedMhz: count(m.clockSpeed),
      manufacturer: clean(m.manufacturer),
      partNumber: clean(m.partNum, 128),
      serial: clean(m.serialNum, 128),
      formFactor: clean(m.formFactor, 64),
    }));
}

export async function collectMemoryModules(_ctx: CollectorContext): Promise<MemoryModule[]> {
  return mapMemory(await si.memLayout());
}
