import { StateError } from '../state/agent-state.js';
import { BusyError } from '../state/lock.js';
import { NotEnrolledError } from '../cycle.js';
import { NetworkError } from '../transport/client.js';
import { EnrollError } from '../transport/enroll.js';

/** Exit codes, stable for scripts and installers. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  notEnrolled: 3,
  unreachable: 4,
  auth: 5,
  state: 6,
  busy: 7,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

export function exitCodeFor(e: unknown): number {
  if (e instanceof CliError) return e.exitCode;
  if (e instanceof NotEnrolledError) return EXIT.notEnrolled;
  if (e instanceof StateError) return EXIT.state;
  if (e instanceof BusyError) return EXIT.busy;
  if (e instanceof NetworkError) return EXIT.unreachable;
  if (e instanceof EnrollError) return e.kind === 'bad_token' ? EXIT.auth : EXIT.failure;
  return EXIT.failure;
}
