import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import si from 'systeminformation';
import type { Systeminformation } from 'systeminformation';
import type { Disk } from '@parc/shared';
import { clean, count } from '../../util/clean.js';
import type { CollectorContext } from '../types.js';

// RAM-backed and image-backed block devices are not hardware (lsblk still calls zram "disk").
const NOT_PHYSICAL = /^(\/dev\/)?(zram|ram|loop|nbd|dm-|md)\d*/;

export function isPhysicalDiskName(name: string): boolean {
  return !NOT_PHYSICAL.test(name);
}

export function mapSiDisks(disks: Array<Partial<Systeminformation.DiskLayoutData>>): Disk[] {
  return disks
    .filter((d) => d.device && isPhysicalDiskName(d.device))
    .map((d) => ({
      name: clean(d.device, 256)!,
      model: clean(d.name),
      vendor: clean(d.vendor),
      serial: clean(d.serialNum, 256),
      type: clean(d.type, 64),
      interface: clean(d.interfaceType, 64),
      sizeBytes: count(d.size),
      firmware: clean(d.firmwareRevision, 128),
    }))
    .filter((d) => d.name);
}

interface LsblkDevice {
  name?: string;
  type?: string;
  size?: number | string | null;
  model?: string | null;
  serial?: string | null;
  vendor?: string | null;
  tran?: string | null;
  rota?: boolean | string | null;
  rev?: string | null;
}

/**
 * `lsblk -J -b -d` output. si.diskLayout comes back empty on some virtual machines (virtio disks without
 * SMART or udev data) although lsblk lists them, so Linux falls back to this.
 */
export function parseLsblk(json: string): Disk[] {
  const parsed = JSON.parse(json) as { blockdevices?: LsblkDevice[] };
  return (parsed.blockdevices ?? [])
    .filter((d) => d.type === 'disk' && d.name && isPhysicalDiskName(d.name))
    .map((d) => {
      const rotational = d.rota === true || d.rota === '1';
      const tran = clean(d.tran, 64);
      const type = d.name!.startsWith('nvme') ? 'NVMe' : tran === 'usb' ? 'USB' : rotational ? 'HDD' : 'SSD';
      return {
        name: `/dev/${d.name}`,
        model: clean(d.model ?? undefined),
        vendor: clean(d.vendor ?? undefined),
        serial: clean(d.serial ?? undefined, 256),
        type,
        interface: tran,
        sizeBytes: count(d.size),
        firmware: clean(d.rev ?? undefined, 128),
      };
    });
}

export const LSBLK_ARGS = ['-J', '-b', '-d', '-o', 'NAME,TYPE,SIZE,MODEL,SERIAL,VENDOR,TRAN,ROTA,REV'];

export async function collectStorage(ctx: CollectorContext): Promise<Disk[]> {
  const disks = mapSiDisks(await si.diskLayout());
  if (disks.length > 0 || ctx.platform !== 'linux') return disks;
  const { stdout } = await promisify(execFile)('lsblk', LSBLK_ARGS, { timeout: 10_000 });
  return parseLsblk(stdout);
}
