import { systemClock } from '@parc/shared';
import type { Db } from '../../platform/db/database.js';
import type { Logger } from '../../platform/log.js';
import { getHelpdeskSettings } from '../settings/helpdesk-settings.service.js';
import { applyWorkflow } from './ticket-workflow.js';
import { solvedBefore } from './tickets.repository.js';

/** Scheduler: closes tickets solved for longer than the configured number of days, as of `now`. */
export async function autoCloseSolved(db: Db, log: Logger, email: boolean, now: Date = systemClock.now()) {
  const { autoCloseDays } = await getHelpdeskSettings(db);
  if (autoCloseDays <= 0) return 0;
  const due = await solvedBefore(db, new Date(now.getTime() - autoCloseDays * 86_400_000));
  let closed = 0;
  for (const id of due) {
    // One transaction per ticket: a ticket someone is working right now must not hold back the others.
    try {
      await db.transaction().execute((tx) =>
        applyWorkflow(tx, id, { action: { type: 'auto-close', afterDays: autoCloseDays }, actor: { kind: 'system' }, actorUser: null, now, email }),
      );
      closed++;
    } catch (err) {
      log.warn({ err, ticketId: id }, 'auto-close skipped this ticket; it will be retried at the next run');
    }
  }
  if (closed) log.info({ closed, afterDays: autoCloseDays }, 'solved tickets closed automatically');
  return closed;
}
