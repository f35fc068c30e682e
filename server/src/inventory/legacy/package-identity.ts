import type { SoftwareSource } from '@parc/shared';

/**
 * Makes peer agents describe an installed package the way Parc's own collectors do, so that the ingest
 * diff (name + arch + source) sees the same package whichever agent reported it. Pure.
 *
 * dpkg packages: Parc's agent sends `${Package}` and dpkg's `${Architecture}`. OCS Inventory (2.x on
 * dpkg ≥ 1.16.2) sends `${binary:Package}` instead, which is `libc6:amd64` for every Multi-Arch: same
 * package while FusionInventory sends `libc6`; left alone, switching agents reads as hundreds of
 * removals plus installations. A Debian package name cannot contain a colon (Debian Policy, `Package`
 * field), so the part after one is the architecture qualifier.
 */

/** dpkg's names for the kernel / rpm spellings of an architecture. */
const DPKG_ARCH: Record<string, string> = {
  x86_64: 'amd64',
  'x86-64': 'amd64',
  aarch64: 'arm64',
  i486: 'i386',
  i586: 'i386',
  i686: 'i386',
  x86: 'i386',
  armv7l: 'armhf',
  armv7hl: 'armhf',
  ppc64le: 'ppc64el',
};

/** An architecture as dpkg names it (`x86_64` → `amd64`), lower-cased; undefined stays undefined. */
export function dpkgArch(arch: string | undefined): string | undefined {
  const a = arch?.trim().toLowerCase();
  if (!a) return undefined;
  return DPKG_ARCH[a] ?? a;
}

export interface PackageIdentity {
  name: string;
  arch?: string;
}

/** The name and arch under which Parc files a package from `source`; other fields are the mapper's. */
export function packageIdentity(name: string, arch: string | undefined, source: SoftwareSource): PackageIdentity {
  if (source !== 'deb') return arch === undefined ? { name } : { name, arch };
  const colon = name.indexOf(':');
  // `libc6:amd64` → `libc6`, keeping the qualifier as the arch when the agent sent none.
  const base = colon > 0 ? name.slice(0, colon) : name;
  const qualifier = colon > 0 ? name.slice(colon + 1) : undefined;
  const a = dpkgArch(arch) ?? dpkgArch(qualifier);
  return a === undefined ? { name: base } : { name: base, arch: a };
}
