/** A background job started by startPeriodic. */
export interface RunningPeriodic {
  /** Stops the timer and resolves once the run in flight (if any) ends. */
  stop(): Promise<void>;
}

/**
 * Runs `run` once after `firstDelayMs`, then every `intervalMs`, on timers that do not keep the process
 * alive; `stop()` waits for a run in flight, so a graceful shutdown never cuts one in half. `run` handles
 * its own errors (each job logs what failed and that the next round retries).
 */
export function startPeriodic(run: () => Promise<unknown>, { firstDelayMs, intervalMs }: { firstDelayMs: number; intervalMs: number }): RunningPeriodic {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    running = run();
  };
  const first = setTimeout(tick, firstDelayMs);
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
