import type { Software } from '@parc/shared';
import { collectAppx } from './appx.js';
import { collectDpkg } from './dpkg.js';
import { ToolMissingError } from './exec.js';
import { collectFlatpak } from './flatpak.js';
import { collectHomebrew } from './homebrew.js';
import { collectMacosApps } from './macos-apps.js';
import { collectPacman } from './pacman.js';
import { collectRpm } from './rpm.js';
import { collectSnap } from './snap.js';
import { collectWindowsRegistry } from './windows-registry.js';

export interface SoftwareSource {
  name: string;
  collect: () => Promise<Software[]>;
}

/** The sources that can apply on each OS; one whose tool is absent is skipped without a word. */
export function sourcesFor(platform: NodeJS.Platform): SoftwareSource[] {
  switch (platform) {
    case 'linux':
      return [
        { name: 'dpkg', collect: collectDpkg },
        { name: 'rpm', collect: collectRpm },
        { name: 'pacman', collect: collectPacman },
        { name: 'snap', collect: collectSnap },
        { name: 'flatpak', collect: collectFlatpak },
      ];
    case 'darwin':
      return [
        { name: 'macos-apps', collect: collectMacosApps },
        { name: 'homebrew', collect: collectHomebrew },
      ];
    case 'win32':
      return [
        { name: 'windows-registry', collect: collectWindowsRegistry },
        { name: 'appx', collect: collectAppx },
      ];
    default:
      return [];
  }
}

/**
 * Runs the sources one after another (the agent shares small machines; package tools are I/O heavy).
 * A failing source is reported in `errors` and the others still count.
 */
export async function runSources(sources: readonly SoftwareSource[]): Promise<{ software: Software[]; errors: string[] }> {
  const software: Software[] = [];
  const errors: string[] = [];
  for (const source of sources) {
    try {
      software.push(...(await source.collect()));
    } catch (err) {
      if (err instanceof ToolMissingError) continue;
      errors.push(`${source.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { software, errors };
}

export function collectSoftware(platform: NodeJS.Platform = process.platform): Promise<{ software: Software[]; errors: string[] }> {
  return runSources(sourcesFor(platform));
}
