import type { Db } from '../../platform/db/database.js';

/** The `problem_details` table (a problem's own fields); only this repository writes it. */

export interface ProblemText {
  impact_analysis: string | null;
  root_cause: string | null;
  workaround: string | null;
  permanent_fix: string | null;
}

export async function insertProblemDetails(db: Db, ticketId: number, d: ProblemText) {
  await db.insertInto('problem_details').values({ ticket_id: ticketId, ...d }).execute();
}

/** Sets some fields; answers all of them as they were. */
export async function updateProblemDetails(db: Db, ticketId: number, set: Partial<ProblemText>): Promise<ProblemText> {
  const before = await problemDetails(db, ticketId);
  await db.updateTable('problem_details').set(set).where('ticket_id', '=', ticketId).execute();
  return before;
}

export async function problemDetails(db: Db, ticketId: number): Promise<ProblemText> {
  return db.selectFrom('problem_details').select(['impact_analysis', 'root_cause', 'workaround', 'permanent_fix']).where('ticket_id', '=', ticketId).executeTakeFirstOrThrow();
}

/** How many tickets each problem gathers. */
export async function ticketCounts(db: Db, problemIds: number[]): Promise<Map<number, number>> {
  if (problemIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('itil_links')
    .select(['from_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('from_id', 'in', problemIds)
    .where('to_kind', '=', 'ticket')
    .groupBy('from_id')
    .execute();
  return new Map(rows.map((r) => [r.from_id, Number(r.n)]));
}
