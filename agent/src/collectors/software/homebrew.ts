import { stat } from 'node:fs/promises';
import type { Software } from '@parc/shared';
import { clean, isoFromEpochSeconds, run, ToolMissingError } from './exec.js';

/** Homebrew formulae and casks from `brew info --json=v2 --installed`. */

interface Formula {
  name?: string;
  full_name?: string;
  tap?: string;
  versions?: { stable?: string };
  installed?: { version?: string; time?: number }[];
}
interface Cask {
  token?: string;
  full_token?: string;
  name?: string[];
  version?: string;
  installed?: string | null;
  installed_time?: number | null;
}

export function parseBrewInfo(json: string): Software[] {
  const data = JSON.parse(json) as { formulae?: Formula[]; casks?: Cask[] };
  const out: Software[] = [];
  for (const f of data.formulae ?? []) {
    const name = f.name ?? f.full_name;
    if (!name) continue;
    // Several kegs can be installed side by side; the newest one is the one linked and in use.
    const kegs = [...(f.installed ?? [])].sort((a, b) => (b.time ?? 0) - (a.time ?? 0));
    const keg = kegs[0];
    out.push(
      clean({
        name,
        version: keg?.version ?? f.versions?.stable,
        installDate: isoFromEpochSeconds(keg?.time),
        source: 'homebrew' as const,
        packageId: f.full_name ?? name,
      }),
    );
  }
  for (const c of data.casks ?? []) {
    const token = c.token ?? c.full_token;
    if (!token) continue;
    out.push(
      clean({
        name: c.name?.[0] ?? token,
        version: c.installed ?? c.version,
        installDate: isoFromEpochSeconds(c.installed_time ?? undefined),
        source: 'homebrew' as const,
        packageId: c.full_token ?? token,
      }),
    );
  }
  return out;
}

const BREW_PATHS = ['/opt/homebrew/bin/brew', '/usr/local/bin/brew'];

export async function collectHomebrew(): Promise<Software[]> {
  let brew: string | undefined;
  let owner = 0;
  for (const p of BREW_PATHS) {
    try {
      owner = (await stat(p)).uid;
      brew = p;
      break;
    } catch {
      // not this prefix
    }
  }
  if (!brew) throw new ToolMissingError('brew');
  const args = ['info', '--json=v2', '--installed'];
  const env = { ...process.env, HOMEBREW_NO_AUTO_UPDATE: '1', HOMEBREW_NO_ANALYTICS: '1', HOMEBREW_NO_INSTALL_FROM_API: '1' };
  // brew refuses to run as root, and the agent is root: run it as the prefix's owner instead.
  const json =
    process.getuid?.() === 0 && owner !== 0
      ? await run('/usr/bin/sudo', ['-n', '-H', '-u', `#${owner}`, brew, ...args], { env, timeoutMs: 180_000 })
      : await run(brew, args, { env, timeoutMs: 180_000 });
  return parseBrewInfo(json);
}
