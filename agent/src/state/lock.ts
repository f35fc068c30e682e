import { open, readFile, unlink } from 'node:fs/promises';

export class BusyError extends Error {
  constructor(readonly holderPid: number | undefined) {
    super(`another parc-agent run is in progress${holderPid ? ` (pid ${holderPid})` : ''}`);
    this.name = 'BusyError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock is stale when its owner is gone, or so old that its pid has likely been reused. */
export function isStale(content: string, now: number, maxAgeMs: number, isAlive: (pid: number) => boolean = alive): boolean {
  let holder: { pid?: unknown; at?: unknown };
  try {
    holder = JSON.parse(content) as typeof holder;
  } catch {
    return true; // torn write by a crashed holder
  }
  if (typeof holder.pid !== 'number' || !Number.isInteger(holder.pid)) return true;
  const at = typeof holder.at === 'string' ? Date.parse(holder.at) : NaN;
  if (Number.isFinite(at) && now - at > maxAgeMs) return true;
  return !isAlive(holder.pid);
}

let heldInProcess = false;

/**
 * Runs `fn` holding both an in-process flag (the scheduler and a startup run share a process) and an
 * exclusive lock file with our pid (a `send` from a shell while the service runs).
 */
export async function withLock<T>(file: string, fn: () => Promise<T>, maxAgeMs = 6 * 3600_000): Promise<T> {
  if (heldInProcess) throw new BusyError(process.pid);
  heldInProcess = true;
  try {
    await acquire(file, maxAgeMs);
    try {
      return await fn();
    } finally {
      await unlink(file).catch(() => undefined);
    }
  } finally {
    heldInProcess = false;
  }
}

async function acquire(file: string, maxAgeMs: number): Promise<void> {
  for (let tries = 0; tries < 2; tries++) {
    try {
      const h = await open(file, 'wx', 0o600);
      await h.writeFile(JSON.stringify({ pid: process.pid, at: new Date().toISOString() }));
      await h.close();
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const content = await readFile(file, 'utf8').catch(() => '');
      if (!isStale(content, Date.now(), maxAgeMs)) {
        const pid = (() => {
          try {
            return (JSON.parse(content) as { pid?: number }).pid;
          } catch {
            return undefined;
          }
        })();
        throw new BusyError(pid);
      }
      await unlink(file).catch(() => undefined);
    }
  }
  throw new BusyError(undefined);
}
