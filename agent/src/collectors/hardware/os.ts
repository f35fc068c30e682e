import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import si from 'systeminformation';
import type { Systeminformation } from 'systeminformation';
import type { OperatingSystem } from '@parc/shared';
import { clean, isoDate } from '../../util/clean.js';
import { wirePlatform } from '../../util/platform.js';
import type { CollectorContext } from '../types.js';

export function mapOs(
  info: Partial<Systeminformation.OsData>,
  platform: NodeJS.Platform,
  installDate?: string): OperatingSystem {
  return {
    // Node's platform id, not si's display name ("Windows"), so the server can match on it.
    platform: wirePlatform(platform),
    name: clean(info.distro),
    version: clean(info.release, 128),
    build: clean(info.build, 128),
    arch: clean(info.arch, 32),
    kernel: clean(info.kernel, 256),
    installDate,
  };
}

// Timestamps before this are unset clocks or filesystems without birth time (reported as the epoch).
const PLAUSIBLE_SINCE = Date.UTC(1995, 0, 1);

/** The oldest plausible candidate: each source can be missing or reset, none is wrong by being early. */
export function oldestPlausible(candidates: Array<number | undefined>, now = Date.now()): string | undefined {
  const ok = candidates.filter((t): t is number => t !== undefined && t > PLAUSIBLE_SINCE && t <= now);
  return ok.length ? isoDate(Math.min(...ok)) : undefined;
}

/** `reg query … /v InstallDate` prints a REG_DWORD of seconds since the epoch, in hex. */
export function parseRegInstallDate(output: string): string | undefined {
  const m = /InstallDate\s+REG_DWORD\s+0x([0-9a-f]+)/i.exec(output);
  return m?.[1] ? oldestPlausible([parseInt(m[1], 16) * 1000]) : undefined;
}

async function statTimes(path: string, birth: boolean): Promise<number | undefined> {
  try {
    const s = await stat(path);
    return birth ? s.birthtimeMs || undefined : s.mtimeMs;
  } catch {
    return undefined;
  }
}

async function installDate(platform: NodeJS.Platform): Promise<string | undefined> {
  if (platform === 'linux') {
    return oldestPlausible(
      await Promise.all([
        statTimes('/', true),
        statTimes('/var/log/installer', true),
        statTimes('/var/log/installer', false),
        statTimes('/etc/machine-id', false),
        statTimes('/lost+found', true),
      ]),
    );
  }
  if (platform === 'darwin') return oldestPlausible([await statTimes('/var/db/.AppleSetupDone', false)]);
  if (platform === 'win32') {
    try {
      const { stdout } = await promisify(execFile)(
        'reg',
        ['query', 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion', '/v', 'InstallDate'],
        { windowsHide: true, timeout: 10_000 },
      );
      return parseRegInstallDate(stdout);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export async function collectOs(ctx: CollectorContext): Promise<OperatingSystem> {
  const [info, installed] = await Promise.all([si.osInfo(), installDate(ctx.platform)]);
  return mapOs(info, ctx.platform, installed);
}
