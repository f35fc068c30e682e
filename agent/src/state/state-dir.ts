import { homedir } from 'node:os';
import path from 'node:path';

export interface StateDirInput {
  platform: NodeJS.Platform;
  /** Running as root (Unix) or as the SYSTEM/service account (Windows). */
  privileged: boolean;
  env: NodeJS.ProcessEnv;
  home: string;
  /** `--state-dir`, wins over everything. */
  override?: string;
}

/**
 * Where the agent keeps its config, key and spool. The machine-wide folder is only writable by root; a
 * user running the agent by hand gets a per-user folder so it never half-writes into the system one.
 */
export function chooseStateDir(input: StateDirInput): string {
  const { platform, privileged, env, home } = input;
  if (input.override) return input.override;
  if (env.PARC_AGENT_STATE_DIR) return env.PARC_AGENT_STATE_DIR;
  if (platform === 'win32') {
    const p = path.win32;
    if (privileged) return p.join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'Parc');
    return p.join(env.APPDATA ?? p.join(home, 'AppData', 'Roaming'), 'Parc');
  }
  const p = path.posix;
  if (platform === 'darwin') {
    return privileged ? '/Library/Application Support/Parc' : p.join(home, 'Library', 'Application Support', 'Parc');
  }
  if (privileged) return '/etc/parc-agent';
  const xdg = env.XDG_CONFIG_HOME && p.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : p.join(home, '.config');
  return p.join(xdg, 'parc-agent');
}

/** Windows has no uid; the service runs as SYSTEM (or a machine account ending in `$`). */
export function isPrivileged(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, uid = process.getuid?.()): boolean {
  if (platform === 'win32') {
    const user = (env.USERNAME ?? '').toUpperCase();
    return user === 'SYSTEM' || user.endsWith('$') || /systemprofile/i.test(env.USERPROFILE ?? '');
  }
  return uid === 0;
}

export function resolveStateDir(override?: string): string {
  const platform = process.platform;
  return chooseStateDir({ platform, privileged: isPrivileged(platform, process.env), env: process.env, home: homedir(), override });
}
