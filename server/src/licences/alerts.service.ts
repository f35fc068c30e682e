import { sql } from 'kysely';
import { ROLE_SETS } from '@parc/shared';
import type { Db } from '../platform/db/database.js';
import { enqueueNotices } from '../helpdesk/notifications/outbox.js';
import { expiringAlert, overDeployedAlert, overDeployedChanges, type Alert } from './alerts.js';
import { liveItems, type ComplianceContext } from './compliance.service.js';
import { addDays, dayOf } from './licence-dates.js';

export interface AlertOptions extends ComplianceContext {
  /** Tell this many days before a licence's last valid day (PARC_LICENCE_EXPIRY_DAYS). */
  expiryDays: number;
  /** Queue emails (false when PARC_SMTP_URL is not set; webhooks are queued either way). */
  email: boolean;
}

/** Licence managers' addresses; the admins' when there is no licence manager, since someone must hear. */
async function recipients(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select(['email', 'role'])
    .where('disabled', '=', false)
    .where('email', 'is not', null)
    .where('role', 'in', [...ROLE_SETS.licenceManagers])
    .execute();
  const managers = rows.filter((r) => r.role === 'licence-manager');
  return [...new Set((managers.length > 0 ? managers : rows).map((r) => r.email!.trim()))].sort();
}

/**
 * Checks expiring licences and over-deployed products and queues one notice per new event, in one
 * transaction: an event's key is stored (primary key) with the notices it caused, so a second run, or
 * another server process running at the same moment, sends nothing again.
 */
export async function runLicenceAlerts(db: Db, opts: AlertOptions): Promise<Alert[]> {
  const today = dayOf(opts.now);
  const { items } = await liveItems(db, opts);
  return db.transaction().execute(async (tx) => {
    const expiring = await sql<{ id: number; product: string; reference: string | null; vendor: string | null; quantity: number | null; expires_on: string }>`
      select l.id, p.name as product, l.reference, l.vendor, l.quantity, l.expires_on::text as expires_on
      from licences l join software_products p on p.id = l.product_id
      where l.expires_on between ${today}::date and ${addDays(today, opts.expiryDays)}::date
        and (l.starts_on is null or l.starts_on <= ${today}::date)
      order by l.expires_on, l.id`.execute(tx);
    const candidates = expiring.rows.map((l) => expiringAlert({ ...l, expiresOn: l.expires_on }, today));

    const over = new Set(items.filter((i) => i.status === 'over-deployed').map((i) => i.productId));
    const before = new Set((await tx.selectFrom('licence_over_deployed').select('product_id').forUpdate().execute()).map((r) => r.product_id));
    const { entered, left } = overDeployedChanges(over, before);
    if (left.length > 0) await tx.deleteFrom('licence_over_deployed').where('product_id', 'in', left).execute();
    if (entered.length > 0) {
      await tx.insertInto('licence_over_deployed').values(entered.map((product_id) => ({ product_id, since: opts.now }))).onConflict((oc) => oc.doNothing()).execute();
      for (const id of entered) candidates.push(overDeployedAlert(items.find((i) => i.productId === id)!, today));
    }
    if (candidates.length === 0) return [];

    const kind = (a: Alert) => (a.type === 'licence.expiring' ? 'expiring' : 'over-deployed');
    const fresh = await sql<{ kind: string; key: string }>`
      insert into licence_alerts (kind, key, sent_at)
      select * from unnest(${sql`${candidates.map(kind)}::text[]`}, ${sql`${candidates.map((a) => a.key)}::text[]`}) as k(kind, key), (select ${opts.now}::timestamptz) as t
      on conflict do nothing
      returning kind, key`.execute(tx);
    const sent = new Set(fresh.rows.map((r) => `${r.kind}\u0000${r.key}`));
    const alerts = candidates.filter((a) => sent.has(`${kind(a)}\u0000${a.key}`));
    const to = await recipients(tx);
    await enqueueNotices(tx, alerts.map((a) => ({ type: a.type, summary: a.summary, data: a.data, to })), opts.now, { email: opts.email });
    return alerts;
  });
}
