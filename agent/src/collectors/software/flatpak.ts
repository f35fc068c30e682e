import type { Software } from '@parc/shared';
import { clean, run } from './exec.js';

/**
 * Flatpak applications, system and per-user installations.
 *
 * Apps only (`--app`): runtimes (org.freedesktop.Platform, GL drivers, themes, extensions) are pulled in
 * and garbage-collected by flatpak itself, several branches side by side, and nobody licenses, counts
 * or opens a ticket about one; listing them would bury the dozen apps a user actually installed under
 * dozens of plumbing entries.
 */

export const FLATPAK_ARGS = ['list', '--app', '--columns=application,name,version,origin,arch'] as const;

export function parseFlatpakList(text: string): Software[] {
  const out: Software[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const [appId, name, version, _origin, arch] = line.split('\t').map((s) => s.trim());
    if (!appId) continue;
    // Old flatpak (< 1.2) ignores --columns and prints a header-less ref list: `id/arch/branch`.
    const ref = /^([\w.-]+)\/([\w-]+)\/[\w.-]+$/.exec(appId);
    out.push(
      clean({
        name: name || (ref ? ref[1] : appId) || appId,
        version,
        arch: arch || ref?.[2],
        source: 'flatpak' as const,
        packageId: ref?.[1] ?? appId,
      }),
    );
  }
  return out;
}

export async function collectFlatpak(): Promise<Software[]> {
  return parseFlatpakList(await run('flatpak', FLATPAK_ARGS));
}
