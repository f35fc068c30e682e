import { execFile } from 'node:child_process';

/**
 * Shared plumbing for the software runners: run one program (never through a shell) and hand its
 * output to a pure parser.
 */

/**
 * 64 MiB: `brew info --json=v2` is ~10 KB per formula and `pacman -Qi` ~1 KB per package, so 5,000
 * packages fit with room to spare; Node's 1 MiB default would truncate a normal desktop.
 */
export const MAX_BUFFER = 64 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 120_000;

/** The program is not installed: the source does not apply to this machine and is skipped quietly. */
export class ToolMissingError extends Error {
  constructor(readonly tool: string) {
    super(`${tool} not found`);
    this.name = 'ToolMissingError';
  }
}

export interface RunOptions {
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Exit codes that still mean "here is the output" (grep-like tools). */
  okExitCodes?: number[];
}

/** Runs `file args` and resolves with stdout as UTF-8 text. */
export function run(file: string, args: readonly string[], opts: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        encoding: 'utf8',
        maxBuffer: MAX_BUFFER,
        timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        windowsHide: true,
        env: opts.env ?? process.env,
      },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        const e = err as NodeJS.ErrnoException & { code?: string | number; killed?: boolean };
        if (e.code === 'ENOENT') return reject(new ToolMissingError(file));
        if (typeof e.code === 'number' && opts.okExitCodes?.includes(e.code)) return resolve(stdout);
        const why = e.killed ? `timed out after ${opts.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms` : e.message;
        const detail = String(stderr).trim().split('\n')[0] ?? '';
        reject(new Error(`${file} failed: ${why}${detail ? ` (${detail.slice(0, 200)})` : ''}`));
      },
    );
  });
}

/** Environment for tools whose output we parse: untranslated labels and dates. */
export function cLocaleEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', LANG: 'C', ...extra };
}

/** Drops undefined/empty optional fields so the wire payload stays small and zod-clean. */
export function clean<T extends Record<string, unknown>>(obj: T): T {
  const out = {} as Record<string, unknown>;
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null) continue;
    if (typeof v === 'string' && v.trim() === '') continue;
    out[k] = typeof v === 'string' ? v.trim() : v;
  }
  return out as T;
}

/** An ISO date from epoch seconds, or undefined when the value is missing or absurd. */
export function isoFromEpochSeconds(secs: number | undefined): string | undefined {
  if (secs === undefined || !Number.isFinite(secs) || secs <= 0) return undefined;
  const d = new Date(secs * 1000);
  const y = d.getUTCFullYear();
  return y >= 1970 && y <= 2200 ? d.toISOString() : undefined;
}
