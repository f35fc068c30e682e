import si from 'systeminformation';
import type { Systeminformation } from 'systeminformation';
import type { Volume } from '@parc/shared';
import { clean, count } from '../../util/clean.js';
import type { CollectorContext } from '../types.js';

// Kernel, memory and image filesystems: they hold no user data and churn on every boot.
const PSEUDO_FS = new Set([
  'tmpfs', 'devtmpfs', 'overlay', 'overlayfs', 'squashfs', 'proc', 'sysfs', 'cgroup', 'cgroup2', 'devpts',
  'mqueue', 'ramfs', 'autofs', 'nsfs', 'tracefs', 'debugfs', 'securityfs', 'pstore', 'bpf', 'configfs',
  'efivarfs', 'hugetlbfs', 'binfmt_misc', 'fusectl', 'rpc_pipefs', 'nfsd', 'devfs', 'shm', 'none', 'aufs',
  'zram', 'iso9660', 'udf',
]);
const PSEUDO_MOUNT = /^\/(proc|sys|dev|run|snap)(\/|$)|^\/var\/lib\/(docker|containers)\//;

export function isRealVolume(fs: Partial<Systeminformation.FsSizeData>): boolean {
  const type = (fs.type ?? '').toLowerCase();
  if (PSEUDO_FS.has(type) || type.startsWith('fuse.') || type === 'fuse') return false;
  return !!fs.mount && !PSEUDO_MOUNT.test(fs.mount);
}

export function mapVolumes(list: Array<Partial<Systeminformation.FsSizeData>>): Volume[] {
  const seen = new Set<string>();
  const out: Volume[] = [];
  for (const fs of list) {
    if (!isRealVolume(fs) || seen.has(fs.mount!)) continue;
    seen.add(fs.mount!);
    out.push({
      mount: clean(fs.mount, 1024)!,
      device: clean(fs.fs, 1024),
      fsType: clean(fs.type, 64),
      sizeBytes: count(fs.size),
      freeBytes: typeof fs.available === 'number' && fs.available >= 0 ? Math.round(fs.available) : undefined,
    });
  }
  return out.filter((v) => v.mount);
}

export async function collectVolumes(_ctx: CollectorContext): Promise<Volume[]> {
  return mapVolumes(await si.fsSize());
}
