import { userInfo } from 'node:os';
import { run } from '../collectors/software/exec.js';
import { log } from '../log.js';
import { errorMessage } from '../util/timeout.js';

/**
 * Who is "the user of this machine" when a ticket is opened from it: the person running
 * `parc-agent ticket`, unless that is root/SYSTEM (a script, the service, an admin's sudo), in which
 * case it is whoever sits at the console. Deciding is pure; asking the OS is the thin part below.
 */

export interface SelfUser {
  username: string;
  /** -1 on Windows. */
  uid: number;
}

export interface UsernameInput {
  platform: NodeJS.Platform;
  self: SelfUser | undefined;
  /** %USERDOMAIN% (Windows only). */
  userDomain?: string;
  /** Lazily asked only when `self` is a system account; `undefined` when nobody is at the console. */
  consoleUser: () => Promise<string | undefined>;
}

const WINDOWS_SYSTEM = /^(system|local ?service|network ?service|nt authority\\.*)$/i;

/** root, SYSTEM, service and machine accounts: not a person who could be the requester. */
export function isSystemAccount(platform: NodeJS.Platform, self: SelfUser): boolean {
  const name = self.username.trim();
  if (!name) return true;
  if (platform === 'win32') return WINDOWS_SYSTEM.test(name) || name.endsWith('$');
  return self.uid === 0 || name === 'root';
}

/** A console user worth naming: not root, not the login window, not macOS' `_mbsetupuser`-style daemons. */
export function isPersonName(name: string | undefined): name is string {
  if (!name) return false;
  const n = name.trim();
  return !!n && n !== 'root' && n !== 'loginwindow' && !n.startsWith('_') && !WINDOWS_SYSTEM.test(n) && !n.endsWith('$');
}

/** `DOMAIN\user` on Windows when the domain is known, `user` elsewhere. */
export function qualify(platform: NodeJS.Platform, username: string, domain: string | undefined): string {
  if (platform !== 'win32' || username.includes('\\')) return username;
  const d = domain?.trim();
  return d ? `${d}\\${username}` : username;
}

/** The username sent with a ticket, or undefined when no person can be named (the ticket opens anyway). */
export async function chooseTicketUsername(input: UsernameInput): Promise<string | undefined> {
  const { platform, self } = input;
  if (self && !isSystemAccount(platform, self)) return qualify(platform, self.username.trim(), input.userDomain);
  const atConsole = (await input.consoleUser())?.trim();
  return isPersonName(atConsole) ? atConsole : undefined;
}

// ---- parsers for the console-user probes (pure) ----

/** `who`: prefer the user on a local display (`:0`, `(:0)`) or text console (`tty1`, `console`); else the only person logged in. */
export function parseWho(output: string): string | undefined {
  const sessions = output
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 2 && isPersonName(f[0]))
    .map((f) => ({ user: f[0]!, tty: f[1]!, rest: f.slice(2).join(' ') }));
  const local = sessions.find((s) => /^(:\d+|tty\d+|console|seat\d+)$/.test(s.tty) || /\(:\d+(\.\d+)?\)/.test(s.rest));
  if (local) return local.user;
  const people = new Set(sessions.map((s) => s.user));
  return people.size === 1 ? [...people][0] : undefined;
}

/**
 * `query user` (Windows): the Active session on the console, else the only Active session.
 * Columns are space-aligned and SESSIONNAME is blank for disconnected sessions, so the line is read
 * from both ends: the username first, the state after the numeric id.
 */
export function parseQueryUser(output: string): string | undefined {
  const rows: Array<{ user: string; session: string; active: boolean }> = [];
  for (const line of output.split(/\r?\n/).slice(1)) {
    const m = /^[>\s]?(\S+)\s+(?:(\S+)\s+)?(\d+)\s+(\S+)/.exec(line);
    if (!m) continue;
    const [, user = '', session = '', , stateWord = ''] = m;
    rows.push({ user, session: session.toLowerCase(), active: /^(active|actif|aktiv|activo|attivo)$/i.test(stateWord) });
  }
  const active = rows.filter((r) => r.active && isPersonName(r.user));
  const onConsole = active.find((r) => r.session === 'console');
  if (onConsole) return onConsole.user;
  return active.length === 1 ? active[0]!.user : undefined;
}

// ---- the OS probes ----

const PROBE_TIMEOUT_MS = 5_000;

async function linuxConsoleUser(): Promise<string | undefined> {
  try {
    const id = (await run('loginctl', ['show-seat', 'seat0', '-p', 'ActiveSession', '--value'], { timeoutMs: PROBE_TIMEOUT_MS })).trim();
    if (id) {
      const name = (await run('loginctl', ['show-session', id, '-p', 'Name', '--value'], { timeoutMs: PROBE_TIMEOUT_MS })).trim();
      if (isPersonName(name)) return name;
    }
  } catch (e) {
    log.debug('loginctl gave no console user', { error: errorMessage(e) });
  }
  try {
    return parseWho(await run('who', [], { timeoutMs: PROBE_TIMEOUT_MS }));
  } catch (e) {
    log.debug('who gave no console user', { error: errorMessage(e) });
    return undefined;
  }
}

async function macConsoleUser(): Promise<string | undefined> {
  try {
    return (await run('stat', ['-f%Su', '/dev/console'], { timeoutMs: PROBE_TIMEOUT_MS })).trim() || undefined;
  } catch (e) {
    log.debug('stat /dev/console failed', { error: errorMessage(e) });
    return undefined;
  }
}

async function windowsConsoleUser(): Promise<string | undefined> {
  // `query user` exits 1 when nobody is logged in, with the table still (or nothing) on stdout.
  try {
    return parseQueryUser(await run('query', ['user'], { timeoutMs: PROBE_TIMEOUT_MS, okExitCodes: [1] }));
  } catch (e) {
    log.debug('query user failed', { error: errorMessage(e) });
    return undefined;
  }
}

export function consoleUser(platform: NodeJS.Platform = process.platform): Promise<string | undefined> {
  if (platform === 'win32') return windowsConsoleUser();
  if (platform === 'darwin') return macConsoleUser();
  return linuxConsoleUser();
}

function currentUser(): SelfUser | undefined {
  try {
    const u = userInfo();
    return { username: u.username, uid: u.uid };
  } catch {
    return undefined; // no passwd entry (a container's arbitrary uid): fall back to the console
  }
}

/** The live decision for this process on this machine. */
export function resolveTicketUsername(): Promise<string | undefined> {
  return chooseTicketUsername({
    platform: process.platform,
    self: currentUser(),
    userDomain: process.env.USERDOMAIN,
    consoleUser: () => consoleUser(process.platform),
  });
}
