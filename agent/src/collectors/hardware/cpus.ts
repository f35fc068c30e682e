import { readFile } from 'node:fs/promises';
import { arch } from 'node:os';
import si from 'systeminformation';
import type { Systeminformation } from 'systeminformation';
import type { Cpu } from '@parc/shared';
import { clean, count } from '../../util/clean.js';
import type { CollectorContext } from '../types.js';

export interface CpuInfoFacts {
  modelName?: string;
  mhz?: number;
}

/** The first `model name` and `cpu MHz` of /proc/cpuinfo: the full marketing name lscpu shows. */
export function parseProcCpuinfo(text: string): CpuInfoFacts {
  const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.+)$`, 'm').exec(text)?.[1]?.trim();
  const mhz = Number(field('cpu MHz'));
  return { modelName: field('model name'), mhz: Number.isFinite(mhz) && mhz > 0 ? Math.round(mhz) : undefined };
}

/** One entry per physical package: si reports machine-wide totals, split evenly across sockets. */
export function mapCpus(cpu: Partial<Systeminformation.CpuData>, facts: CpuInfoFacts = {}, machineArch = arch()): Cpu[] {
  const sockets = Math.max(1, count(cpu.processors) ?? 1);
  const manufacturer = clean(cpu.manufacturer);
  const brand = clean(cpu.brand);
  const siModel = brand && manufacturer && !brand.startsWith(manufacturer) ? `${manufacturer} ${brand}` : brand;
  const model = clean(facts.modelName) ?? siModel ?? 'Unknown CPU';
  const ghz = Math.max(cpu.speedMax ?? 0, cpu.speed ?? 0);
  const perSocket = (n: number | undefined) => (n === undefined ? undefined : Math.max(1, Math.round(n / sockets)));
  const entry: Cpu = {
    manufacturer,
    model,
    cores: perSocket(count(cpu.physicalCores)),
    threads: perSocket(count(cpu.cores)),
    speedMhz: ghz > 0 ? Math.round(ghz * 1000) : facts.mhz,
    socket: clean(cpu.socket, 64),
    arch: clean(machineArch, 32),
  };
  return Array.from({ length: sockets }, () => ({ ...entry }));
}

export async function collectCpus(ctx: CollectorContext): Promise<Cpu[]> {
  const [cpu, cpuinfo] = await Promise.all([
    si.cpu(),
    ctx.platform === 'linux' ? readFile('/proc/cpuinfo', 'utf8').catch(() => '') : Promise.resolve(''),
  ]);
  return mapCpus(cpu, parseProcCpuinfo(cpuinfo));
}
