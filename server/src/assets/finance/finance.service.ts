import type { AssetFinance, AssetFinanceBody } from '@parc/shared/api';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/in-transaction.js';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.repository.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { centsToAmount, currentValueCents, toCents, warrantyEnd, warrantyState } from './finance-math.js';
import * as repo from './finance.repository.js';

export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/** The stored row with what follows from it on `today`; an asset with no row reads as all empty. */
export function toApi(deviceId: number, r: repo.FinanceRow | undefined, today: string, alertDays: number): AssetFinance {
  const costCents = r?.cost == null ? null : toCents(r.cost);
  const end = warrantyEnd(r?.warranty_start ?? null, r?.warranty_months ?? null);
  const w = warrantyState(end, today, alertDays);
  const value = currentValueCents({ method: r?.depreciation_method ?? 'none', costCents, months: r?.depreciation_months ?? null, from: r?.purchase_date ?? r?.warranty_start ?? null }, today);
  return {
    deviceId,
    purchaseDate: r?.purchase_date ?? null,
    orderNumber: r?.order_number ?? null,
    invoiceNumber: r?.invoice_number ?? null,
    supplier: r?.supplier ?? null,
    cost: costCents === null ? null : centsToAmount(costCents),
    currency: r?.currency ?? null,
    warrantyStart: r?.warranty_start ?? null,
    warrantyMonths: r?.warranty_months ?? null,
    depreciationMethod: r?.depreciation_method ?? 'none',
    depreciationMonths: r?.depreciation_months ?? null,
    warrantyEndsOn: end,
    warrantyStatus: w.status,
    daysLeft: w.daysLeft,
    currentValue: value === null ? null : centsToAmount(value),
    updatedAt: r ? new Date(r.updated_at).toISOString() : null,
  };
}

export async function getFinance(db: Db, deviceId: number, now: Date, alertDays: number): Promise<AssetFinance> {
  if (!(await repo.deviceExists(db, deviceId))) throw new NotFoundError(`device ${deviceId}`);
  return toApi(deviceId, await repo.findFinance(db, deviceId), dayOf(now), alertDays);
}

/** What zod cannot see alone: a cost needs its currency, linear depreciation its period. */
function check(b: AssetFinanceBody) {
  if (b.cost !== null && b.currency === null) throw new ValidationError('give the currency of cost', 'currency');
  if (b.depreciationMethod === 'linear' && b.depreciationMonths === null) throw new ValidationError('linear depreciation needs depreciationMonths', 'depreciationMonths');
  if (b.warrantyMonths !== null && b.warrantyMonths > 0 && b.warrantyStart === null && b.purchaseDate === null) {
    throw new ValidationError('a warranty duration needs warrantyStart (or a purchaseDate to start from)', 'warrantyStart');
  }
}

/** Replaces the asset's finance and warranty (the whole record), audited in the same transaction. */
export async function putFinance(db: Db, deviceId: number, b: AssetFinanceBody, actor: AuditActor, now: Date, alertDays: number): Promise<AssetFinance> {
  check(b);
  return inTransaction(db, async (tx) => {
    if (!(await repo.deviceExists(tx, deviceId))) throw new NotFoundError(`device ${deviceId}`);
    const before = await repo.findFinance(tx, deviceId);
    await repo.upsertFinance(
      tx,
      deviceId,
      {
        purchase_date: b.purchaseDate,
        order_number: b.orderNumber,
        invoice_number: b.invoiceNumber,
        supplier: b.supplier,
        cost: b.cost === null ? null : b.cost.toFixed(2),
        currency: b.currency,
        // No start given: the warranty runs from the purchase.
        warranty_start: b.warrantyStart ?? (b.warrantyMonths ? b.purchaseDate : null),
        warranty_months: b.warrantyMonths,
        depreciation_method: b.depreciationMethod,
        depreciation_months: b.depreciationMonths,
      },
      now,
    );
    const after = toApi(deviceId, await repo.findFinance(tx, deviceId), dayOf(now), alertDays);
    const was = toApi(deviceId, before, dayOf(now), alertDays);
    const changed = Object.fromEntries(
      (Object.keys(b) as (keyof AssetFinanceBody)[]).filter((k) => was[k] !== after[k]).map((k) => [k, { from: was[k], to: after[k] }]),
    );
    await recordAudit(tx, { actor, action: 'asset_finance.changed', target: { type: 'device', id: deviceId }, detail: changed, at: now });
    return after;
  });
}
