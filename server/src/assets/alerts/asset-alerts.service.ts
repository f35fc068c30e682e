import { sql } from 'kysely';
import { ROLE_SETS } from '@parc/shared';
import type { Db } from '../../platform/db/database.js';
import { addMonths, daysBetween } from '../finance/finance-math.js';
import { contractAlert, warrantyAlert, type AssetAlert } from './asset-alerts.js';

export interface AssetAlertOptions {
  now: Date;
  /** Tell this many days before a warranty ends (PARC_WARRANTY_ALERT_DAYS); contracts use their own notice_days. */
  warrantyDays: number;
  /** Queue emails (false when PARC_SMTP_URL is not set; webhooks are queued either way). */
  email: boolean;
  /** Queues notices in the caller's transaction: the notification outbox's enqueueNotices, passed in since assets do not import the helpdesk. */
  enqueue: EnqueueNotices;
}

export interface AssetNotice {
  type: AssetAlert['type'];
  summary: string;
  data: Record<string, unknown>;
  to: readonly string[];
}
export type EnqueueNotices = (tx: Db, notices: readonly AssetNotice[], now: Date, options: { email: boolean }) => Promise<number>;

const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));

/** The people who look after assets: admins and technicians with an address (the dispatcher picks each one's language). */
async function recipients(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('email')
    .where('disabled', '=', false)
    .where('email', 'is not', null)
    .where('role', 'in', [...ROLE_SETS.helpdeskStaff])
    .execute();
  return [...new Set(rows.map((r) => r.email!.trim()))].sort();
}

/**
 * Queues one notice per warranty ending within `warrantyDays` and per contract ending within its notice
 * days, in one transaction with the keys of what was sent (asset_alerts, primary key): a second run, or
 * another process at the same moment, finds the key taken and sends nothing again.
 */
export async function runAssetAlerts(db: Db, opts: AssetAlertOptions): Promise<AssetAlert[]> {
  const today = dayOf(opts.now);
  return db.transaction().execute(async (tx) => {
    // The SQL filter uses Postgres's month arithmetic, which clamps like addMonths; the key's date comes from addMonths.
    const warranties = await sql<{ id: number; hostname: string; asset_tag: string | null; start: string; months: number }>`
      select d.id, d.hostname, d.asset_tag, f.warranty_start::text as start, f.warranty_months as months
      from asset_finance f join devices d on d.id = f.device_id
      where f.warranty_start is not null and f.warranty_months > 0
        and (f.warranty_start + make_interval(months => f.warranty_months))::date > ${today}::date
        and (f.warranty_start + make_interval(months => f.warranty_months))::date <= ${addDays(today, opts.warrantyDays)}::date
      order by d.id`.execute(tx);
    const contracts = await sql<{ id: number; name: string; supplier: string | null; ends_on: string; devices: number }>`
      select c.id, c.name, c.supplier, c.ends_on::text as ends_on, (select count(*)::int from contract_devices cd where cd.contract_id = c.id) as devices
      from maintenance_contracts c
      where c.ends_on >= ${today}::date and c.ends_on <= ${today}::date + c.notice_days
      order by c.id`.execute(tx);
    const candidates = [
      ...warranties.rows
        .map((w) => ({ deviceId: w.id, hostname: w.hostname, assetTag: w.asset_tag, endsOn: addMonths(w.start, w.months) }))
        .filter((w) => daysBetween(today, w.endsOn) > 0)
        .map((w) => warrantyAlert(w, today)),
      ...contracts.rows.map((c) => contractAlert({ contractId: c.id, name: c.name, supplier: c.supplier, endsOn: c.ends_on, devices: c.devices }, today)),
    ];
    if (candidates.length === 0) return [];
    const fresh = await sql<{ kind: string; key: string }>`
      insert into asset_alerts (kind, key, sent_at)
      select * from unnest(${sql`${candidates.map((a) => a.kind)}::text[]`}, ${sql`${candidates.map((a) => a.key)}::text[]`}) as k(kind, key), (select ${opts.now}::timestamptz) as t
      on conflict do nothing
      returning kind, key`.execute(tx);
    const sent = new Set(fresh.rows.map((r) => `${r.kind}\u0000${r.key}`));
    const alerts = candidates.filter((a) => sent.has(`${a.kind}\u0000${a.key}`));
    const to = await recipients(tx);
    await opts.enqueue(tx, alerts.map((a) => ({ type: a.type, summary: a.summary, data: a.data, to })), opts.now, { email: opts.email });
    return alerts;
  });
}
