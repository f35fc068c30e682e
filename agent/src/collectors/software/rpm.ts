import type { Software } from '@parc/shared';
import { clean, isoFromEpochSeconds, run } from './exec.js';

/** RPM packages (RHEL, Fedora, SUSE…). */

export const RPM_QUERYFORMAT = '%{NAME}\\t%{EPOCH}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{VENDOR}\\t%{INSTALLTIME}\\n';
export const RPM_ARGS = ['-qa', '--queryformat', RPM_QUERYFORMAT] as const;

/** rpm prints `(none)` for an unset tag. */
const unset = (s: string | undefined) => (s === undefined || s.trim() === '' || s.trim() === '(none)' ? undefined : s.trim());

/** Parses `rpm -qa --queryformat RPM_QUERYFORMAT`. */
export function parseRpmQuery(text: string): Software[] {
  const out: Software[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const [name, epoch, version, release, arch, vendor, installTime] = line.split('\t').map(unset);
    // gpg-pubkey entries are the imported signing keys, not software.
    if (!name || name === 'gpg-pubkey') continue;
    const evr = version ? `${epoch && epoch !== '0' ? `${epoch}:` : ''}${version}${release ? `-${release}` : ''}` : undefined;
    out.push(
      clean({
        name,
        version: evr,
        publisher: vendor,
        arch,
        installDate: isoFromEpochSeconds(installTime ? Number(installTime) : undefined),
        source: 'rpm' as const,
        packageId: name,
      }),
    );
  }
  return out;
}

export async function collectRpm(): Promise<Software[]> {
  return parseRpmQuery(await run('rpm', RPM_ARGS, { timeoutMs: 120_000 }));
}
