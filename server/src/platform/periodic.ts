import { hostname } from 'node:os';
import { sql } from 'kysely';
import type { Db } from './db/database.js';

/** A background job started by startPeriodic. */
export interface RunningPeriodic {
  /** Stops the timer and resolves once the run in flight (if any) ends. */
  stop(): Promise<void>;
}

/**
 * Says whether this process runs the current round of a job. Several server processes share one
 * database; each has the job's timer, and the gate lets one of them run each round (see claimRound).
 */
export type RoundGate = () => Promise<boolean>;

/** Names this process in periodic_jobs.claimed_by, so an operator sees which server ran a round. */
export function processHolder(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * Claims the round of job `name` that is due now, in one statement: the row's next_run_at moves
 * `intervalMs` ahead (less a little slack for timer drift) only if it was due, so of several processes
 * asking at the same moment exactly one gets `true` (the others wait on the row lock, then see it is no
 * longer due). The database's clock decides, never the servers' own, and nothing is held between
 * statements: it works through a transaction-mode connection pooler. A process that dies mid-round
 * leaves the job to the next round, like a failed run.
 */
export async function claimRound(db: Db, name: string, intervalMs: number, holder: string = processHolder()): Promise<boolean> {
  const aheadMs = intervalMs - Math.min(intervalMs / 10, 2_000);
  const next = sql<Date>`now() + ${aheadMs} * interval '1 millisecond'`;
  const rows = await db
    .insertInto('periodic_jobs')
    .values({ name, next_run_at: next, claimed_by: holder, claimed_at: sql<Date>`now()` })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ next_run_at: next, claimed_by: holder, claimed_at: sql<Date>`now()` })
        .where('periodic_jobs.next_run_at', '<=', sql<Date>`now()`),
    )
    .returning('name')
    .execute();
  return rows.length === 1;
}

/** A RoundGate over claimRound for one job. */
export function roundGate(db: Db, name: string, intervalMs: number, holder: string = processHolder()): RoundGate {
  return () => claimRound(db, name, intervalMs, holder);
}

/**
 * Runs `run` once after `firstDelayMs`, then every `intervalMs`, on timers that do not keep the process
 * alive; `stop()` waits for a run in flight, so a graceful shutdown never cuts one in half. A round is
 * skipped while the previous one still runs, or when `gate` says another process has it. `run` handles
 * its own errors (each job logs what failed and that the next round retries); a gate that fails (the
 * database is unreachable) lets the run go ahead, so the job's own error is what gets logged.
 */
export function startPeriodic(
  run: () => Promise<unknown>,
  { firstDelayMs, intervalMs, gate }: { firstDelayMs: number; intervalMs: number; gate?: RoundGate },
): RunningPeriodic {
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const round = async () => {
    const mine = gate ? await gate().catch(() => true) : true;
    if (mine && !stopped) await run();
  };
  const tick = () => {
    if (stopped || running) return;
    running = round().finally(() => (running = undefined));
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
