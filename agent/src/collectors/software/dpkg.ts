import { stat } from 'node:fs/promises';
import type { Software } from '@parc/shared';
import { clean, run } from './exec.js';

/**
 * Debian/Ubuntu packages from `dpkg-query`. Only packages whose status is `installed`: `config-files`
 * (removed, configuration left), `half-installed`, `unpacked`… are not usable software.
 */

/** Tab-separated so that no field (Maintainer has spaces and commas) needs quoting. */
export const DPKG_FORMAT = '${Package}\\t${Version}\\t${Architecture}\\t${db:Status-Status}\\t${Maintainer}\\t${binary:Package}\\n';
export const DPKG_ARGS = ['-W', `-f=${DPKG_FORMAT}`] as const;

export interface DpkgPackage extends Software {
  /** `pkg` or `pkg:arch` for Multi-Arch: same packages: the name of its `/var/lib/dpkg/info/*.list` file. */
  binaryPackage: string;
}

/** "Jane Doe <jane@example.org>" -> "Jane Doe"; a bare address is kept rather than lost. */
export function stripEmail(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const named = s.replace(/\s*<[^>]*>\s*/g, ' ').replace(/\s+/g, ' ').replace(/ ,/g, ',').replace(/[\s,]+$/, '').trim();
  return named || s.replace(/[<>]/g, '').trim() || undefined;
}

/** Parses the output of `dpkg-query -W -f=DPKG_FORMAT`; only installed packages. */
export function parseDpkgQuery(text: string): DpkgPackage[] {
  const out: DpkgPackage[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const [name, version, arch, status, maintainer, binaryPackage] = line.split('\t');
    if (!name || status?.trim() !== 'installed') continue;
    out.push({
      ...clean({
        name: name.trim(),
        version,
        publisher: stripEmail(maintainer),
        arch,
        source: 'deb' as const,
        packageId: name.trim(),
      }),
      binaryPackage: binaryPackage?.trim() || name.trim(),
    });
  }
  return out;
}

const INFO_DIR = '/var/lib/dpkg/info';

/** When dpkg last wrote the package's file list: its install or upgrade time. One stat, two for old multi-arch layouts. */
async function listMtime(p: DpkgPackage): Promise<string | undefined> {
  const candidates = [p.binaryPackage, p.name, `${p.name}:${p.arch ?? ''}`].filter((c, i, a) => a.indexOf(c) === i);
  for (const c of candidates) {
    try {
      return (await stat(`${INFO_DIR}/${c}.list`)).mtime.toISOString();
    } catch {
      // try the next name
    }
  }
  return undefined;
}

/** Runner. */
export async function collectDpkg(): Promise<Software[]> {
  const pkgs = parseDpkgQuery(await run('dpkg-query', DPKG_ARGS, { timeoutMs: 60_000 }));
  const out: Software[] = [];
  // Batches of 64 stats: fast (a few ms per thousand) without opening thousands of handles at once.
  for (let i = 0; i < pkgs.length; i += 64) {
    const batch = pkgs.slice(i, i + 64);
    const dates = await Promise.all(batch.map(listMtime));
    batch.forEach(({ binaryPackage: _b, ...sw }, j) => out.push(dates[j] ? { ...sw, installDate: dates[j] } : sw));
  }
  return out;
}
