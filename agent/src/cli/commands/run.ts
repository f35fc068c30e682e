import { loadEnrollment, runCycle, sendSpooled } from '../../cycle.js';
import { log } from '../../log.js';
import { startSchedule } from '../../schedule.js';
import type { AgentState } from '../../state/agent-state.js';
import { BusyError, withLock } from '../../state/lock.js';
import { errorMessage } from '../../util/timeout.js';
import { EXIT } from '../errors.js';

/** The service: runs until SIGTERM/SIGINT, one collection per scheduled tick. */
export async function runCommand(state: AgentState): Promise<number> {
  await state.ensureDir();
  const { config } = await loadEnrollment(state); // fail fast when not enrolled

  const locked = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await withLock(state.file('lock'), fn);
    } catch (e) {
      // Errors are logged, never thrown: a bad hour must not stop the service (or make it crash-loop).
      if (e instanceof BusyError) log.warn(`${what} skipped: ${e.message}`);
      else log.error(`${what} failed`, { error: errorMessage(e) });
    }
  };

  // Whatever a previous run could not deliver goes first.
  await locked('sending spooled inventory', () => sendSpooled(state));

  const schedule = startSchedule({
    expression: config.schedule,
    jitterMaxSeconds: config.jitterMaxSeconds,
    run: () => locked('inventory run', () => runCycle(state)),
    onNextRun: (at) => {
      void state.updateStatus({ nextRunAt: at?.toISOString() }).catch(() => undefined);
    },
  });

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info('stopping', { signal });
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  await schedule.stop();
  await state.updateStatus({ nextRunAt: undefined }).catch(() => undefined);
  return EXIT.ok;
}
